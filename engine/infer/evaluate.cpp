// Semi-naive forward chaining, stratum by stratum: first the lower model (unknown facts
// false, `not p` against the upper model), then the upper model (unknown facts true,
// `not p` against the lower model). See docs/architecture.md, "Evaluation".
#include "infer/session.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace cybernorms::infer {

/// One run of Session::evaluate to the fixpoint of both models: the scratch state of
/// matching and the limit counters (not the public cybernorms::Evaluator, which
/// evaluates whole scenarios).
class FixpointRun {
 public:
  FixpointRun(Session& session, const Options& options)
      : session_(session),
        store_(session.store_),
        network_(*session.network_),
        options_(options),
        prev_end_(session.scratch_.prev_end),
        cur_end_(session.scratch_.cur_end),
        binding_values_(session.scratch_.bindings),
        premises_(session.scratch_.premises),
        negated_(session.scratch_.negated),
        key_(session.scratch_.key),
        head_(session.scratch_.head),
        relation_growth_(session.scratch_.relation_growth),
        rule_growth_(session.scratch_.rule_growth) {
    prev_end_.assign(network_.relation_count(), 0);
    cur_end_.assign(network_.relation_count(), 0);
    relation_growth_.assign(network_.relation_count(), 0);
    rule_growth_.assign(network_.rules().rules.size(), 0);
  }

  std::optional<LimitError> run() {
    const bool any_unknown = store_.has_open();  // without unknowns the upper model is the lower one
    for (const auto& stratum : network_.strata()) {
      if (stratum.rules.empty()) continue;
      run_pass(stratum, Model::lower);
      if (any_unknown) run_pass(stratum, Model::upper);
      if (error_) break;
    }
    return error_;
  }

 private:
  // Iterates one model of one stratum to its fixpoint.
  void run_pass(const StratumPlan& stratum, Model model) {
    model_ = model;
    for (const auto relation : stratum.relations) prev_end_[relation] = 0;
    bool first = true;
    while (!error_) {
      if (++iterations_ > options_.max_iterations) return fail_iterations();
      for (const auto relation : stratum.relations)
        cur_end_[relation] = static_cast<std::uint32_t>(store_.facts_of(relation).size());
      upgraded_ = false;
      for (const auto plan : stratum.rules) fire(plan, first);
      if (!grew(stratum)) return;
      for (const auto relation : stratum.relations) prev_end_[relation] = upgraded_ ? 0 : cur_end_[relation];
      first = false;
    }
  }

  bool grew(const StratumPlan& stratum) const {
    if (upgraded_) return true;
    return std::any_of(stratum.relations.begin(), stratum.relations.end(), [&](RelationId relation) {
      return store_.facts_of(relation).size() != cur_end_[relation];
    });
  }

  // Non-recursive rules fire once, in the first round; recursive ones once per recursive
  // atom taking the new facts, through the plan that starts from it (the atoms written
  // before it take old facts only, so each match is found exactly once).
  // Whether to match the rule is decided from its gate, and only then is its plan read.
  void fire(std::uint32_t plan_id, bool first) {
    const PlanGate& gate = network_.gates()[plan_id];
    if (!gate.is_safe || (!gate.is_recursive && !first)) return;
    if (reads_empty_relation(gate)) return;
    if (model_ == Model::upper && !reads_open_fact(gate)) return;
    const RulePlan& plan = network_.plans()[plan_id];
    binding_values_.assign(plan.variable_count, 0);
    bindings_ = PlanBindings(binding_values_);
    premises_.assign(plan.premise_count, no_fact);
    negated_.assign(plan.negation_count, no_fact);
    if (!plan.is_recursive) return match(plan, 0);
    for (const RulePlan& delta : plan.delta_plans) {
      if (error_) return;
      match(delta, 0);
    }
  }

  // Whether a positive atom of the rule reads a relation of a lower stratum that holds no
  // fact: then the rule matches nothing in this stratum, and setting up its match is
  // skipped (many rules read relations a given scenario never states).
  bool reads_empty_relation(const PlanGate& gate) const {
    const auto relations = network_.stable_reads(gate);
    return std::any_of(relations.begin(), relations.end(),
                       [&](RelationId relation) { return store_.facts_of(relation).empty(); });
  }

  // Whether a step of the rule reads a relation that holds an unknown fact. In the upper
  // model a rule that reads none matches only established facts, with its negated facts
  // absent, as in the lower model: each match concludes an established fact, which the
  // upper model does not record, so the rule need not be matched there.
  bool reads_open_fact(const PlanGate& gate) const {
    const auto relations = network_.reads(gate);
    return std::any_of(relations.begin(), relations.end(),
                       [&](RelationId relation) { return store_.open_count(relation) > 0; });
  }

  void match(const RulePlan& plan, std::size_t at) {
    if (error_) return;
    if (at == plan.steps.size()) return conclude(plan);
    const Step& step = plan.steps[at];
    switch (step.kind) {
      case Step::Kind::positive: return match_atom(plan, at);
      case Step::Kind::negative:
        if (negation_holds(step)) match(plan, at + 1);
        return;
      case Step::Kind::compare:
        if (compare_holds(step)) match(plan, at + 1);
        return;
    }
  }

  std::pair<std::uint32_t, std::uint32_t> range(const Step& step) const {
    switch (step.facts) {
      case Step::Facts::stable: break;
      case Step::Facts::old: return {0, prev_end_[step.relation]};
      case Step::Facts::delta: return {prev_end_[step.relation], cur_end_[step.relation]};
      case Step::Facts::current: return {0, cur_end_[step.relation]};
    }
    return {0, static_cast<std::uint32_t>(store_.facts_of(step.relation).size())};
  }

  void match_atom(const RulePlan& plan, std::size_t at) {
    const Step& step = plan.steps[at];
    const auto [begin, end] = range(step);
    if (begin >= end) return;
    auto candidates = store_.candidates(step, bindings_, begin, end);
    for (auto fact = candidates.next(); fact != no_fact; fact = candidates.next()) {
      if (++join_steps_ > options_.max_join_steps) return fail_steps(plan);
      if (!usable_in(model_, store_.truth(fact)) || !unify(step.args, store_.args(fact), bindings_)) continue;
      premises_[step.premise] = fact;
      match(plan, at + 1);
      if (error_) return;
    }
  }

  bool negation_holds(const Step& step) {
    ground(step.args, bindings_.values(), key_);
    const auto fact = store_.find(step.relation, key_);
    negated_[step.premise] = fact;
    return absent_in(model_, fact == no_fact ? base::Truth::no : store_.truth(fact));
  }

  bool compare_holds(const Step& step) const {
    return session_.compare(step.op, bindings_.value(step.left), bindings_.value(step.right));
  }

  void conclude(const RulePlan& plan) {
    ground(plan.head_args, bindings_.values(), head_);
    const bool upper = model_ == Model::upper;
    const auto [fact, is_new] = store_.insert(plan.head, head_, upper ? base::Truth::unknown : base::Truth::yes);
    if (is_new) count_new_fact(plan);
    const auto truth = store_.truth(fact);
    if (!upper && !is_new && truth == base::Truth::unknown) {
      store_.establish(fact);  // an unknown base fact of a derived relation, now established
      upgraded_ = true;
    }
    if (upper && truth == base::Truth::yes) return;
    const std::uint32_t plan_id = plan.id;
    const auto keep = upper ? options_.upper_derivations : options_.lower_derivations;
    session_.record_derivation(fact, plan_id, premises_, bindings_.values(), negated_, upper,
                               std::max<std::uint32_t>(keep, 1), options_.max_kept_derivations);
  }

  void count_new_fact(const RulePlan& plan) {
    ++relation_growth_[plan.head];
    ++rule_growth_[plan.rule];
    if (++derived_ > options_.max_facts)
      fail("E501", fmt::format("evaluation stopped: more than {} derived facts", options_.max_facts));
  }

  void fail_iterations() {
    fail("E502", fmt::format("evaluation stopped: more than {} fixpoint rounds", options_.max_iterations));
  }
  void fail_steps(const RulePlan&) {
    fail("E502", fmt::format("evaluation stopped: more than {} join steps", options_.max_join_steps));
  }

  // Names the relation and the rule that produced the most facts, the likeliest culprits.
  void fail(std::string code, std::string message) {
    const auto relation = static_cast<RelationId>(
        std::max_element(relation_growth_.begin(), relation_growth_.end()) - relation_growth_.begin());
    const auto rule = static_cast<std::uint32_t>(
        std::max_element(rule_growth_.begin(), rule_growth_.end()) - rule_growth_.begin());
    const auto& rules = network_.rules();
    if (relation < rules.relations.size() && rule < rules.rules.size())
      message += fmt::format("; relation '{}' grew the most ({} facts), through rule '{}'", rules.relations[relation].name,
                             relation_growth_[relation], rules.rules[rule].id);
    error_ = LimitError{std::move(code), std::move(message), relation, rule};
  }

  Session& session_;
  FactStore& store_;
  const Network& network_;
  const Options& options_;
  Model model_ = Model::lower;
  std::vector<std::uint32_t>& prev_end_;
  std::vector<std::uint32_t>& cur_end_;
  std::vector<SymbolId>& binding_values_;
  PlanBindings bindings_;  ///< over binding_values_, sized for the rule being fired
  std::vector<FactId>& premises_;
  std::vector<FactId>& negated_;  ///< per negated atom: the fact its last check found, or no_fact
  std::vector<SymbolId>& key_;
  std::vector<SymbolId>& head_;
  std::vector<std::size_t>& relation_growth_;
  std::vector<std::size_t>& rule_growth_;
  std::size_t derived_ = 0;
  std::size_t iterations_ = 0;
  std::size_t join_steps_ = 0;
  bool upgraded_ = false;
  std::optional<LimitError> error_;
};

std::optional<LimitError> Session::evaluate(const Options& options) {
  if (evaluated_) return std::nullopt;
  evaluated_ = true;
  return FixpointRun(*this, options).run();
}

}  // namespace cybernorms::infer
