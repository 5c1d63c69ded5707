#include "explain/facts_listing.hpp"

#include "explain/build_report.hpp"
#include "explain/wording.hpp"

#include <algorithm>
#include <tuple>

namespace cybernorms::explain {

namespace {

// Each possible fact gets a search of its own, with the whole budget.
DerivedFact derived_fact(const infer::Session& session, infer::FactId fact, const HingeOptions& options) {
  DerivedFact derived{fact_ref(session, fact), session.truth(fact) == base::Truth::yes, {}};
  if (derived.established) return derived;
  infer::HingeSearch search(session, std::max<std::size_t>(options.max_sets, 8), options.budget);
  auto reported = reported_hinges(session, search.find(fact, options.max_sets));
  derived.hinge_sets = std::move(reported.sets);
  derived.hinge_sets_found = reported.found;
  derived.hinge_limit = reported.limit;
  return derived;
}

bool matches_goal(std::span<const base::SymbolId> args, std::span<const std::optional<base::SymbolId>> goal) {
  for (std::size_t i = 0; i < args.size() && i < goal.size(); ++i)
    if (goal[i] && *goal[i] != args[i]) return false;
  return true;
}

}  // namespace

std::vector<DerivedFact> derived_facts(const infer::Session& session, const HingeOptions& options) {
  std::vector<std::tuple<compile::RelationId, std::string, infer::FactId>> keyed;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
    if (session.base_truth(fact) != base::Truth::no) continue;
    const FactRef ref = fact_ref(session, fact);
    keyed.emplace_back(session.relation_of(fact), plain_fact(ref.relation, ref.args), fact);
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<DerivedFact> derived;
  derived.reserve(keyed.size());
  for (const auto& entry : keyed) derived.push_back(derived_fact(session, std::get<2>(entry), options));
  return derived;
}

GoalAnswer answer_goal(const infer::Session& session, compile::RelationId relation,
                       std::span<const std::optional<base::SymbolId>> goal, std::vector<std::string> shown,
                       const HingeOptions& options) {
  const compile::RuleSet& rules = session.network().rules();
  GoalAnswer answer{fact_ref(rules, relation, std::move(shown)), {}, {}};
  for (const auto fact : session.facts_of(relation))
    if (matches_goal(session.args(fact), goal)) answer.matches.push_back(derived_fact(session, fact, options));
  if (answer.matches.empty()) answer.why_not = why_not(rules, session, relation, goal);
  return answer;
}

}  // namespace cybernorms::explain
