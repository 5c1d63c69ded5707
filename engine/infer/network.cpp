#include "infer/network.hpp"

#include "compile/graph.hpp"

#include <algorithm>
#include <variant>

namespace cybernorms::infer {

namespace {

bool concludes_in(const std::vector<std::vector<std::uint32_t>>& strata_of, RelationId relation, std::uint32_t stratum) {
  const auto& strata = strata_of.at(relation);
  return std::find(strata.begin(), strata.end(), stratum) != strata.end();
}

// A term whose variable must already be bound (negations, comparisons, heads).
Slot bound_slot(const compile::Term& term, const std::vector<bool>& bound, bool& is_safe) {
  if (!term.is_variable()) return {Slot::Kind::constant, term.value};
  if (term.value >= bound.size() || !bound[term.value]) is_safe = false;
  return {Slot::Kind::check, term.value};
}

/// Which relations each relation's rules read positively: cycles here are recursion.
compile::Graph dependencies(const compile::RuleSet& rules) {
  compile::Graph graph;
  graph.out.resize(rules.relations.size());
  for (const auto& rule : rules.rules) {
    if (rule.head >= rules.relations.size()) continue;
    for (const auto& literal : rule.body)
      if (const auto* atom = std::get_if<compile::AtomLiteral>(&literal);
          atom != nullptr && !atom->negated && atom->relation < rules.relations.size())
        graph.out[rule.head].push_back({atom->relation, false, {}});
  }
  return graph;
}

}  // namespace

Network::Network(const compile::RuleSet& rules)
    : rules_(&rules), indexes_by_relation_(rules.relations.size()), concluding_(rules.relations.size()) {
  std::vector<std::vector<std::uint32_t>> strata_of(rules.relations.size());
  std::uint32_t stratum_count = rules.stratum_count;
  for (const auto& rule : rules.rules) {
    if (rule.head < strata_of.size()) strata_of[rule.head].push_back(rule.stratum);
    stratum_count = std::max(stratum_count, rule.stratum + 1);
  }
  strata_.resize(stratum_count);
  std::size_t capacity = 16;
  while (capacity < rules.symbols.size() * 2) capacity *= 2;
  symbol_slots_.assign(capacity, 0);
  for (SymbolId id = 0; id < rules.symbols.size(); ++id) {
    auto slot = symbol_hash(rules.symbols.name(id)) & (capacity - 1);
    while (symbol_slots_[slot] != 0) slot = (slot + 1) & (capacity - 1);
    symbol_slots_[slot] = id + 1;
  }
  const compile::Components cycles = compile::strongly_connected_components(dependencies(rules));
  for (std::uint32_t r = 0; r < rules.rules.size(); ++r) {
    const auto& rule = rules.rules[r];
    if (rule.head >= rules.relations.size()) continue;
    RulePlan plan = plan_rule(r);
    for (auto& step : plan.steps) {
      step.is_recursive = step.kind == Step::Kind::positive && concludes_in(strata_of, step.relation, rule.stratum);
      plan.is_recursive = plan.is_recursive || step.is_recursive;
    }
    const auto plan_id = static_cast<std::uint32_t>(plans_.size());
    plan.id = plan_id;
    if (plan.is_recursive && plan.is_safe) {
      const bool cyclic = std::any_of(plan.steps.begin(), plan.steps.end(), [&](const Step& step) {
        return step.is_recursive && cycles.of[step.relation] == cycles.of[rule.head];
      });
      for (std::size_t step = 0; step < plan.steps.size(); ++step)
        if (plan.steps[step].is_recursive) plan.delta_plans.push_back(delta_plan(plan, step, cyclic));
    }
    concluding_[rule.head].push_back(plan_id);
    auto& stratum = strata_[rule.stratum];
    stratum.rules.push_back(plan_id);
    if (std::find(stratum.relations.begin(), stratum.relations.end(), rule.head) == stratum.relations.end())
      stratum.relations.push_back(rule.head);
    add_gate(plan);
    plans_.push_back(std::move(plan));
  }
}

void Network::add_gate(const RulePlan& plan) {
  PlanGate gate;
  gate.first = static_cast<std::uint32_t>(gate_relations_.size());
  gate.is_safe = plan.is_safe;
  gate.is_recursive = plan.is_recursive;
  for (const Step& step : plan.steps)
    if (step.kind == Step::Kind::positive && step.facts == Step::Facts::stable) {
      gate_relations_.push_back(step.relation);
      ++gate.stable_reads;
    }
  for (const Step& step : plan.steps)
    if (step.kind != Step::Kind::compare) {
      gate_relations_.push_back(step.relation);
      ++gate.reads;
    }
  gates_.push_back(gate);
}

// One step per body literal, in Rule::body order: the join order compile chose
// (compile/join_order.cpp says why it is chosen there).
RulePlan Network::plan_rule(std::uint32_t rule_index) {
  std::vector<std::uint32_t> positions(rules_->rules[rule_index].body.size());
  for (std::uint32_t position = 0; position < positions.size(); ++position) positions[position] = position;
  return plan_in_order(rule_index, positions);
}

// The steps of the body literals at `positions`, in that order.
RulePlan Network::plan_in_order(std::uint32_t rule_index, const std::vector<std::uint32_t>& positions) {
  const auto& rule = rules_->rules[rule_index];
  RulePlan plan;
  plan.rule = rule_index;
  plan.head = rule.head;
  plan.variable_count = static_cast<std::uint32_t>(rule.variable_names.size());
  std::vector<bool> bound(plan.variable_count, false);
  for (const std::uint32_t position : positions) {
    const auto& literal = rule.body[position];
    if (const auto* atom = std::get_if<compile::AtomLiteral>(&literal)) {
      if (atom->relation >= rules_->relations.size()) {
        plan.is_safe = false;
        continue;
      }
      plan.steps.push_back(plan_atom(*atom, bound, plan));
      plan.steps.back().literal = position;
      continue;
    }
    const auto& compare = std::get<compile::CompareLiteral>(literal);
    Step step;
    step.kind = Step::Kind::compare;
    step.literal = position;
    step.op = compare.op;
    step.left = bound_slot(compare.left, bound, plan.is_safe);
    step.right = bound_slot(compare.right, bound, plan.is_safe);
    plan.steps.push_back(std::move(step));
  }
  for (const auto& term : rule.head_args) plan.head_args.push_back(bound_slot(term, bound, plan.is_safe));
  if (plan.head_args.size() != rules_->relations[rule.head].arity() || plan.head_args.size() > UINT16_MAX)
    plan.is_safe = false;
  return plan;
}

// The plan reading the recursive atom at `delta_step` from the last round's new facts;
// with `delta_first` that atom comes first, the rest in join order. Each atom keeps its
// premise position and reads the facts the written order gives it in semi-naive
// evaluation (old before the delta atom, current after it), so the matches are the same.
RulePlan Network::delta_plan(const RulePlan& plan, std::size_t delta_step, bool delta_first) {
  std::vector<std::uint32_t> positions;
  if (delta_first) positions.push_back(plan.steps[delta_step].literal);
  for (std::size_t i = 0; i < plan.steps.size(); ++i)
    if (i != delta_step || !delta_first) positions.push_back(plan.steps[i].literal);
  RulePlan delta = plan_in_order(plan.rule, positions);
  delta.id = plan.id;
  delta.is_recursive = true;
  delta.premise_count = plan.premise_count;
  delta.negation_count = plan.negation_count;
  std::vector<std::size_t> written_at(rules_->rules[plan.rule].body.size());  ///< by literal: its step in `plan`
  for (std::size_t i = 0; i < plan.steps.size(); ++i) written_at[plan.steps[i].literal] = i;
  for (Step& step : delta.steps) {
    const std::size_t at = written_at[step.literal];
    const Step& written = plan.steps[at];
    step.premise = written.premise;
    step.is_recursive = written.is_recursive;
    if (!step.is_recursive) continue;
    step.facts = at < delta_step ? Step::Facts::old : at == delta_step ? Step::Facts::delta : Step::Facts::current;
  }
  return delta;
}

Step Network::plan_atom(const compile::AtomLiteral& atom, std::vector<bool>& bound, RulePlan& plan) {
  Step step;
  step.kind = atom.negated ? Step::Kind::negative : Step::Kind::positive;
  step.relation = atom.relation;
  std::vector<std::uint8_t> lookup;
  std::vector<bool> bound_here = bound;
  for (std::size_t i = 0; i < atom.args.size(); ++i) {
    const auto& term = atom.args[i];
    if (atom.negated) {
      step.args.push_back(bound_slot(term, bound, plan.is_safe));
      continue;
    }
    if (!term.is_variable()) {
      step.args.push_back({Slot::Kind::constant, term.value});
      lookup.push_back(static_cast<std::uint8_t>(i));
    } else if (term.value >= bound_here.size()) {
      plan.is_safe = false;
      step.args.push_back({Slot::Kind::constant, 0});
    } else if (bound_here[term.value]) {
      step.args.push_back({Slot::Kind::check, term.value});
      if (bound[term.value]) lookup.push_back(static_cast<std::uint8_t>(i));
    } else {
      step.args.push_back({Slot::Kind::bind, term.value});
      bound_here[term.value] = true;
    }
  }
  if (atom.negated) {
    step.premise = plan.negation_count++;
  } else {
    bound = std::move(bound_here);
    step.premise = plan.premise_count++;
    if (!lookup.empty() && lookup.size() <= 255) step.index = index_for(atom.relation, std::move(lookup));
  }
  return step;
}

std::size_t symbol_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a: the same on every platform
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return static_cast<std::size_t>(hash ^ (hash >> 32));
}

std::optional<SymbolId> Network::find_symbol(std::string_view text) const { return find_symbol(text, symbol_hash(text)); }

std::optional<SymbolId> Network::find_symbol(std::string_view text, std::size_t hash) const {
  const auto mask = symbol_slots_.size() - 1;
  for (auto slot = hash & mask; symbol_slots_[slot] != 0; slot = (slot + 1) & mask)
    if (rules_->symbols.name(symbol_slots_[slot] - 1) == text) return symbol_slots_[slot] - 1;
  return std::nullopt;
}

std::uint32_t Network::index_for(RelationId relation, std::vector<std::uint8_t> positions) {
  IndexSpec spec{relation, std::move(positions)};
  for (const auto id : indexes_by_relation_[relation])
    if (indexes_[id] == spec) return id;
  const auto id = static_cast<std::uint32_t>(indexes_.size());
  indexes_.push_back(std::move(spec));
  indexes_by_relation_[relation].push_back(id);
  return id;
}

}  // namespace cybernorms::infer
