// A generated rule file of any size, for the scale test and the parse+check benchmark:
// chains of derived relations, negations, parameters, alternatives and exceptions, all
// of it clean (no errors, no warnings).
#pragma once
#include <fmt/core.h>

#include <array>
#include <string>

namespace cybernorms::testing {

inline std::string generated_vocabulary() {
  return R"(source doc "A test document" {
  file "doc.txt"
  heading "Part One / Duties"
}
type scale = { minor, significant, severe }
type act_kind = { access, theft, wiper }
entity operation from operations
entity state from states
relation act(op: operation, kind: act_kind) from operations.acts[]
relation by(op: operation, state: state) from operations.by
relation hits(op: operation, state: state) from operations.hits[]
relation consent(op: operation, state: state) from operations.consent_by[]
relation size(op: operation, scale: scale) from operations.size
param threshold: scale = significant
principle harm(actor: state, victim: state, op: operation) {
  title "Harm"
  cite doc section "Part One / Duties" quote "No state shall harm another"
}
)";
}

/// The body of generated rule `index`, which concludes step<index % chain>.
inline std::string generated_body(std::size_t index, std::size_t chain) {
  const std::array<const char*, 3> kinds{"access", "theft", "wiper"};
  const std::size_t step = index % chain;
  std::string body = fmt::format("by(Op, S) and act(Op, {}) and ", kinds[index % kinds.size()]);
  body += step == 0 ? "hits(Op, S)" : fmt::format("step{}(Op, S)", step - 1);
  if (index % 5 == 0) body += " and size(Op, Z) and Z >= $threshold";
  if (index % 7 == 0) body += " and not consent(Op, S)";
  if (index % 11 == 0) body += " and (act(Op, access) or act(Op, theft))";
  return body;
}

/// `rule_count` rules over `rule_count / 10` chained derived relations, one rule
/// concluding the principle from the last of them, and an exception per 50 relations.
inline std::string generated_rule_file(std::size_t rule_count) {
  const std::size_t chain = rule_count < 10 ? 1 : rule_count / 10;
  std::string text = generated_vocabulary();
  for (std::size_t step = 0; step < chain; ++step) text += fmt::format("relation step{}(op: operation, state: state)\n", step);
  for (std::size_t index = 0; index < rule_count; ++index) {
    text += fmt::format(
        "rule step.r{0} {{\n  conclude step{1}(Op, S)\n  when {2}\n  because \"{{Op}} by {{S}}, step {0}\"\n"
        "  cite doc section \"Part One / Duties\" quote \"No state shall harm another\"\n}}\n",
        index, index % chain, generated_body(index, chain));
  }
  for (std::size_t step = 0; step < chain; step += 50) {
    text += fmt::format(
        "exception consented{0} for step{0}(Op, S) {{\n  when consent(Op, S)\n  because \"{{S}} consented to {{Op}}\"\n"
        "  cite doc section \"Part One / Duties\" quote \"No state shall harm another\"\n}}\n",
        step);
  }
  text += fmt::format(
      "rule harm.chain {{\n  conclude harm(A, V, Op)\n  when step{}(Op, A) and hits(Op, V) and A != V\n"
      "  because \"{{A}} harmed {{V}} by {{Op}}\"\n"
      "  cite doc section \"Part One / Duties\" quote \"No state shall harm another\"\n}}\n",
      chain - 1);
  return text;
}

/// One rule whose body conjoins `atoms` atoms in a chain, `hits(Op, S0) and by(Op, S0)
/// and ... `, with a negation every tenth atom: the worst case for ordering a body.
inline std::string long_body_rule_file(std::size_t atoms) {
  std::string text = generated_vocabulary();
  text += "relation linked(op: operation, a: state, b: state)\n";
  std::string body = "by(Op, S0)";
  for (std::size_t i = 1; i < atoms; ++i) {
    body += fmt::format(" and linked(Op, S{}, S{})", i - 1, i);
    if (i % 10 == 0) body += fmt::format(" and not consent(Op, S{})", i);
  }
  text += fmt::format(
      "rule harm.long {{\n  conclude harm(S0, S{}, Op)\n  when {}\n  because \"{{Op}}\"\n"
      "  cite doc section \"Part One / Duties\" quote \"No state shall harm another\"\n}}\n",
      atoms - 1, body);
  return text;
}

}  // namespace cybernorms::testing
