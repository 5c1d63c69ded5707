#include "infer/hinges.hpp"

#include <algorithm>
#include <utility>

namespace cybernorms::infer {

namespace {

using Family = std::vector<HingeSet>;

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

// Whether a set needs two facts of one exclusive group true, which no settling allows.
bool is_exclusive_clash(const Session& session, const HingeSet& set) {
  for (std::size_t i = 0; i < set.size(); ++i) {
    const auto group = set[i].needs_true ? session.exclusive_group(set[i].fact) : 0;
    if (group == 0) continue;
    for (std::size_t j = i + 1; j < set.size(); ++j)
      if (set[j].needs_true && session.exclusive_group(set[j].fact) == group) return true;
  }
  return false;
}

// The union of two sets, or nullopt when they need one fact both true and false, or two
// exclusive facts true.
std::optional<HingeSet> merge(const Session& session, const HingeSet& left, const HingeSet& right) {
  HingeSet merged;
  merged.reserve(left.size() + right.size());
  std::set_union(left.begin(), left.end(), right.begin(), right.end(), std::back_inserter(merged));
  for (std::size_t i = 1; i < merged.size(); ++i)
    if (merged[i].fact == merged[i - 1].fact) return std::nullopt;
  if (is_exclusive_clash(session, merged)) return std::nullopt;
  return merged;
}

bool is_subset(const HingeSet& small, const HingeSet& large) {
  return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

// Keeps the minimal sets, smallest first, at most `cap`. True when a minimal set had to
// be left out for the cap, so the family is no longer all there is.
bool minimize(Family& family, std::size_t cap) {
  if (family.size() <= 1) return false;
  std::sort(family.begin(), family.end(), [](const HingeSet& a, const HingeSet& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  std::size_t kept = 0;
  const auto covered = [&](const HingeSet& set) {
    return std::any_of(family.begin(), family.begin() + static_cast<long>(kept),
                       [&](const HingeSet& k) { return is_subset(k, set); });
  };
  std::size_t i = 0;
  for (; i < family.size() && kept < cap; ++i) {
    if (covered(family[i])) continue;
    if (i != kept) family[kept] = std::move(family[i]);
    ++kept;
  }
  const bool cut = std::any_of(family.begin() + static_cast<long>(i), family.end(),
                               [&](const HingeSet& set) { return !covered(set); });
  family.resize(kept);
  return cut;
}

void append(Family& family, Family more) {
  if (family.empty()) {
    family = std::move(more);
    return;
  }
  for (auto& set : more) family.push_back(std::move(set));
}

bool is_trivial(const Family& family) { return family.size() == 1 && family.front().empty(); }

}  // namespace

HingeSearch::HingeSearch(const Session& session, std::size_t cap, std::size_t budget)
    : session_(session), cap_(std::max<std::size_t>(cap, 1)), budget_(budget) {}

// Asked for no sets, it still searches, so `found` tells the caller how many there are.
HingeResult HingeSearch::find(FactId fact, std::size_t max_sets) {
  if (fact >= session_.fact_count()) return {};
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
  HingeResult result{need_true(fact), 0, 0};
  result.cut = std::exchange(cut_, 0);
  result.found = result.sets.size();
  if (result.sets.size() > max_sets) result.sets.resize(max_sets);
  return result;
}

void HingeSearch::restart() {
  for (const FactId fact : remembered_) {
    memo_true_[fact].reset();
    memo_false_[fact].reset();
    memo_true_cut_[fact] = 0;
    memo_false_cut_[fact] = 0;
  }
  remembered_.clear();
  cycles_ = 0;
  cut_ = 0;
  work_ = 0;
  depth_ = 0;
}

// Each family is built with cut_ cleared, so the bits it ends with are its own; they are
// remembered with it, and added back to those of the family that asked for it.
Family HingeSearch::need_true(FactId fact) {
  if (session_.truth(fact) == base::Truth::yes) return {HingeSet{}};
  if (on_true_[fact]) return cycle({});
  if (memo_true_[fact]) {
    cut_ |= memo_true_cut_[fact];
    return *memo_true_[fact];
  }
  if (out_of_work()) return cut(hinge_cut::work, {});
  const DepthGuard guard(depth_);
  if (guard.too_deep()) return cut(hinge_cut::depth, cycle({}));  // not remembered: shallower, it may be found
  on_true_[fact] = true;
  const auto cycles_before = cycles_;
  const auto outer_cut = std::exchange(cut_, 0);
  Family family;
  if (session_.base_truth(fact) == base::Truth::unknown) family.push_back({HingeLiteral{fact, true}});
  for (std::uint32_t k = 0; k < session_.derivation_count(fact); ++k) {
    const auto derivation = session_.derivation(fact, k);
    if (derivation.in_upper_model) append(family, establish(derivation));
  }
  // Derivations that were not kept may establish it with sets not found here.
  if (session_.derivations_seen(fact) > session_.derivation_count(fact)) cut_ |= hinge_cut::derivations;
  if (minimize(family, cap_)) cut_ |= hinge_cut::sets;
  on_true_[fact] = false;
  if (cycles_ == cycles_before) {
    memo_true_[fact] = family;
    memo_true_cut_[fact] = cut_;
    remembered_.push_back(fact);
  }
  cut_ |= outer_cut;
  return family;
}

Family HingeSearch::need_false(FactId fact) {
  if (session_.truth(fact) == base::Truth::yes) return {};
  if (on_false_[fact]) return cycle({HingeSet{}});
  if (memo_false_[fact]) {
    cut_ |= memo_false_cut_[fact];
    return *memo_false_[fact];
  }
  if (out_of_work()) return cut(hinge_cut::work, {});
  const DepthGuard guard(depth_);
  if (guard.too_deep()) return cut(hinge_cut::depth, cycle({}));
  on_false_[fact] = true;
  const auto cycles_before = cycles_;
  const auto outer_cut = std::exchange(cut_, 0);
  Family family{session_.base_truth(fact) == base::Truth::unknown ? HingeSet{HingeLiteral{fact, false}} : HingeSet{}};
  // Without every derivation at hand, no set can be sure to refute them all.
  if (session_.derivations_seen(fact) > session_.derivation_count(fact)) family = cut(hinge_cut::derivations, {});
  for (std::uint32_t k = 0; k < session_.derivation_count(fact) && !family.empty(); ++k)
    family = product(std::move(family), refute(session_.derivation(fact, k)));
  on_false_[fact] = false;
  if (cycles_ == cycles_before) {
    memo_false_[fact] = family;
    memo_false_cut_[fact] = cut_;
    remembered_.push_back(fact);
  }
  cut_ |= outer_cut;
  return family;
}

bool HingeSearch::out_of_work() { return ++work_ > budget_; }

Family HingeSearch::cut(std::uint8_t reason, Family result) {
  cut_ |= reason;
  return result;
}

Family HingeSearch::cycle(Family result) {
  ++cycles_;
  return result;
}

// Sets that make every premise established and every negated fact false.
Family HingeSearch::establish(const Derivation& derivation) {
  Family family{HingeSet{}};
  for (const auto premise : derivation.premises) {
    if (family.empty()) return family;
    if (session_.truth(premise) != base::Truth::yes) family = product(std::move(family), need_true(premise));
  }
  for (const auto negated : negated_facts(derivation)) {
    if (family.empty()) return family;
    family = product(std::move(family), need_false(negated));
  }
  return family;
}

// Sets each of which breaks the derivation: a premise false or a negated fact established.
Family HingeSearch::refute(const Derivation& derivation) {
  Family family;
  for (const auto premise : derivation.premises)
    if (session_.truth(premise) != base::Truth::yes) append(family, need_false(premise));
  for (const auto negated : negated_facts(derivation)) append(family, need_true(negated));
  if (minimize(family, cap_)) cut_ |= hinge_cut::sets;
  return family;
}

// The facts that the derivation's negated atoms name and that are in the upper model.
std::vector<FactId> HingeSearch::negated_facts(const Derivation& derivation) {
  std::vector<FactId> facts;
  const auto& plan = session_.network().plans()[derivation.plan];
  for (const auto& step : plan.steps) {
    if (step.kind != Step::Kind::negative) continue;
    ground(step.args, derivation.bindings, key_);
    if (const auto fact = session_.find_fact(step.relation, key_)) facts.push_back(*fact);
  }
  return facts;
}

Family HingeSearch::product(Family left, Family right) {
  if (is_trivial(left)) return right;
  if (is_trivial(right)) return left;
  Family result;
  result.reserve(left.size() * right.size());
  for (const auto& a : left)
    for (const auto& b : right) {
      if (out_of_work()) return cut(hinge_cut::work, std::move(result));
      if (auto merged = merge(session_, a, b)) result.push_back(std::move(*merged));
    }
  if (minimize(result, cap_)) cut_ |= hinge_cut::sets;
  return result;
}

std::vector<HingeSet> Session::hinges(FactId fact, std::size_t max_sets) const {
  return HingeSearch(*this, std::max<std::size_t>(max_sets, 8)).find(fact, max_sets).sets;
}

}  // namespace cybernorms::infer
