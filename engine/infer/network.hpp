// The rule network: a compiled RuleSet turned into per-rule join plans, built once and
// shared read-only by every Session (and every thread).
#pragma once
#include "compile/rule_set.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace cybernorms::infer {

using base::SymbolId;
using compile::RelationId;
using FactId = std::uint32_t;
inline constexpr std::uint32_t no_index = UINT32_MAX;

/// One argument position of an atom in a plan: a constant to compare with, a variable
/// this atom binds (first occurrence), or a variable bound before that it must equal.
struct Slot {
  enum class Kind : std::uint8_t { constant, bind, check };
  Kind kind = Kind::constant;
  std::uint32_t value = 0;  ///< symbol for constants, variable index otherwise
};

/// The argument positions of one relation that some rule looks facts up by.
struct IndexSpec {
  RelationId relation = 0;
  std::vector<std::uint8_t> positions;
  friend bool operator==(const IndexSpec&, const IndexSpec&) = default;
};

/// One body literal, in the rule's join order (= body order).
struct Step {
  enum class Kind : std::uint8_t { positive, negative, compare };
  /// Which of a relation's facts a positive atom reads in a round of semi-naive
  /// evaluation, by the facts' positions in its list.
  enum class Facts : std::uint8_t {
    stable,   ///< a relation of a lower stratum: all of them
    old,      ///< before the last round (recursive atoms written before the delta atom)
    delta,    ///< new in the last round
    current,  ///< up to this round's start (recursive atoms written after the delta atom)
  };
  // Ordered so that a step takes 64 bytes, one cache line, with what matching an atom
  // reads first (in any other order it takes 72, and most steps two lines).
  Kind kind = Kind::positive;
  Facts facts = Facts::stable;
  bool is_recursive = false;  ///< positive atom on a relation concluded in the rule's own stratum
  compile::CompareOp op = compile::CompareOp::eq;
  std::uint32_t literal = 0;  ///< index into Rule::body
  RelationId relation = 0;
  std::uint32_t index = no_index;  ///< positive atoms: the index used, or no_index for a scan
  /// Positive atoms: position among the rule's positive atoms; negated atoms: among its
  /// negated atoms. Delta plans keep the written plan's positions.
  std::uint32_t premise = 0;
  std::vector<Slot> args;
  Slot left;
  Slot right;
};
static_assert(sizeof(Step) <= 64, "a step fits a cache line");

/// How one rule is matched: its steps, head and sizes, ready for the evaluator.
struct RulePlan {
  std::uint32_t id = 0;    ///< index into Network::plans(); delta plans carry their rule's
  std::uint32_t rule = 0;  ///< index into RuleSet::rules
  RelationId head = 0;
  std::vector<Slot> head_args;  ///< constant or check (head variables are bound by the body)
  std::vector<Step> steps;
  std::uint32_t variable_count = 0;
  std::uint32_t premise_count = 0;  ///< positive atoms
  std::uint32_t negation_count = 0;  ///< negated atoms
  bool is_recursive = false;        ///< has a recursive positive atom
  /// For a recursive rule, one plan per recursive atom, that atom reading only the facts
  /// new in the last round. Where the rule is part of a cycle (its head depends on that
  /// atom's relation), the atom comes first and the others follow with what it binds, so a
  /// round costs what its new facts join with (an index lookup each) rather than a scan of
  /// the atoms written before it; otherwise the join order stays as written. Either way the
  /// plans find the same matches as the written order.
  std::vector<RulePlan> delta_plans;
  /// False when the rule cannot be evaluated safely (a head, negated or compared variable
  /// that no positive atom binds before it); such a rule never fires.
  bool is_safe = true;
};

/// What deciding whether to match a rule at all reads, kept apart from its plan and packed
/// with the others': a round looks at every rule of its stratum and matches few, and
/// reading each plan's steps for it (a cache line each, their arguments elsewhere) cost a
/// fifth of the first-level cache misses of a whole evaluation.
struct PlanGate {
  std::uint32_t first = 0;         ///< its relations' start in the network's gate relations
  std::uint32_t stable_reads = 0;  ///< the first ones: relations its positive atoms read whole (Step::Facts::stable)
  std::uint32_t reads = 0;         ///< then those of every atom, positive or negated
  bool is_safe = true;             ///< as RulePlan::is_safe
  bool is_recursive = false;       ///< as RulePlan::is_recursive
};

/// The rules of one stratum and the relations they conclude.
struct StratumPlan {
  std::vector<std::uint32_t> rules;  ///< indices into Network::plans()
  std::vector<RelationId> relations;
};

/// Immutable after construction. Keeps a reference to the RuleSet, which must outlive it.
class Network {
 public:
  explicit Network(const compile::RuleSet& rules);

  const compile::RuleSet& rules() const { return *rules_; }
  const std::vector<RulePlan>& plans() const { return plans_; }
  /// One per plan, by the same index.
  const std::vector<PlanGate>& gates() const { return gates_; }
  /// The relations of a gate: its stable reads, then its reads.
  std::span<const RelationId> stable_reads(const PlanGate& gate) const {
    return std::span(gate_relations_).subspan(gate.first, gate.stable_reads);
  }
  std::span<const RelationId> reads(const PlanGate& gate) const {
    return std::span(gate_relations_).subspan(gate.first + gate.stable_reads, gate.reads);
  }
  const std::vector<StratumPlan>& strata() const { return strata_; }
  const std::vector<IndexSpec>& indexes() const { return indexes_; }
  /// The indexes kept on one relation (ids into indexes()).
  const std::vector<std::uint32_t>& indexes_of(RelationId relation) const { return indexes_by_relation_.at(relation); }
  /// The plans of the rules concluding a relation, in rule order.
  const std::vector<std::uint32_t>& plans_concluding(RelationId relation) const { return concluding_.at(relation); }
  std::size_t relation_count() const { return indexes_by_relation_.size(); }
  /// The shared symbol spelt `text`, found without allocating.
  std::optional<SymbolId> find_symbol(std::string_view text) const;
  /// The same, with the text's symbol_hash() already computed.
  std::optional<SymbolId> find_symbol(std::string_view text, std::size_t hash) const;

 private:
  RulePlan plan_rule(std::uint32_t rule_index);
  RulePlan plan_in_order(std::uint32_t rule_index, const std::vector<std::uint32_t>& positions);
  RulePlan delta_plan(const RulePlan& plan, std::size_t delta_step, bool delta_first);
  Step plan_atom(const compile::AtomLiteral& atom, std::vector<bool>& bound, RulePlan& plan);
  std::uint32_t index_for(RelationId relation, std::vector<std::uint8_t> positions);
  void add_gate(const RulePlan& plan);

  const compile::RuleSet* rules_;
  std::vector<RulePlan> plans_;
  std::vector<PlanGate> gates_;
  std::vector<RelationId> gate_relations_;
  std::vector<StratumPlan> strata_;
  std::vector<IndexSpec> indexes_;
  std::vector<std::vector<std::uint32_t>> indexes_by_relation_;
  std::vector<std::vector<std::uint32_t>> concluding_;
  std::vector<std::uint32_t> symbol_slots_;  ///< open addressing over the shared symbols; 0 empty, else id + 1
};

/// Where a symbol's spelling starts probing in an open-addressing table.
std::size_t symbol_hash(std::string_view text);

}  // namespace cybernorms::infer
