// One evaluation: base facts in, lower and upper models out, with provenance.
// A Session belongs to one thread; many sessions share one Network.
#pragma once
#include "base/truth.hpp"
#include "infer/fact_store.hpp"
#include "infer/network.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cybernorms::infer {

/// Bounds on one evaluation. Every loop of the evaluator is bounded by one of them.
struct Options {
  std::size_t max_facts = 1'000'000;       ///< derived facts; beyond: E501
  std::size_t max_iterations = 100'000;    ///< fixpoint rounds over all strata and both models; beyond: E502
  std::size_t max_join_steps = 50'000'000; ///< candidate facts examined while matching; beyond: E502
  /// Derivations kept per fact of the lower model (1: the first; more for "all derivations").
  std::uint32_t lower_derivations = 1;
  /// Derivations kept per fact of the upper model only. Hinges that need a fact to be false
  /// need all of its derivations; a fact with more than this many gets no such hinge set.
  std::uint32_t upper_derivations = 32;
  /// Derivations kept in all; past it only the first of each fact is kept, so memory stays
  /// bounded (hinges that need the rest are then not offered).
  std::size_t max_kept_derivations = 4'000'000;
};

/// Why an evaluation stopped early: E501 (too many facts) or E502 (too much work), with
/// the relation and the rule that had produced the most facts.
struct LimitError {
  std::string code;
  std::string message;
  RelationId relation = 0;
  std::uint32_t rule = 0;  ///< index into RuleSet::rules
  friend bool operator==(const LimitError&, const LimitError&) = default;
};

/// One way a fact was derived: the rule, the premises (one fact per positive body atom, in
/// body order), the value of every rule variable, and what each negated atom named.
struct Derivation {
  std::uint32_t rule = 0;  ///< index into RuleSet::rules
  std::uint32_t plan = 0;  ///< index into Network::plans()
  bool in_upper_model = false;  ///< found in the upper model only: some premise or negation is unknown
  std::span<const FactId> premises;
  std::span<const SymbolId> bindings;
  /// Per negated body atom, in body order: the fact it names, or no_fact when none is
  /// stored. Negation reads lower strata only, which are complete when the derivation is
  /// found, so this is what a lookup after evaluation would find.
  std::span<const FactId> negated;
};

/// An unknown base fact and the value a conclusion needs it to take.
struct HingeLiteral {
  FactId fact = 0;
  bool needs_true = true;
  friend bool operator==(const HingeLiteral&, const HingeLiteral&) = default;
  friend auto operator<=>(const HingeLiteral&, const HingeLiteral&) = default;
};
/// Settling every literal of the set as it says (other unknowns left unknown) makes the
/// fact established. Sorted by fact id. A plain vector: a set kept inline made each frame
/// of the search (2,000 deep at most) too large for the stack under AddressSanitizer.
using HingeSet = std::vector<HingeLiteral>;

/// Matches a why-not search tries, over all the rules that could conclude its goal.
inline constexpr std::size_t why_not_step_budget = 200'000;

/// The nearest miss of one rule for a goal: how far its body got, and with which bindings.
struct RuleMiss {
  std::uint32_t rule = 0;  ///< index into RuleSet::rules
  bool head_matches = true;  ///< false: the goal's constants clash with the rule's head
  /// The body literal (index into Rule::body) that failed first on the deepest path, or
  /// nullopt when the whole body held (the goal is derivable in the model asked).
  std::optional<std::uint32_t> failed_literal;
  std::uint32_t depth = 0;  ///< body literals passed before it (held, or parameter comparisons that failed)
  std::vector<std::optional<SymbolId>> bindings;  ///< per rule variable, as reached
  /// The fact each of the first `depth` body steps matched on the deepest path (in body
  /// order), or no_fact for a step that is not a positive atom.
  std::vector<FactId> matched;
  /// Comparisons with a profile parameter (`$espionage_breaches = true`) that failed on
  /// that path, as body literal indices. The search goes on past them, so a rule that
  /// fails only because of the profile is found to do so, and says which parameter.
  std::vector<std::uint32_t> failed_parameters;
  /// false: the search's step budget ran out before it had tried every path, so a
  /// deeper miss may exist than the one given.
  bool searched_all = true;
};

class Session {
 public:
  explicit Session(const Network& network);

  const Network& network() const { return *network_; }

  /// Symbols: the shared table first, then this session's overlay (ids after the shared
  /// ones). A new symbol that reads as an integer gets that integer as its order key.
  SymbolId intern(std::string_view text);
  std::optional<SymbolId> find_symbol(std::string_view text) const;
  /// The same, with the text's symbol_hash() already computed.
  std::optional<SymbolId> find_symbol(std::string_view text, std::size_t hash) const;
  const std::string& symbol_name(SymbolId symbol) const;
  /// How a symbol reads to a person: the name a scenario gave its entity, else its id.
  /// Explanations word facts with labels; ids stay in their arguments.
  const std::string& label(SymbolId symbol) const;
  void set_label(SymbolId symbol, std::string label);
  std::optional<std::int64_t> order_key(SymbolId symbol) const;
  /// Whether `left op right` holds: `=` and `!=` compare symbols, `<` and the others their
  /// order keys (false when either has none).
  bool compare(compile::CompareOp op, SymbolId left, SymbolId right) const;

  /// Adds a base fact: Truth::yes or Truth::unknown (Truth::no adds nothing: absent is
  /// false). yes wins over unknown for the same fact. Call before evaluate().
  /// Arguments must match the relation's arity; returns nullopt otherwise.
  std::optional<FactId> add_fact(RelationId relation, std::span<const SymbolId> args, base::Truth truth);
  /// Marks unknown base facts of which at most one can be true (the values an unknown
  /// attribute could take). Hinge sets never need two of them true.
  void add_exclusive_group(std::span<const FactId> facts);
  /// The group a fact was put in (1, 2, ...), or 0.
  std::uint32_t exclusive_group(FactId fact) const {
    return fact < exclusive_group_.size() ? exclusive_group_[fact] : 0;
  }
  /// Adds the profile's parameter facts (RuleSet::profiles[index]); false if no such profile.
  /// An answer to a question of law, given over the profile: the parameter (its
  /// relation) has `value` (`holds`), or not.
  struct ParameterAnswer {
    RelationId relation = 0;
    SymbolId value = 0;
    bool holds = true;
  };
  /// Adds the profile's parameter values as facts: a value it sets is a fact; a parameter
  /// it holds open is one unknown fact per value, of which at most one holds. `answers`
  /// settle parameters over the profile: a value answered true is the parameter's only
  /// value; one answered false is not among its values (and where one value is left of a
  /// parameter held open, it is the value).
  bool use_profile(std::uint32_t index, std::span<const ParameterAnswer> answers = {});

  /// Derives both models to their fixpoints, stratum by stratum. Returns the limit that
  /// stopped it, if any; the facts derived so far stay readable. A session evaluates once:
  /// a second call (or facts added after the first) changes nothing until clear().
  std::optional<LimitError> evaluate(const Options& options = {});
  /// Forgets facts, derivations and overlay symbols, keeping buffers for the next scenario.
  void clear();

  // Reading the models.
  std::size_t fact_count() const { return store_.size(); }
  const std::vector<FactId>& facts_of(RelationId relation) const { return store_.facts_of(relation); }
  RelationId relation_of(FactId fact) const { return store_.relation_of(fact); }
  std::span<const SymbolId> args(FactId fact) const { return store_.args(fact); }
  /// yes: established (lower model); unknown: possible (upper model only).
  base::Truth truth(FactId fact) const { return store_.truth(fact); }
  /// How the fact was given: yes or unknown for a base fact, no for a derived-only one.
  base::Truth base_truth(FactId fact) const { return store_.record(fact).base_truth; }
  std::optional<FactId> find_fact(RelationId relation, std::span<const SymbolId> args) const;
  /// Truth of a ground fact: yes, unknown (possible) or no (in neither model).
  base::Truth truth_of(RelationId relation, std::span<const SymbolId> args) const;

  // Provenance.
  /// The derivations kept for a fact, first found first. Empty for a base-only fact.
  std::vector<Derivation> derivations(FactId fact) const;
  /// The same without allocating: how many are kept, and the k-th (k < derivation_count).
  std::uint32_t derivation_count(FactId fact) const { return store_.record(fact).derivations_stored; }
  /// An empty derivation (no premises) when k is out of range.
  Derivation derivation(FactId fact, std::uint32_t k) const;
  /// Calls `visit` with each derivation kept for the fact, first found first, for as long
  /// as it returns true: a walk of the list, where derivation(fact, k) walks it up to k.
  template <typename Visit>
  void visit_derivations(FactId fact, Visit&& visit) const {
    for (auto id = store_.record(fact).first_derivation; id != no_fact; id = derivations_[id].next)
      if (!visit(view(id))) return;
  }
  /// All derivations found of the fact in its model, including those not kept.
  std::uint32_t derivations_seen(FactId fact) const { return store_.record(fact).derivations_seen; }

  /// Minimal sets of unknown base facts with the values that make a possible fact
  /// established; up to `max_sets`, smallest first. {{}} for an established fact, {} for a
  /// fact in neither model. (infer/hinges.hpp shares the work across many facts.)
  std::vector<HingeSet> hinges(FactId fact, std::size_t max_sets = 1) const;

  /// Why a goal (relation and arguments, nullopt for "any") does not hold in a model: for
  /// each rule concluding the relation, the deepest point its body reached. The nearest
  /// miss is the front: a rule whose every condition holds but for profile parameters
  /// first, then the one with most conditions held, then rule order. Bounded by
  /// `max_steps` matches.
  std::vector<RuleMiss> why_not(RelationId relation, std::span<const std::optional<SymbolId>> goal,
                                Model model = Model::upper, std::size_t max_steps = why_not_step_budget) const;

  /// The facts as stored, with their indexes (read-only).
  const FactStore& store() const { return store_; }

  /// Bytes held by this session's containers (capacity): the memory one evaluation uses.
  std::size_t memory_bytes() const;

 private:
  friend class FixpointRun;
  struct DerivationRecord {
    std::uint32_t plan = 0;  ///< index into Network::plans()
    std::uint32_t data = 0;  ///< offset into derivation_data_: premises, bindings, then negated facts
    std::uint32_t next = no_fact;
    bool in_upper_model = false;
  };
  Derivation view(std::uint32_t derivation) const;
  void place_local(std::size_t index);
  void rehash_local();
  void record_derivation(FactId fact, std::uint32_t plan, std::span<const FactId> premises,
                         std::span<const SymbolId> bindings, std::span<const FactId> negated, bool in_upper_model,
                         std::uint32_t keep, std::size_t max_kept);

  const Network* network_;
  FactStore store_;
  std::vector<DerivationRecord> derivations_;
  std::vector<std::uint32_t> derivation_data_;
  std::vector<std::string> local_names_;
  std::unordered_map<SymbolId, std::string> labels_;  ///< only symbols with a name of their own
  std::vector<std::optional<std::int64_t>> local_keys_;
  std::vector<std::uint32_t> local_slots_;  ///< open addressing over local_names_; 0 empty, else index + 1
  /// Scratch the evaluator reuses from one scenario to the next.
  struct Scratch {
    std::vector<std::uint32_t> prev_end;
    std::vector<std::uint32_t> cur_end;
    std::vector<std::size_t> relation_growth;
    std::vector<std::size_t> rule_growth;
    std::vector<SymbolId> bindings;
    std::vector<FactId> premises;
    std::vector<FactId> negated;
    std::vector<SymbolId> key;
    std::vector<SymbolId> head;
  };
  Scratch scratch_;
  std::vector<std::uint32_t> exclusive_group_;
  std::uint32_t exclusive_groups_ = 0;
  bool evaluated_ = false;
};

}  // namespace cybernorms::infer
