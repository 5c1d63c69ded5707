// What a batch record needs of an evaluation, and no more: per principle its findings
// (the fact, its level, its hinge sets as facts of the session) or that it has none.
// Nothing is worded, cited or copied as text: the record is written from the session
// directly (render/compact_record.hpp), and the storage is reused scenario after
// scenario, so the batch path allocates little once it has run a while.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/pooling.hpp"
#include "explain/report.hpp"
#include "infer/hinges.hpp"
#include "infer/session.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace cybernorms::explain {

/// One finding: a fact of a principle's relation in the upper model.
struct OutcomeFinding {
  std::uint32_t principle = 0;  ///< index into RuleSet::principles
  infer::FactId fact = 0;
  Level level = Level::implicated;
  std::uint32_t first_set = 0;  ///< its hinge sets: Outcome::sets[first_set, first_set + set_count)
  std::uint32_t set_count = 0;
  std::size_t sets_found = 0;  ///< as Finding::hinge_sets_found
  HingeLimit hinge_limit = HingeLimit::none;
  /// For a finding that pools one per candidate of an open question (Finding::pooled):
  /// the role's position, and its members' facts, Outcome::candidates[first_candidate,
  /// first_candidate + candidate_count); `fact` is the first of them.
  std::uint32_t pooled_role = not_pooled;
  std::uint32_t first_candidate = 0;
  std::uint32_t candidate_count = 0;
  infer::FactId asked = 0;             ///< the unknown fact naming the first candidate
  std::uint32_t asked_position = 0;    ///< where the candidate stands in it
  static constexpr std::uint32_t not_pooled = UINT32_MAX;
  bool is_pooled() const { return pooled_role != not_pooled; }
};

/// The hinge sets of all findings, flat: set k is literals [set_ends[k - 1], set_ends[k]).
struct Outcome {
  std::vector<OutcomeFinding> findings;  ///< principle order, then role values as text
  std::vector<std::uint32_t> set_ends;
  std::vector<infer::HingeLiteral> literals;
  std::vector<std::uint32_t> without_findings;  ///< principles (indices) with no finding at all
  std::vector<infer::FactId> candidates;        ///< the members of pooled findings
  std::vector<infer::HingeResult> results;      ///< scratch: one principle's hinge results
  PooledFindings pooled;                        ///< scratch: one principle's pools
  PoolingScratch pooling;                       ///< scratch: the storage pooling reuses

  std::span<const infer::HingeLiteral> set(std::uint32_t k) const {
    const std::uint32_t begin = k == 0 ? 0 : set_ends[k - 1];
    return {literals.data() + begin, set_ends[k] - begin};
  }
  void clear() {
    findings.clear();
    set_ends.clear();
    literals.clear();
    without_findings.clear();
    candidates.clear();
  }
};

/// Fills `outcome` (cleared first) from an evaluated session: the findings Report would
/// hold, in its order, pooled as it pools them, with up to `max_hinge_sets` hinge sets each. `hinges` is a search
/// over this session, fresh or restarted: one search serves the whole outcome and its
/// budget. `scratch` is storage reused from call to call.
void build_outcome(const compile::RuleSet& rules, const infer::Session& session, std::size_t max_hinge_sets,
                   infer::HingeSearch& hinges, Outcome& outcome, std::vector<infer::FactId>& scratch);

/// Sorts one principle's facts in report order: by their values as text, value by value.
/// Reports and compact records both use it, so they list findings alike.
void sort_in_report_order(const infer::Session& session, std::vector<infer::FactId>& facts);

/// The limit a reader is told of, the first in this order when several cut the search:
/// work budget, depth, derivations, sets per fact.
HingeLimit first_limit(std::uint8_t hinge_cut_bits);

}  // namespace cybernorms::explain
