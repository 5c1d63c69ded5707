// Why-not: for a goal that does not hold, how far each rule that could conclude it got.
// The goal's values bind the head; the body is then tried in order, backtracking over
// matching facts, and the deepest point reached (with its bindings) is the miss.
#include "infer/session.hpp"

#include <algorithm>

namespace cybernorms::infer {

namespace {

using Bindings = std::vector<std::optional<SymbolId>>;

std::optional<SymbolId> value_of(const Slot& slot, const Bindings& bindings) {
  if (slot.kind == Slot::Kind::constant) return slot.value;
  return bindings[slot.value];
}

// Binds the head's variables to the goal's values; false when they clash.
bool bind_head(const RulePlan& plan, std::span<const std::optional<SymbolId>> goal, Bindings& bindings) {
  for (std::size_t i = 0; i < plan.head_args.size() && i < goal.size(); ++i) {
    if (!goal[i]) continue;
    const Slot& slot = plan.head_args[i];
    const auto current = value_of(slot, bindings);
    if (current && *current != *goal[i]) return false;
    if (!current) bindings[slot.value] = goal[i];
  }
  return true;
}

/// Depth-first search of one rule body, remembering the deepest point reached.
class MissSearch {
 public:
  MissSearch(const Session& session, const RulePlan& plan, Model model, std::size_t& budget)
      : session_(session), plan_(plan), model_(model), budget_(budget) {}

  void run(Bindings bindings, RuleMiss& miss) {
    best_bindings_ = bindings;
    search(0, bindings);
    miss.depth = static_cast<std::uint32_t>(best_depth_);
    miss.bindings = std::move(best_bindings_);
    if (best_depth_ < plan_.steps.size()) miss.failed_literal = plan_.steps[best_depth_].literal;
  }

 private:
  bool search(std::size_t at, Bindings& bindings) {
    if (at > best_depth_) {
      best_depth_ = at;
      best_bindings_ = bindings;
    }
    if (at == plan_.steps.size()) return true;
    if (budget_ == 0) return false;
    --budget_;
    const Step& step = plan_.steps[at];
    if (step.kind == Step::Kind::positive) return search_atom(at, bindings);
    if (step.kind == Step::Kind::negative) return negation_holds(step, bindings) && search(at + 1, bindings);
    return compare_holds(step, bindings) && search(at + 1, bindings);
  }

  // Tries the facts of the atom's relation that may match (through the rule's index when
  // it has one); variables a fact binds are unbound again after.
  bool search_atom(std::size_t at, Bindings& bindings) {
    const Step& step = plan_.steps[at];
    bool found = false;
    auto visit = [&](FactId fact) {
      if (budget_ == 0) return false;
      --budget_;
      if (model_ == Model::lower && session_.truth(fact) != base::Truth::yes) return true;
      const auto trail = trail_.size();
      found = unify(step, session_.args(fact), bindings) && search(at + 1, bindings);
      for (auto i = trail; i < trail_.size(); ++i) bindings[trail_[i]] = std::nullopt;
      trail_.resize(trail);
      return !found;
    };
    const auto size = static_cast<std::uint32_t>(session_.facts_of(step.relation).size());
    if (const auto hash = key_hash(step, bindings)) session_.store().lookup(step.index, *hash, 0, size, visit);
    else
      for (const auto fact : session_.facts_of(step.relation))
        if (!visit(fact)) break;
    return found;
  }

  // The index key of a step whose indexed arguments are all bound, as the evaluator hashes it.
  std::optional<std::uint64_t> key_hash(const Step& step, const Bindings& bindings) const {
    if (step.index == no_index) return std::nullopt;
    auto hash = key_seed(step.relation);
    for (const auto position : session_.network().indexes()[step.index].positions) {
      const auto value = value_of(step.args[position], bindings);
      if (!value) return std::nullopt;
      hash = mix_key(hash, *value);
    }
    return hash;
  }

  bool unify(const Step& step, std::span<const SymbolId> args, Bindings& bindings) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const auto current = value_of(step.args[i], bindings);
      if (current && *current != args[i]) return false;
      if (current) continue;
      bindings[step.args[i].value] = args[i];
      trail_.push_back(step.args[i].value);
    }
    return true;
  }

  bool negation_holds(const Step& step, const Bindings& bindings) const {
    std::vector<SymbolId> key;
    for (const auto& slot : step.args) {
      const auto value = value_of(slot, bindings);
      if (!value) return false;
      key.push_back(*value);
    }
    const auto truth = session_.truth_of(step.relation, key);
    return truth == base::Truth::no || (model_ == Model::upper && truth == base::Truth::unknown);
  }

  bool compare_holds(const Step& step, const Bindings& bindings) const {
    const auto left = value_of(step.left, bindings);
    const auto right = value_of(step.right, bindings);
    return left && right && session_.compare(step.op, *left, *right);
  }

  const Session& session_;
  const RulePlan& plan_;
  Model model_;
  std::size_t& budget_;
  std::size_t best_depth_ = 0;
  Bindings best_bindings_;
  std::vector<std::uint32_t> trail_;
};

}  // namespace

std::vector<RuleMiss> Session::why_not(RelationId relation, std::span<const std::optional<SymbolId>> goal, Model model,
                                       std::size_t max_steps) const {
  std::vector<RuleMiss> misses;
  if (relation >= network_->relation_count()) return misses;
  std::size_t budget = max_steps;
  for (const auto plan_id : network_->plans_concluding(relation)) {
    const auto& plan = network_->plans()[plan_id];
    RuleMiss miss;
    miss.rule = plan.rule;
    Bindings bindings(plan.variable_count);
    miss.head_matches = bind_head(plan, goal, bindings);
    if (!miss.head_matches || !plan.is_safe) {
      miss.bindings = std::move(bindings);
      if (!plan.steps.empty()) miss.failed_literal = plan.steps.front().literal;
    } else {
      MissSearch(*this, plan, model, budget).run(std::move(bindings), miss);
    }
    misses.push_back(std::move(miss));
  }
  std::stable_sort(misses.begin(), misses.end(), [](const RuleMiss& a, const RuleMiss& b) {
    if (a.head_matches != b.head_matches) return a.head_matches;
    if (a.failed_literal.has_value() != b.failed_literal.has_value()) return !a.failed_literal.has_value();
    return a.depth > b.depth;
  });
  return misses;
}

}  // namespace cybernorms::infer
