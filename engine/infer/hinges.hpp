// Hinges: which unknown base facts a possible fact depends on, and the values it needs.
#pragma once
#include "infer/session.hpp"

#include <optional>
#include <vector>

namespace cybernorms::infer {

/// Finds hinge sets from the kept derivations of the upper model: a fact becomes
/// established when one of its derivations has every premise established and every
/// negated fact made false; a fact becomes false when each of its derivations loses a
/// premise or has a negated fact established. Every set found is sufficient; sets only
/// found through a cycle of derivations are left out, which keeps them sound. Results are
/// remembered, so one search serves all the facts of a report. Work is bounded.
class HingeSearch {
 public:
  /// `cap`: how many sets are kept per fact while searching (at least what callers ask for).
  explicit HingeSearch(const Session& session, std::size_t cap = 8);

  /// Up to `max_sets` minimal sets, smallest first (see Session::hinges).
  std::vector<HingeSet> find(FactId fact, std::size_t max_sets);

 private:
  using Family = std::vector<HingeSet>;
  Family need_true(FactId fact);
  Family need_false(FactId fact);
  Family establish(const Derivation& derivation);
  Family refute(const Derivation& derivation);
  Family product(const Family& left, const Family& right);
  Family cycle(Family result);
  std::vector<FactId> negated_facts(const Derivation& derivation);

  const Session& session_;
  std::size_t cap_;
  std::vector<std::optional<Family>> memo_true_;
  std::vector<std::optional<Family>> memo_false_;
  std::vector<bool> on_true_;
  std::vector<bool> on_false_;
  std::vector<SymbolId> key_;
  std::size_t cycles_ = 0;
  std::size_t work_ = 0;
  std::size_t depth_ = 0;  ///< nesting of need_true/need_false, bounded so no chain overflows the stack
};

}  // namespace cybernorms::infer
