#include "explain/outcome.hpp"

#include "explain/pooling.hpp"

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

/// Appends sets (up to `max_hinge_sets` of them) to the outcome as the finding's own.
template <typename Sets>
void add_sets(const Sets& sets, std::size_t max_hinge_sets, Outcome& outcome, OutcomeFinding& finding) {
  finding.first_set = static_cast<std::uint32_t>(outcome.set_ends.size());
  for (const auto& set : sets) {
    if (finding.set_count == max_hinge_sets) break;
    outcome.literals.insert(outcome.literals.end(), set.begin(), set.end());
    outcome.set_ends.push_back(static_cast<std::uint32_t>(outcome.literals.size()));
    ++finding.set_count;
  }
}

/// A pooled finding: its members' sets together, smallest first, as reports list them.
OutcomeFinding pooled_finding(std::uint32_t principle, const Pool& pool, const std::vector<infer::FactId>& facts,
                              std::size_t max_hinge_sets, Outcome& outcome) {
  OutcomeFinding finding;
  finding.principle = principle;
  finding.fact = facts[pool.members.front()];
  finding.level = Level::possible;
  finding.pooled_role = static_cast<std::uint32_t>(pool.role);
  finding.first_candidate = static_cast<std::uint32_t>(outcome.candidates.size());
  finding.candidate_count = static_cast<std::uint32_t>(pool.members.size());
  finding.asked = pool.asked.front();
  finding.asked_position = static_cast<std::uint32_t>(pool.asked_position);
  std::vector<std::span<const infer::HingeLiteral>> sets;
  for (const std::size_t member : pool.members) {
    outcome.candidates.push_back(facts[member]);
    finding.sets_found += outcome.results[member].found;
    sets.insert(sets.end(), outcome.results[member].sets.begin(), outcome.results[member].sets.end());
  }
  std::stable_sort(sets.begin(), sets.end(), [](const auto& left, const auto& right) { return left.size() < right.size(); });
  add_sets(sets, max_hinge_sets, outcome, finding);
  return finding;
}

/// One principle's findings, in report order, pooled as reports pool them.
void add_findings(std::uint32_t principle, const infer::Session& session, const std::vector<infer::FactId>& facts,
                  std::size_t max_hinge_sets, infer::HingeSearch& hinges, Outcome& outcome) {
  // Only grown: the results of the facts of other principles, and their sets, stay for
  // their storage (the results read are those of the possible findings, each refilled).
  if (outcome.results.size() < facts.size()) outcome.results.resize(facts.size());
  for (std::size_t k = 0; k < facts.size(); ++k) {
    if (session.truth(facts[k]) == base::Truth::yes) continue;
    // The sets listed are enough to pool by when they are all there are; else ask for
    // every set kept (the search remembers its families, so asking again costs little).
    hinges.find(facts[k], max_hinge_sets, outcome.results[k]);
    if (outcome.results[k].found > outcome.results[k].sets.size())
      hinges.find(facts[k], infer::sets_kept(max_hinge_sets), outcome.results[k]);
  }
  pool_findings(session, facts, std::span<const infer::HingeResult>(outcome.results.data(), facts.size()),
                outcome.pooling, outcome.pooled);
  const PooledFindings& pooled = outcome.pooled;
  for (std::size_t k = 0; k < facts.size(); ++k) {
    if (pooled.starts_pool(k)) {
      outcome.findings.push_back(pooled_finding(principle, pooled.pools[pooled.pool_of[k]], facts, max_hinge_sets, outcome));
      continue;
    }
    if (pooled.in_pool(k)) continue;
    OutcomeFinding finding;
    finding.principle = principle;
    finding.fact = facts[k];
    finding.level = session.truth(facts[k]) == base::Truth::yes ? Level::implicated : Level::possible;
    if (finding.level == Level::possible) {
      const infer::HingeResult& result = outcome.results[k];
      finding.sets_found = result.found;
      finding.hinge_limit = first_limit(result.cut);
      add_sets(result.sets, max_hinge_sets, outcome, finding);
    }
    outcome.findings.push_back(finding);
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
    add_findings(p, session, scratch, max_hinge_sets, hinges, outcome);
  }
}

}  // namespace cybernorms::explain
