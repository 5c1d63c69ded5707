// Why-not: for a goal that does not hold, how far each rule that could conclude it got.
// The goal's values bind the head; the body is then tried in order, backtracking over
// matching facts, and the nearest point reached (with its bindings and the facts matched
// on the way) is the miss. A comparison with a profile parameter that fails does not
// stop the path: whether the facts would have sufficed under another profile is what a
// reader comparing profiles needs to know.
#include "infer/session.hpp"

#include <algorithm>
#include <utility>

namespace cybernorms::infer {

namespace {

// Binds the head's variables to the goal's values; false when they clash.
bool bind_head(const RulePlan& plan, std::span<const std::optional<SymbolId>> goal, OpenBindings& bindings) {
  for (std::size_t i = 0; i < plan.head_args.size() && i < goal.size(); ++i) {
    if (!goal[i]) continue;
    const Slot& slot = plan.head_args[i];
    if (bindings.is_open(slot)) bindings.bind(slot.value, *goal[i]);
    else if (bindings.value(slot) != *goal[i]) return false;
  }
  return true;
}

/// Whether a comparison step reads a profile parameter (a variable named `$name`).
bool compares_parameter(const Step& step, const compile::Rule& rule) {
  const auto is_parameter = [&](const Slot& slot) {
    return slot.kind != Slot::Kind::constant && slot.value < rule.variable_names.size() &&
           rule.variable_names[slot.value].starts_with('$');
  };
  return step.kind == Step::Kind::compare && (is_parameter(step.left) || is_parameter(step.right));
}

/// Depth-first search of one rule body, remembering the nearest point reached: a path
/// whose only failures are comparisons with profile parameters (the search goes on past
/// them) beats any path stopped by a fact, and then more conditions held is nearer.
class MissSearch {
 public:
  MissSearch(const Session& session, const RulePlan& plan, Model model, std::size_t& budget, OpenBindings bindings)
      : session_(session),
        plan_(plan),
        rule_(session.network().rules().rules[plan.rule]),
        model_(model),
        budget_(budget),
        bindings_(std::move(bindings)) {}

  void run(RuleMiss& miss) {
    best_bindings_ = bindings_.values();
    search(0);
    miss.depth = static_cast<std::uint32_t>(best_depth_);
    miss.bindings = std::move(best_bindings_);
    miss.matched = std::move(best_matched_);
    miss.failed_parameters = std::move(best_failed_parameters_);
    miss.searched_all = !ran_out_;
    if (best_depth_ < plan_.steps.size()) miss.failed_literal = plan_.steps[best_depth_].literal;
  }

 private:
  /// How near a point of the search is: whether every fact condition held, then how many held.
  std::pair<bool, std::size_t> nearness(std::size_t at) const {
    return {at == plan_.steps.size(), at - failed_parameters_.size()};
  }

  void remember(std::size_t at) {
    if (has_best_ && nearness(at) <= nearness_of_best_) return;
    has_best_ = true;
    nearness_of_best_ = nearness(at);
    best_depth_ = at;
    best_bindings_ = bindings_.values();
    best_matched_ = matched_;
    best_failed_parameters_ = failed_parameters_;
  }

  bool search(std::size_t at) {
    remember(at);
    if (at == plan_.steps.size()) return true;
    if (out_of_budget()) return false;
    const Step& step = plan_.steps[at];
    if (step.kind == Step::Kind::positive) return search_atom(at);
    matched_.push_back(no_fact);
    bool found = false;
    if (step.kind == Step::Kind::negative ? negation_holds(step) : compare_holds(step)) {
      found = search(at + 1);
    } else if (compares_parameter(step, rule_)) {
      failed_parameters_.push_back(step.literal);
      found = search(at + 1);
      failed_parameters_.pop_back();
    }
    matched_.pop_back();
    return found;
  }

  // Tries the facts of the atom's relation that may match (through the rule's index when
  // the bindings give its key); variables a fact binds are open again after.
  bool search_atom(std::size_t at) {
    const Step& step = plan_.steps[at];
    const auto size = static_cast<std::uint32_t>(session_.facts_of(step.relation).size());
    auto candidates = session_.store().candidates(step, bindings_, 0, size);
    for (auto fact = candidates.next(); fact != no_fact; fact = candidates.next()) {
      if (out_of_budget()) return false;
      if (!usable_in(model_, session_.truth(fact))) continue;
      const auto mark = bindings_.mark();
      matched_.push_back(fact);
      const bool found = unify(step.args, session_.args(fact), bindings_) && search(at + 1);
      matched_.pop_back();
      bindings_.undo(mark);
      if (found) return true;
    }
    return false;
  }

  /// Takes one step of the budget; true (and remembered) when none was left.
  bool out_of_budget() {
    if (budget_ == 0) ran_out_ = true;
    if (ran_out_) return true;
    --budget_;
    return false;
  }

  bool negation_holds(const Step& step) {
    if (!ground_if_bound(step.args, bindings_, key_)) return false;
    return absent_in(model_, session_.truth_of(step.relation, key_));
  }

  bool compare_holds(const Step& step) const {
    if (bindings_.is_open(step.left) || bindings_.is_open(step.right)) return false;
    return session_.compare(step.op, bindings_.value(step.left), bindings_.value(step.right));
  }

  const Session& session_;
  const RulePlan& plan_;
  const compile::Rule& rule_;
  Model model_;
  std::size_t& budget_;
  OpenBindings bindings_;
  std::vector<FactId> matched_;
  std::vector<std::uint32_t> failed_parameters_;
  bool has_best_ = false;
  std::pair<bool, std::size_t> nearness_of_best_{false, 0};
  std::size_t best_depth_ = 0;
  std::vector<std::optional<SymbolId>> best_bindings_;
  std::vector<FactId> best_matched_;
  std::vector<std::uint32_t> best_failed_parameters_;
  std::vector<SymbolId> key_;
  bool ran_out_ = false;
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
    OpenBindings bindings(std::vector<std::optional<SymbolId>>(plan.variable_count));
    miss.head_matches = bind_head(plan, goal, bindings);
    if (!miss.head_matches || !plan.is_safe) {
      miss.bindings = std::move(bindings).take_values();
      if (!plan.steps.empty()) miss.failed_literal = plan.steps.front().literal;
    } else {
      MissSearch(*this, plan, model, budget, std::move(bindings)).run(miss);
    }
    misses.push_back(std::move(miss));
  }
  // Nearest first: a head that matches; a body that holds (in this model); one that holds
  // but for profile parameters; then most conditions held.
  std::stable_sort(misses.begin(), misses.end(), [](const RuleMiss& a, const RuleMiss& b) {
    if (a.head_matches != b.head_matches) return a.head_matches;
    if (a.failed_literal.has_value() != b.failed_literal.has_value()) return !a.failed_literal.has_value();
    if (!a.failed_literal && a.failed_parameters.empty() != b.failed_parameters.empty())
      return a.failed_parameters.empty();
    return a.depth - a.failed_parameters.size() > b.depth - b.failed_parameters.size();
  });
  return misses;
}

}  // namespace cybernorms::infer
