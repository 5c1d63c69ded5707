#include "explain/facts_listing.hpp"

#include "explain/build_report.hpp"
#include "explain/wording.hpp"

#include <algorithm>
#include <tuple>

namespace cybernorms::explain {

namespace {

infer::HingeSearch hinge_search(const infer::Session& session, const HingeOptions& options) {
  return infer::HingeSearch(session, infer::sets_kept(options.max_sets), options.budget);
}

// Each possible fact gets a search of its own, with the whole budget: `search` restarted,
// which costs what the last search touched (a new one would cost the whole session).
DerivedFact derived_fact(const infer::Session& session, infer::FactId fact, FactRef ref, const HingeOptions& options,
                         infer::HingeSearch& search) {
  DerivedFact derived{std::move(ref), session.truth(fact) == base::Truth::yes, {}};
  if (derived.established) return derived;
  search.restart();
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
  struct Keyed {
    compile::RelationId relation;
    std::string text;  ///< `rel(a, b)`: the listing's order within a relation
    infer::FactId fact;
    FactRef ref;
  };
  std::vector<Keyed> keyed;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
    if (session.base_truth(fact) != base::Truth::no) continue;
    FactRef ref = fact_ref(session, fact);
    std::string text = plain_fact(ref.relation, ref.args);
    keyed.push_back({session.relation_of(fact), std::move(text), fact, std::move(ref)});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return std::tie(a.relation, a.text, a.fact) < std::tie(b.relation, b.text, b.fact);
  });
  std::vector<DerivedFact> derived;
  derived.reserve(keyed.size());
  infer::HingeSearch search = hinge_search(session, options);
  for (Keyed& entry : keyed) derived.push_back(derived_fact(session, entry.fact, std::move(entry.ref), options, search));
  return derived;
}

GoalAnswer answer_goal(const infer::Session& session, compile::RelationId relation,
                       std::span<const std::optional<base::SymbolId>> goal, std::vector<std::string> shown,
                       const HingeOptions& options, std::string_view profile) {
  const compile::RuleSet& rules = session.network().rules();
  GoalAnswer answer{fact_ref(rules, relation, std::move(shown)), {}, {}};
  infer::HingeSearch search = hinge_search(session, options);
  for (const auto fact : session.facts_of(relation))
    if (matches_goal(session.args(fact), goal))
      answer.matches.push_back(derived_fact(session, fact, fact_ref(session, fact), options, search));
  if (answer.matches.empty()) answer.why_not = why_not(rules, session, relation, goal, profile);
  return answer;
}

}  // namespace cybernorms::explain
