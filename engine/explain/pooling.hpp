// Findings for a state no stated fact names. Where a role of a principle can be filled
// only through an open "which" question (where is the server? whose territory was
// used?), each state the question could name gets a possible finding of its own, and a
// report lists every state the scenario mentions as "possibly injured" or "possibly
// responsible". Such findings are pooled into one: the principle may be implicated for
// whichever state answers the question, and the candidates are counted, not multiplied.
#pragma once
#include "infer/hinges.hpp"
#include "infer/session.hpp"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace cybernorms::explain {

/// One possible finding of a principle, as pooling sees it: its fact and its minimal hinge
/// sets, all of them (a finding whose search was cut short is never pooled).
struct PoolCandidate {
  infer::FactId fact = 0;
  std::vector<std::span<const infer::HingeLiteral>> sets;
};

/// Possible findings of one principle that become one: they differ only in the value of
/// `role`, and every hinge set of each needs, true, an unknown fact of one relation that
/// differs between them only in that value, at an argument its question leaves for the
/// answer to name ("Where is {asset} located?" is answered by a state).
struct Pool {
  std::size_t role = 0;              ///< argument position in the principle's relation
  std::vector<std::size_t> members;  ///< indices into the candidates given, in their order
  std::vector<infer::FactId> asked;  ///< per member, the unknown fact naming its value
  std::size_t asked_position = 0;    ///< where in those facts the value stands
};

namespace detail {

/// An unknown fact with the value a finding's role holds left out: the relation, where
/// the value stands, and the other arguments (the value's place holds no symbol).
struct Signature {
  compile::RelationId relation = 0;
  std::size_t position = 0;
  std::vector<base::SymbolId> args;
  friend auto operator<=>(const Signature&, const Signature&) = default;
  friend bool operator==(const Signature&, const Signature&) = default;
};

/// What findings must share to be pooled: the role, the signature, the other values.
struct PoolKey {
  std::size_t role = 0;
  Signature signature;
  std::vector<base::SymbolId> others;
  friend auto operator<=>(const PoolKey&, const PoolKey&) = default;
  friend bool operator==(const PoolKey&, const PoolKey&) = default;
};

/// An unknown fact that names a value at `position`, where its question leaves the answer.
struct Answering {
  infer::FactId fact = 0;
  std::size_t position = 0;
  friend bool operator==(const Answering&, const Answering&) = default;
};

/// A finding with a signature for one of its roles, under the key it pools by.
struct PoolEntry {
  PoolKey key;
  std::size_t finding = 0;
};

}  // namespace detail

/// Storage pooling reuses from call to call, as a compact batch pools one principle after
/// another, scenario after scenario: made anew each time, it was the largest share of a
/// compact record's allocations. Vectors of vectors are used up to a count, so the inner
/// ones keep their storage too.
struct PoolingScratch {
  std::vector<PoolCandidate> candidates;
  std::size_t candidate_count = 0;
  std::vector<std::size_t> fact_of;  ///< candidate -> index into the facts
  std::vector<detail::PoolEntry> entries;
  std::size_t entry_count = 0;
  std::vector<std::size_t> order;  ///< entries by key, then by finding
  std::vector<std::pair<std::size_t, std::size_t>> groups;  ///< runs of one key in `order`: start, length
  std::vector<std::size_t> ordered;  ///< groups, by first member and role
  std::vector<std::uint8_t> taken;
  detail::Signature signature;
  std::vector<detail::Answering> common, here, both;
};

/// The value a pooled role holds in reports and records: `?`, the unknown fact that
/// names it with `_` for the value, `:` and the candidates joined by `|`
/// (`?asset_in(mail_server,_):borvania|cerat`), so two pools of the same candidates
/// filled by different questions differ.
std::string pooled_token(const infer::Session& session, infer::FactId asked, std::size_t position,
                         const std::vector<std::string>& candidates);

/// The pools among one principle's possible findings (given in report order), in the
/// order of their first members; each finding is in at most one pool, and a pool has
/// two members or more; into `pools`, with storage kept in `scratch`.
void unstated_role_pools(const infer::Session& session, std::span<const PoolCandidate> findings,
                         PoolingScratch& scratch, std::vector<Pool>& pools);

/// One principle's findings as reports and compact records list them: `pools` with their
/// members as indices into the facts, and per fact the pool it is in (`no_pool` if none).
struct PooledFindings {
  static constexpr std::size_t no_pool = static_cast<std::size_t>(-1);
  std::vector<Pool> pools;
  std::vector<std::size_t> pool_of;
  /// Whether the finding at `k` is where its pool is listed (its first member).
  bool starts_pool(std::size_t k) const { return pool_of[k] != no_pool && pools[pool_of[k]].members.front() == k; }
  bool in_pool(std::size_t k) const { return pool_of[k] != no_pool; }
};

/// The pools among one principle's facts (in report order), from each possible fact's
/// hinge result (`results[k]`; those of implicated facts are not read). A fact whose
/// search was cut short, or whose sets are not all in its result, is never pooled.
PooledFindings pool_findings(const infer::Session& session, std::span<const infer::FactId> facts,
                             std::span<const infer::HingeResult> results);
/// The same into `pooled` (its storage reused), with storage kept in `scratch`.
void pool_findings(const infer::Session& session, std::span<const infer::FactId> facts,
                   std::span<const infer::HingeResult> results, PoolingScratch& scratch, PooledFindings& pooled);

}  // namespace cybernorms::explain
