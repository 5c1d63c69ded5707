// Hinges: which unknown base facts a possible fact depends on, and the values it needs.
#pragma once
#include "infer/session.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace cybernorms::infer {

/// Why a hinge search may have missed minimal sets, as bits of HingeResult::cut; none set
/// means it found every minimal set it looked for.
namespace hinge_cut {
inline constexpr std::uint8_t work = 1;         ///< the work budget ran out
inline constexpr std::uint8_t depth = 2;        ///< a chain of derivations was deeper than max_hinge_depth
inline constexpr std::uint8_t derivations = 4;  ///< a fact had more derivations than were kept
inline constexpr std::uint8_t sets = 8;         ///< a fact had more minimal sets than the search keeps per fact
}  // namespace hinge_cut

/// Steps one search may take before it stops (its work budget), by default: each fact it
/// searches that it does not remember, and each merge of two sets, is one. Facts on a
/// cycle of possible derivations are searched again on every path through the cycle,
/// whose number can grow exponentially, so visits count as merges do.
inline constexpr std::size_t default_hinge_budget = 200'000;
/// Minimal sets a search keeps per fact, at the least: enough that the sets one question's
/// alternatives make (eleven governmental functions, every state an asset may be in) are
/// all there when reports merge them into ways, and the same for every output, so a
/// compact batch record and a report of one scenario agree on what was found.
inline constexpr std::size_t min_sets_kept = 32;
inline std::size_t sets_kept(std::size_t asked) { return asked > min_sets_kept ? asked : min_sets_kept; }
/// Nesting of facts the search follows; deeper chains are cut, never the stack.
inline constexpr std::size_t max_hinge_depth = 2'000;

/// A fact's hinge sets and whether they are all there are.
struct HingeResult {
  std::vector<HingeSet> sets;  ///< up to the number asked for, smallest first
  std::uint8_t cut = 0;        ///< hinge_cut bits: why minimal sets may be missing; 0: none are
  std::size_t found = 0;       ///< minimal sets found before the list was cut to the number asked for
  bool complete() const { return cut == 0; }
};

/// Finds hinge sets from the kept derivations of the upper model: a fact becomes
/// established when one of its derivations has every premise established and every
/// negated fact made false; a fact becomes false when each of its derivations loses a
/// premise or has a negated fact established. Every set found is sufficient; sets only
/// found through a cycle of derivations are left out, which keeps them sound. Results are
/// remembered, so one search serves all the facts of a report, and so does its work budget.
/// A set that includes one already found for the fact being searched is dropped as soon as
/// it is made, with every set it would have grown into.
/// Whatever stops it early (budget, depth, a fact's derivations or sets past what is kept)
/// is recorded with the sets it cuts short, so every result says whether it is complete.
class HingeSearch {
 public:
  /// `cap`: how many sets are kept per fact while searching (at least what callers ask for);
  /// `budget`: steps (facts searched, merges of two sets) allowed in all, over every fact searched.
  explicit HingeSearch(const Session& session, std::size_t cap = 8, std::size_t budget = default_hinge_budget);

  /// Up to `max_sets` minimal sets, smallest first (see Session::hinges), with how many
  /// were found and what, if anything, cut the search short.
  HingeResult find(FactId fact, std::size_t max_sets);
  /// The same into `result`, whose vectors are reused: a report's findings, searched one
  /// after another into the same results, then allocate only when a list grows.
  void find(FactId fact, std::size_t max_sets, HingeResult& result);

  /// Forgets every remembered family and the work done, as a new search would, keeping
  /// the buffers: facts searched one by one, each with the whole budget, then cost what
  /// each search touches instead of the size of the session each time.
  void restart();
  /// restart() with another work budget for the searches to come.
  void restart(std::size_t budget) {
    restart();
    budget_ = budget;
  }

 private:
  /// A hinge set while searching: `size` literals from `begin` in literals_, each coded
  /// fact * 2 + needs_true (so codes sort as HingeLiteral does), with a 64-bit signature of
  /// its facts that rules out most subset tests at a glance, and a 64-bit mask of the
  /// exclusive groups its true literals are in, which rules out most clashes of a group.
  struct SetRef {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    std::uint64_t signature = 0;
    std::uint64_t groups = 0;
    std::uint64_t order = 0;  ///< orders most sets without reading their literals (order_key)
  };
  using Family = std::vector<SetRef>;
  /// A family kept in families_: `size` sets from `begin`. Families are kept once built,
  /// remembered or not, so a fact asked for again costs no copy.
  struct FamilyRef {
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
  };
  static constexpr FamilyRef empty_family{0, 0};    ///< no set: cannot be made so
  static constexpr FamilyRef trivial_family{1, 1};  ///< the empty set: holds already
  FamilyRef need_true(FactId fact);
  FamilyRef need_false(FactId fact);
  /// Sets already found for the fact being searched, with their signatures or-ed: a set
  /// that includes one of them, and every set it would grow into, is not minimal, so the
  /// search drops it as soon as it is made.
  struct Cover {
    std::span<const SetRef> sets;
    std::uint64_t signatures = 0;
  };
  Family establish(const Derivation& derivation, const Cover& found);
  bool covers(const Cover& cover, SetRef set) const;
  static std::uint64_t signatures_of(std::span<const SetRef> family);
  Family refute(const Derivation& derivation);
  Family product(Family left, std::span<const SetRef> right, const Cover& found);  ///< left by value: callers hand it over
  FamilyRef cycle(FamilyRef result);
  FamilyRef cut(std::uint8_t reason, FamilyRef result);  ///< records a hinge_cut reason, passes the result on
  FamilyRef keep(const Family& family);
  Family spare_family();
  void give_back(Family family);
  static bool is_disjoint(SetRef set, std::span<const SetRef> family);
  Family extend(SetRef set, std::span<const SetRef> family, Family into, const Cover& found);
  std::span<const SetRef> sets_of(FamilyRef family) const;
  /// Counts one step of work (a fact searched that was not remembered, or a merge of two
  /// sets); true once the budget is spent.
  bool out_of_work();
  SetRef single(FactId fact, bool needs_true);
  /// The union of two sets, appended to literals_, or nullopt when it needs one fact both
  /// true and false, or two facts of one exclusive group true.
  std::optional<SetRef> merge(SetRef left, SetRef right);
  /// Room for `count` more literals past the ones in use. The arena only grows: its size
  /// is the most it ever held and literals_used_ how much is in use, so a merge neither
  /// fills new room with zeros nor shrinks it back, as resizing each time would.
  std::uint32_t* literal_room(std::uint32_t count) {
    const std::size_t needed = std::size_t{literals_used_} + count;
    if (literals_.size() < needed) literals_.resize(std::max(needed, 2 * literals_.size()));
    return literals_.data() + literals_used_;
  }
  bool is_exclusive_clash(SetRef set) const;
  bool is_subset(SetRef small, SetRef large) const;
  bool comes_before(SetRef a, SetRef b) const;  ///< smaller first, then by literals
  /// Keeps the minimal sets, smallest first, at most cap_. True when a minimal set had to
  /// be left out for the cap, so the family is no longer all there is.
  bool minimize(Family& family) const;
  bool minimize_pair(Family& family) const;
  void literals_of(SetRef set, HingeSet& literals) const;
  /// Sizes a result's list of sets, keeping the storage of the sets it drops for those
  /// it adds later (a report's findings are searched into the same results).
  void fit(std::vector<HingeSet>& sets, std::size_t count);

  const Session& session_;
  std::size_t cap_;
  std::size_t budget_;
  std::vector<std::uint32_t> literals_;  ///< every set's literals, from 0 to literals_used_
  std::uint32_t literals_used_ = 0;      ///< literals_ in use, back to 0 on restart()
  Family product_;                       ///< product's buffer, kept for its capacity
  Family families_;                      ///< every family built, from index 2 (see empty_family)
  std::vector<Family> spare_;            ///< vectors of dropped families, for reuse
  std::vector<HingeSet> spare_sets_;     ///< sets dropped from results by fit(), for reuse
  std::vector<std::optional<FamilyRef>> memo_true_;
  std::vector<std::optional<FamilyRef>> memo_false_;
  std::vector<std::uint8_t> memo_true_cut_;   ///< hinge_cut bits of each remembered family
  std::vector<std::uint8_t> memo_false_cut_;
  std::vector<bool> on_true_;
  std::vector<bool> on_false_;
  std::vector<FactId> remembered_;  ///< facts with a remembered family, for restart()
  std::size_t cycles_ = 0;
  std::uint8_t cut_ = 0;  ///< hinge_cut bits met since the family being built was started
  std::size_t work_ = 0;
  std::size_t depth_ = 0;  ///< nesting of need_true/need_false, bounded so no chain overflows the stack
};

}  // namespace cybernorms::infer
