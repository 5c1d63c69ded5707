// Helpers for the compile tests: check rule text held in a string, and show diagnostics
// in the one-line form golden files use ("3:5 error[E201] unknown relation 'x'").
#pragma once
#include "compile/compile.hpp"
#include "dsl/parse.hpp"

#include <doctest/doctest.h>
#include <fmt/core.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

/// Lists of lines show one line each in failure messages.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const std::string& line : lines) out += "\n  " + line;
    return (out + "\n}").c_str();
  }
};

namespace cybernorms::testing {

/// Rule text checked and, if clean, lowered: the diagnostics sorted by place.
struct Checked {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  std::optional<compile::RuleSet> rules;
};

inline Checked check_text(const std::string& text) {
  Checked out;
  const base::FileId id = out.sources.add("test.cnr", text);
  const dsl::ast::RuleFile file = dsl::parse(out.sources, id, out.diagnostics);
  out.rules = compile::compile({file}, out.sources, out.diagnostics);
  out.diagnostics.sort();
  return out;
}

/// "line:col severity[code] message", or without the place when there is none. A place
/// in another file than the first is prefixed with that file's name ("b.cnr:2:1").
inline std::string one_line(const base::Diagnostic& diagnostic, const base::SourceSet* sources = nullptr) {
  const std::string head = fmt::format("{}[{}] {}", base::to_string(diagnostic.severity), diagnostic.code,
                                       diagnostic.message);
  if (!diagnostic.span.is_known()) return head;
  std::string file;
  if (sources != nullptr && diagnostic.span.file != 0 && diagnostic.span.file < sources->size()) {
    file = std::filesystem::path(sources->file(diagnostic.span.file).name()).filename().string() + ":";
  }
  return fmt::format("{}{}:{} {}", file, diagnostic.span.line, diagnostic.span.column, head);
}

/// Every diagnostic of at least `least` severity, one line each.
inline std::vector<std::string> lines(const base::Diagnostics& diagnostics,
                                      base::Severity least = base::Severity::note,
                                      const base::SourceSet* sources = nullptr) {
  std::vector<std::string> out;
  for (const base::Diagnostic& diagnostic : diagnostics.all()) {
    if (diagnostic.severity >= least) out.push_back(one_line(diagnostic, sources));
  }
  return out;
}

inline std::vector<std::string> errors(const Checked& checked) {
  return lines(checked.diagnostics, base::Severity::error);
}

/// The only diagnostic with `code`; fails the test if there is not exactly one.
inline const base::Diagnostic* only(const Checked& checked, std::string_view code) {
  const base::Diagnostic* found = nullptr;
  int count = 0;
  for (const base::Diagnostic& diagnostic : checked.diagnostics.all()) {
    if (diagnostic.code == code) {
      found = &diagnostic;
      ++count;
    }
  }
  return count == 1 ? found : nullptr;
}

inline std::string term_text(const compile::RuleSet& rules, const compile::Rule& rule, const compile::Term& term) {
  return term.is_variable() ? rule.variable_names.at(term.value) : rules.symbols.name(term.value);
}

inline std::string atom_text(const compile::RuleSet& rules, const compile::Rule& rule, compile::RelationId relation,
                             const std::vector<compile::Term>& args) {
  std::string out = rules.relations.at(relation).name + "(";
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + term_text(rules, rule, args[i]);
  return out + ")";
}

inline std::string literal_text(const compile::RuleSet& rules, const compile::Rule& rule,
                                const compile::Literal& literal) {
  if (const auto* atom = std::get_if<compile::AtomLiteral>(&literal)) {
    return (atom->negated ? "not " : "") + atom_text(rules, rule, atom->relation, atom->args);
  }
  const auto& compare = std::get<compile::CompareLiteral>(literal);
  static constexpr const char* ops[] = {"=", "!=", "<", "<=", ">", ">="};
  return fmt::format("{} {} {}", term_text(rules, rule, compare.left), ops[static_cast<int>(compare.op)],
                     term_text(rules, rule, compare.right));
}

/// A compiled rule as one line: "head(A) :- body1(A), not body2(A), A != b".
inline std::string rule_text(const compile::RuleSet& rules, const compile::Rule& rule) {
  std::string out = atom_text(rules, rule, rule.head, rule.head_args) + " :- ";
  for (std::size_t i = 0; i < rule.body.size(); ++i) out += (i ? ", " : "") + literal_text(rules, rule, rule.body[i]);
  return out;
}

/// A small valid vocabulary that tests put after their own lines, so those keep small
/// line numbers.
inline const std::string vocabulary = R"(
source doc "A test document" {
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
relation hostile(s: state) from states.hostile
param threshold: scale = significant
principle harm(actor: state, victim: state, op: operation) {
  title "Harm"
  cite doc section "Part One / Duties" quote "No state shall harm another"
}
)";

}  // namespace cybernorms::testing
