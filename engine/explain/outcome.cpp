#include "explain/outcome.hpp"

#include <algorithm>

namespace cybernorms::explain {

namespace {

// Report order within a principle: by the facts' values as text, value by value.
bool values_before(const infer::Session& session, infer::FactId a, infer::FactId b) {
  const auto left = session.args(a);
  const auto right = session.args(b);
  return std::lexicographical_compare(left.begin(), left.end(), right.begin(), right.end(),
                                      [&](base::SymbolId x, base::SymbolId y) {
                                        return x != y && session.symbol_name(x) < session.symbol_name(y);
                                      });
}

void add_hinges(infer::FactId fact, std::size_t max_hinge_sets, infer::HingeSearch& hinges, Outcome& outcome,
                OutcomeFinding& finding) {
  const infer::HingeResult result = hinges.find(fact, max_hinge_sets);
  finding.first_set = static_cast<std::uint32_t>(outcome.set_ends.size());
  finding.set_count = static_cast<std::uint32_t>(result.sets.size());
  finding.sets_found = result.found;
  finding.hinge_limit = first_limit(result.cut);
  for (const infer::HingeSet& set : result.sets) {
    outcome.literals.insert(outcome.literals.end(), set.begin(), set.end());
    outcome.set_ends.push_back(static_cast<std::uint32_t>(outcome.literals.size()));
  }
}

}  // namespace

void sort_in_report_order(const infer::Session& session, std::vector<infer::FactId>& facts) {
  std::sort(facts.begin(), facts.end(), [&](infer::FactId a, infer::FactId b) { return values_before(session, a, b); });
}

HingeLimit first_limit(std::uint8_t cut) {
  if (cut & infer::hinge_cut::work) return HingeLimit::work_budget;
  if (cut & infer::hinge_cut::depth) return HingeLimit::depth;
  if (cut & infer::hinge_cut::derivations) return HingeLimit::derivations;
  if (cut & infer::hinge_cut::sets) return HingeLimit::sets_per_fact;
  return HingeLimit::none;
}

void build_outcome(const compile::RuleSet& rules, const infer::Session& session, std::size_t max_hinge_sets,
                   infer::HingeSearch& hinges, Outcome& outcome, std::vector<infer::FactId>& scratch) {
  outcome.clear();
  for (std::uint32_t p = 0; p < rules.principles.size(); ++p) {
    const auto& facts = session.facts_of(rules.principles[p].relation);
    if (facts.empty()) {
      outcome.without_findings.push_back(p);
      continue;
    }
    scratch.assign(facts.begin(), facts.end());
    sort_in_report_order(session, scratch);
    for (const infer::FactId fact : scratch) {
      OutcomeFinding finding;
      finding.principle = p;
      finding.fact = fact;
      finding.level = session.truth(fact) == base::Truth::yes ? Level::implicated : Level::possible;
      if (finding.level == Level::possible) add_hinges(fact, max_hinge_sets, hinges, outcome, finding);
      outcome.findings.push_back(finding);
    }
  }
}

}  // namespace cybernorms::explain
