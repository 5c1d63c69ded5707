// Small helpers for tests: facts written as `rel(a, b)`, read back as text.
#pragma once
#include "infer/session.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::testing {

struct GroundFact {
  compile::RelationId relation = 0;
  std::vector<infer::SymbolId> args;
};

/// Parses `rel(a, b)` against a session's relations, interning the values.
inline GroundFact ground(infer::Session& session, std::string_view text) {
  const auto open = text.find('(');
  const auto& rules = session.network().rules();
  GroundFact fact{*rules.find_relation(text.substr(0, open)), {}};
  std::string_view rest = text.substr(open + 1, text.rfind(')') - open - 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    auto value = rest.substr(0, comma);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    fact.args.push_back(session.intern(value));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return fact;
}

inline void add(infer::Session& session, std::string_view text, base::Truth truth = base::Truth::yes) {
  const auto fact = ground(session, text);
  session.add_fact(fact.relation, fact.args, truth);
}

inline base::Truth truth(infer::Session& session, std::string_view text) {
  const auto fact = ground(session, text);
  return session.truth_of(fact.relation, fact.args);
}

inline std::string fact_text(const infer::Session& session, infer::FactId fact) {
  std::string text = session.network().rules().relations[session.relation_of(fact)].name + "(";
  const auto args = session.args(fact);
  for (std::size_t i = 0; i < args.size(); ++i) text += (i ? ", " : "") + session.symbol_name(args[i]);
  return text + ")";
}

/// The facts of one relation as sorted text, each with `?` when only possible.
inline std::vector<std::string> facts(const infer::Session& session, std::string_view relation) {
  std::vector<std::string> found;
  for (const auto fact : session.facts_of(*session.network().rules().find_relation(relation)))
    found.push_back(fact_text(session, fact) + (session.truth(fact) == base::Truth::unknown ? "?" : ""));
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace cybernorms::testing
