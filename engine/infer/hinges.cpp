#include "infer/hinges.hpp"

#include <algorithm>
#include <utility>

namespace cybernorms::infer {

namespace {

/// Counts one level of nesting for as long as it lives.
class DepthGuard {
 public:
  explicit DepthGuard(std::size_t& depth) : depth_(++depth) {}
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  bool too_deep() const { return depth_ > max_hinge_depth; }

 private:
  std::size_t& depth_;
};

std::uint32_t code_of(FactId fact, bool needs_true) { return fact * 2 + (needs_true ? 1 : 0); }
FactId fact_of(std::uint32_t code) { return code / 2; }
bool needs_true(std::uint32_t code) { return (code & 1) != 0; }
std::uint64_t signature_of(FactId fact) { return std::uint64_t{1} << (fact % 64); }

// The order of sets (smaller first, then by literals) packed into a number for their first
// two literals: size in the top 8 bits, then 28 bits per literal. A field too small for its
// value holds its largest value, so two keys that differ order their sets as the literals
// would, and only equal keys need the literals compared.
std::uint64_t order_key(std::uint32_t size, const std::uint32_t* codes) {
  constexpr std::uint64_t code_max = (std::uint64_t{1} << 28) - 1;
  const auto field = [&](std::uint32_t i) { return i < size ? std::min<std::uint64_t>(codes[i], code_max) : 0; };
  return std::min<std::uint64_t>(size, 255) << 56 | field(0) << 28 | field(1);
}

template <class Sets>
bool is_trivial(const Sets& family) { return family.size() == 1 && family.front().size == 0; }

}  // namespace

HingeSearch::HingeSearch(const Session& session, std::size_t cap, std::size_t budget)
    : session_(session), cap_(std::max<std::size_t>(cap, 1)), budget_(budget), families_(2, SetRef{}) {}

// Asked for no sets, it still searches, so `found` tells the caller how many there are.
HingeResult HingeSearch::find(FactId fact, std::size_t max_sets) {
  HingeResult result;
  find(fact, max_sets, result);
  return result;
}

void HingeSearch::find(FactId fact, std::size_t max_sets, HingeResult& result) {
  result.cut = 0;
  result.found = 0;
  if (fact >= session_.fact_count()) {
    fit(result.sets, 0);
    return;
  }
  // Sized on first use, so reports with no possible finding never pay for it, and grown
  // when the session holds more facts than before (a search reused scenario after
  // scenario over one session, restarted in between).
  if (memo_true_.size() < session_.fact_count() && session_.truth(fact) != base::Truth::yes) {
    const std::size_t count = session_.fact_count();
    memo_true_.resize(count);
    memo_false_.resize(count);
    memo_true_cut_.resize(count, 0);
    memo_false_cut_.resize(count, 0);
    on_true_.resize(count, false);
    on_false_.resize(count, false);
  }
  cut_ = 0;
  const auto family = sets_of(need_true(fact));
  result.cut = std::exchange(cut_, 0);
  result.found = family.size();
  fit(result.sets, std::min(max_sets, family.size()));
  for (std::size_t i = 0; i < result.sets.size(); ++i) literals_of(family[i], result.sets[i]);
}

void HingeSearch::fit(std::vector<HingeSet>& sets, std::size_t count) {
  for (; sets.size() > count; sets.pop_back()) spare_sets_.push_back(std::move(sets.back()));
  while (sets.size() < count) {
    if (spare_sets_.empty()) {
      sets.emplace_back();
      continue;
    }
    sets.push_back(std::move(spare_sets_.back()));
    spare_sets_.pop_back();
  }
}

void HingeSearch::restart() {
  for (const FactId fact : remembered_) {
    memo_true_[fact].reset();
    memo_false_[fact].reset();
    memo_true_cut_[fact] = 0;
    memo_false_cut_[fact] = 0;
  }
  remembered_.clear();
  literals_used_ = 0;
  families_.assign(2, SetRef{});  // the empty family, then the trivial one: one empty set
  cycles_ = 0;
  cut_ = 0;
  work_ = 0;
  depth_ = 0;
}

// Each family is built with cut_ cleared, so the bits it ends with are its own; they are
// remembered with it, and added back to those of the family that asked for it.
HingeSearch::FamilyRef HingeSearch::need_true(FactId fact) {
  if (session_.truth(fact) == base::Truth::yes) return trivial_family;
  if (on_true_[fact]) return cycle(empty_family);
  if (memo_true_[fact]) {
    cut_ |= memo_true_cut_[fact];
    return *memo_true_[fact];
  }
  if (out_of_work()) return cut(hinge_cut::work, empty_family);
  const DepthGuard guard(depth_);
  if (guard.too_deep()) return cut(hinge_cut::depth, cycle(empty_family));  // not remembered: shallower, it may be found
  on_true_[fact] = true;
  const auto cycles_before = cycles_;
  const auto outer_cut = std::exchange(cut_, 0);
  Family family = spare_family();
  if (session_.base_truth(fact) == base::Truth::unknown) family.push_back(single(fact, true));
  std::uint64_t signatures = signatures_of(family);
  session_.visit_derivations(fact, [&](const Derivation& derivation) {
    if (!derivation.in_upper_model) return true;
    Family established = establish(derivation, Cover{family, signatures});
    signatures |= signatures_of(established);
    family.insert(family.end(), established.begin(), established.end());
    give_back(std::move(established));
    return true;
  });
  // Derivations that were not kept may establish it with sets not found here.
  if (session_.derivations_seen(fact) > session_.derivation_count(fact)) cut_ |= hinge_cut::derivations;
  if (minimize(family)) cut_ |= hinge_cut::sets;
  on_true_[fact] = false;
  const FamilyRef kept = keep(family);
  give_back(std::move(family));
  if (cycles_ == cycles_before) {
    memo_true_[fact] = kept;
    memo_true_cut_[fact] = cut_;
    remembered_.push_back(fact);
  }
  cut_ |= outer_cut;
  return kept;
}

HingeSearch::FamilyRef HingeSearch::need_false(FactId fact) {
  if (session_.truth(fact) == base::Truth::yes) return empty_family;
  if (on_false_[fact]) return cycle(trivial_family);
  if (memo_false_[fact]) {
    cut_ |= memo_false_cut_[fact];
    return *memo_false_[fact];
  }
  if (out_of_work()) return cut(hinge_cut::work, empty_family);
  const DepthGuard guard(depth_);
  if (guard.too_deep()) return cut(hinge_cut::depth, cycle(empty_family));
  on_false_[fact] = true;
  const auto cycles_before = cycles_;
  const auto outer_cut = std::exchange(cut_, 0);
  Family family = spare_family();
  family.push_back(session_.base_truth(fact) == base::Truth::unknown ? single(fact, false) : SetRef{});
  // Without every derivation at hand, no set can be sure to refute them all.
  if (session_.derivations_seen(fact) > session_.derivation_count(fact)) {
    cut_ |= hinge_cut::derivations;
    family.clear();
  }
  session_.visit_derivations(fact, [&](const Derivation& derivation) {
    if (family.empty()) return false;
    Family refutations = refute(derivation);
    family = product(std::move(family), refutations, Cover{});
    give_back(std::move(refutations));
    return true;
  });
  on_false_[fact] = false;
  const FamilyRef kept = keep(family);
  give_back(std::move(family));
  if (cycles_ == cycles_before) {
    memo_false_[fact] = kept;
    memo_false_cut_[fact] = cut_;
    remembered_.push_back(fact);
  }
  cut_ |= outer_cut;
  return kept;
}

bool HingeSearch::out_of_work() { return ++work_ > budget_; }

HingeSearch::FamilyRef HingeSearch::cut(std::uint8_t reason, FamilyRef result) {
  cut_ |= reason;
  return result;
}

HingeSearch::FamilyRef HingeSearch::cycle(FamilyRef result) {
  ++cycles_;
  return result;
}

// Families are made and dropped at every step of the search; their vectors are kept for
// the next ones instead of going back to the allocator.
HingeSearch::Family HingeSearch::spare_family() {
  if (spare_.empty()) return {};
  Family family = std::move(spare_.back());
  spare_.pop_back();
  family.clear();
  return family;
}

void HingeSearch::give_back(Family family) {
  if (family.capacity() > 0) spare_.push_back(std::move(family));
}

HingeSearch::FamilyRef HingeSearch::keep(const Family& family) {
  const FamilyRef kept{static_cast<std::uint32_t>(families_.size()), static_cast<std::uint32_t>(family.size())};
  families_.insert(families_.end(), family.begin(), family.end());
  return kept;
}

std::span<const HingeSearch::SetRef> HingeSearch::sets_of(FamilyRef family) const {
  return {families_.data() + family.begin, family.size};
}

// Sets that make every premise established and every negated fact false. A negated atom
// names a fact only when that fact is in the upper model; one that names none holds.
HingeSearch::Family HingeSearch::establish(const Derivation& derivation, const Cover& found) {
  Family family = spare_family();
  family.push_back(SetRef{});
  for (const auto premise : derivation.premises) {
    if (family.empty()) return family;
    if (session_.truth(premise) == base::Truth::yes) continue;
    const FamilyRef needed = need_true(premise);
    family = product(std::move(family), sets_of(needed), found);
  }
  for (const FactId negated : derivation.negated) {
    if (family.empty()) return family;
    if (negated == no_fact) continue;
    const FamilyRef needed = need_false(negated);
    family = product(std::move(family), sets_of(needed), found);
  }
  return family;
}

bool HingeSearch::covers(const Cover& cover, SetRef set) const {
  if ((set.signature & cover.signatures) == 0) return false;
  return std::any_of(cover.sets.begin(), cover.sets.end(), [&](SetRef small) { return is_subset(small, set); });
}

// Sets each of which breaks the derivation: a premise false or a negated fact established.
HingeSearch::Family HingeSearch::refute(const Derivation& derivation) {
  Family family = spare_family();
  const auto add = [&](FamilyRef more) {
    const auto sets = sets_of(more);
    family.insert(family.end(), sets.begin(), sets.end());
  };
  for (const auto premise : derivation.premises)
    if (session_.truth(premise) != base::Truth::yes) add(need_false(premise));
  for (const FactId negated : derivation.negated)
    if (negated != no_fact) add(need_true(negated));
  if (minimize(family)) cut_ |= hinge_cut::sets;
  return family;
}

// `right` must not be in product_, whose storage this reuses and exchanges with `left`'s.
HingeSearch::Family HingeSearch::product(Family left, std::span<const SetRef> right, const Cover& found) {
  if (is_trivial(left)) {
    left.clear();
    std::copy_if(right.begin(), right.end(), std::back_inserter(left), [&](SetRef set) { return !covers(found, set); });
    return left;
  }
  if (is_trivial(right)) return left;
  if (left.size() == 1 && is_disjoint(left.front(), right)) {
    const SetRef set = left.front();
    return extend(set, right, std::move(left), found);
  }
  if (right.size() == 1 && is_disjoint(right.front(), left)) {
    std::swap(left, product_);  // product_ holds the sets to extend, left the storage to write them to
    return extend(right.front(), product_, std::move(left), found);
  }
  // Built in one buffer kept from product to product (product calls nothing that calls
  // it back), then swapped with the left family, which it replaces: the buffer keeps the
  // left family's storage for the next product.
  product_.clear();
  for (const auto a : left)
    for (const auto b : right) {
      if (out_of_work()) {
        std::swap(left, product_);
        cut_ |= hinge_cut::work;
        return left;
      }
      if (const auto merged = merge(a, b); merged && !covers(found, *merged)) product_.push_back(*merged);
    }
  if (minimize(product_)) cut_ |= hinge_cut::sets;
  std::swap(left, product_);
  return left;
}

// Whether no fact of `set` is in any set of `family`, judged by signatures: a set that
// may share a fact with one of them counts as not disjoint.
bool HingeSearch::is_disjoint(SetRef set, std::span<const SetRef> family) {
  return (set.signature & signatures_of(family)) == 0;
}

std::uint64_t HingeSearch::signatures_of(std::span<const SetRef> family) {
  std::uint64_t signatures = 0;
  for (const auto set : family) signatures |= set.signature;
  return signatures;
}

// The product of {set} and a family none of whose facts it has. Every family a product
// gets is minimal and in order (smallest first, then by literals) unless the work ran out,
// and adding the same new facts to each of its sets keeps it so: sizes grow alike, the
// first literal two sets differ in stays first, and no set comes to include another. So
// the sets are merged in order and only those with two facts of one exclusive group
// dropped, with no minimize.
HingeSearch::Family HingeSearch::extend(SetRef set, std::span<const SetRef> family, Family into, const Cover& found) {
  into.clear();
  for (const auto member : family) {
    if (out_of_work()) {
      cut_ |= hinge_cut::work;
      return into;
    }
    if (const auto merged = merge(set, member); merged && !covers(found, *merged)) into.push_back(*merged);
  }
  return into;
}

HingeSearch::SetRef HingeSearch::single(FactId fact, bool needs_true) {
  const auto group = needs_true ? session_.exclusive_group(fact) : 0;
  const std::uint32_t code = code_of(fact, needs_true);
  *literal_room(1) = code;
  const SetRef set{static_cast<std::uint32_t>(literals_used_), 1, signature_of(fact),
                   group == 0 ? 0 : std::uint64_t{1} << (group % 64), order_key(1, &code)};
  ++literals_used_;
  return set;
}

std::optional<HingeSearch::SetRef> HingeSearch::merge(SetRef left, SetRef right) {
  // The room is taken before the pointers into the arena, so they stay valid; the union
  // is written after both sets, which are already in it.
  auto* const first = literal_room(left.size + right.size);
  const auto* l = literals_.data() + left.begin;
  const auto* const l_end = l + left.size;
  const auto* r = literals_.data() + right.begin;
  const auto* const r_end = r + right.size;
  auto* out = first;
  while (l != l_end && r != r_end) {
    if (*l == *r) {
      *out++ = *l++;
      ++r;
    } else if (fact_of(*l) == fact_of(*r)) {
      return std::nullopt;  // one fact needed both true and false
    } else {
      *out++ = *l < *r ? *l++ : *r++;
    }
  }
  // Loops, not std::copy: that calls memmove, which costs more than the literal or two left.
  while (l != l_end) *out++ = *l++;
  while (r != r_end) *out++ = *r++;
  const auto size = static_cast<std::uint32_t>(out - first);
  const SetRef merged{static_cast<std::uint32_t>(literals_used_), size, left.signature | right.signature,
                      left.groups | right.groups, order_key(size, first)};
  // Two facts of one exclusive group can meet only where both sets need one of the group.
  if ((left.groups & right.groups) != 0 && is_exclusive_clash(merged)) return std::nullopt;
  literals_used_ += size;
  return merged;
}

// Whether a set needs two facts of one exclusive group true, which no settling allows.
bool HingeSearch::is_exclusive_clash(SetRef set) const {
  const auto* const codes = literals_.data() + set.begin;
  for (std::uint32_t i = 0; i < set.size; ++i) {
    const auto group = needs_true(codes[i]) ? session_.exclusive_group(fact_of(codes[i])) : 0;
    if (group == 0) continue;
    for (std::uint32_t j = i + 1; j < set.size; ++j)
      if (needs_true(codes[j]) && session_.exclusive_group(fact_of(codes[j])) == group) return true;
  }
  return false;
}

bool HingeSearch::is_subset(SetRef small, SetRef large) const {
  if (small.size > large.size || (small.signature & ~large.signature) != 0) return false;
  const auto* const s = literals_.data() + small.begin;
  const auto* const l = literals_.data() + large.begin;
  return std::includes(l, l + large.size, s, s + small.size);
}

bool HingeSearch::comes_before(SetRef a, SetRef b) const {
  if (a.order != b.order) return a.order < b.order;
  if (a.size != b.size) return a.size < b.size;
  const auto* const x = literals_.data() + a.begin;
  const auto* const y = literals_.data() + b.begin;
  return std::lexicographical_compare(x, x + a.size, y, y + b.size);
}

bool HingeSearch::minimize(Family& family) const {
  if (family.size() <= 1) return false;
  if (family.size() == 2) return minimize_pair(family);
  std::sort(family.begin(), family.end(), [this](SetRef a, SetRef b) { return comes_before(a, b); });
  std::size_t kept = 0;
  const auto covered = [&](SetRef set) {
    return std::any_of(family.begin(), family.begin() + static_cast<long>(kept),
                       [&](SetRef k) { return is_subset(k, set); });
  };
  std::size_t i = 0;
  for (; i < family.size() && kept < cap_; ++i) {
    if (covered(family[i])) continue;
    family[kept++] = family[i];
  }
  const bool cut = std::any_of(family.begin() + static_cast<long>(i), family.end(),
                               [&](SetRef set) { return !covered(set); });
  family.resize(kept);
  return cut;
}

// Two sets, as minimize would leave them, without sorting a vector: the smaller first,
// and the other dropped when it includes the first.
bool HingeSearch::minimize_pair(Family& family) const {
  if (comes_before(family[1], family[0])) std::swap(family[0], family[1]);
  if (is_subset(family[0], family[1])) family.pop_back();
  else if (cap_ < 2) {
    family.pop_back();
    return true;
  }
  return false;
}

void HingeSearch::literals_of(SetRef set, HingeSet& literals) const {
  literals.clear();
  literals.reserve(set.size);
  for (std::uint32_t i = 0; i < set.size; ++i) {
    const auto code = literals_[set.begin + i];
    literals.push_back(HingeLiteral{fact_of(code), needs_true(code)});
  }
}

std::vector<HingeSet> Session::hinges(FactId fact, std::size_t max_sets) const {
  return HingeSearch(*this, std::max<std::size_t>(max_sets, 8)).find(fact, max_sets).sets;
}

}  // namespace cybernorms::infer
