// Hinges: which unknown base facts a possible fact depends on, and the values it needs.
// Computed from the kept derivations of the upper model: a fact becomes established
// when one of its derivations has every premise established and every negated fact
// made false; a fact becomes false when each of its derivations loses a premise or
// has a negated fact established. Every set returned is sufficient; sets found through
// a cycle of derivations are left out, which keeps them sound.
#include "infer/session.hpp"

#include <algorithm>

namespace cybernorms::infer {

namespace {

using Family = std::vector<HingeSet>;

// The union of two sets, or nullopt when they need one fact both true and false.
std::optional<HingeSet> merge(const HingeSet& left, const HingeSet& right) {
  HingeSet merged;
  merged.reserve(left.size() + right.size());
  std::set_union(left.begin(), left.end(), right.begin(), right.end(), std::back_inserter(merged));
  for (std::size_t i = 1; i < merged.size(); ++i)
    if (merged[i].fact == merged[i - 1].fact) return std::nullopt;
  return merged;
}

bool is_subset(const HingeSet& small, const HingeSet& large) {
  return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

// Keeps the minimal sets, smallest first, at most `cap`.
void minimize(Family& family, std::size_t cap) {
  std::sort(family.begin(), family.end(), [](const HingeSet& a, const HingeSet& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  Family kept;
  for (auto& set : family) {
    const bool covered = std::any_of(kept.begin(), kept.end(), [&](const HingeSet& k) { return is_subset(k, set); });
    if (!covered) kept.push_back(std::move(set));
    if (kept.size() == cap) break;
  }
  family = std::move(kept);
}

}  // namespace

/// The search behind Session::hinges, with memo tables and a work budget.
class HingeFinder {
 public:
  HingeFinder(const Session& session, std::size_t cap)
      : session_(session),
        cap_(cap),
        memo_true_(session.fact_count()),
        memo_false_(session.fact_count()),
        on_true_(session.fact_count(), false),
        on_false_(session.fact_count(), false) {}

  Family need_true(FactId fact) {
    if (session_.truth(fact) == base::Truth::yes) return {HingeSet{}};
    if (on_true_[fact]) return cycle({});
    if (memo_true_[fact]) return *memo_true_[fact];
    on_true_[fact] = true;
    const auto cycles_before = cycles_;
    Family family;
    if (session_.base_truth(fact) == base::Truth::unknown) family.push_back({HingeLiteral{fact, true}});
    for (const auto& derivation : session_.derivations(fact))
      if (derivation.in_upper_model) append(family, establish(derivation));
    minimize(family, cap_);
    on_true_[fact] = false;
    if (cycles_ == cycles_before) memo_true_[fact] = family;
    return family;
  }

  Family need_false(FactId fact) {
    if (session_.truth(fact) == base::Truth::yes) return {};
    if (on_false_[fact]) return cycle({HingeSet{}});
    if (memo_false_[fact]) return *memo_false_[fact];
    on_false_[fact] = true;
    const auto cycles_before = cycles_;
    Family family{session_.base_truth(fact) == base::Truth::unknown ? HingeSet{HingeLiteral{fact, false}} : HingeSet{}};
    if (session_.derivations_seen(fact) > session_.derivations(fact).size()) family.clear();
    for (const auto& derivation : session_.derivations(fact)) {
      if (family.empty()) break;
      family = product(family, refute(derivation));
    }
    on_false_[fact] = false;
    if (cycles_ == cycles_before) memo_false_[fact] = family;
    return family;
  }

 private:
  Family cycle(Family result) {
    ++cycles_;
    return result;
  }

  // Sets that make every premise established and every negated fact false.
  Family establish(const Derivation& derivation) {
    Family family{HingeSet{}};
    for (const auto premise : derivation.premises) {
      if (family.empty()) return family;
      family = product(family, need_true(premise));
    }
    for_each_negated(derivation, [&](FactId negated) {
      if (!family.empty()) family = product(family, need_false(negated));
    });
    return family;
  }

  // Sets each of which breaks the derivation: a premise false or a negated fact established.
  Family refute(const Derivation& derivation) {
    Family family;
    for (const auto premise : derivation.premises)
      if (session_.truth(premise) != base::Truth::yes) append(family, need_false(premise));
    for_each_negated(derivation, [&](FactId negated) { append(family, need_true(negated)); });
    minimize(family, cap_);
    return family;
  }

  // Calls `visit` with each fact that a negated body atom names and that is in the upper model.
  template <typename Visit>
  void for_each_negated(const Derivation& derivation, Visit&& visit) {
    const auto& plan = session_.network().plans()[derivation.plan];
    for (const auto& step : plan.steps) {
      if (step.kind != Step::Kind::negative) continue;
      key_.clear();
      for (const auto& slot : step.args)
        key_.push_back(slot.kind == Slot::Kind::constant ? slot.value : derivation.bindings[slot.value]);
      if (const auto fact = session_.find_fact(step.relation, key_)) visit(*fact);
    }
  }

  Family product(const Family& left, const Family& right) {
    Family result;
    for (const auto& a : left)
      for (const auto& b : right) {
        if (++work_ > max_work) return result;
        if (auto merged = merge(a, b)) result.push_back(std::move(*merged));
      }
    minimize(result, cap_);
    return result;
  }

  void append(Family& family, Family more) {
    for (auto& set : more) family.push_back(std::move(set));
  }

  static constexpr std::size_t max_work = 200'000;
  const Session& session_;
  std::size_t cap_;
  std::vector<std::optional<Family>> memo_true_;
  std::vector<std::optional<Family>> memo_false_;
  std::vector<bool> on_true_;
  std::vector<bool> on_false_;
  std::vector<SymbolId> key_;
  std::size_t cycles_ = 0;
  std::size_t work_ = 0;
};

std::vector<HingeSet> Session::hinges(FactId fact, std::size_t max_sets) const {
  if (fact >= fact_count() || max_sets == 0) return {};
  HingeFinder finder(*this, std::max<std::size_t>(max_sets, 8));
  auto family = finder.need_true(fact);
  if (family.size() > max_sets) family.resize(max_sets);
  return family;
}

}  // namespace cybernorms::infer
