// What an evaluation found, as plain data: findings with levels, hinges, proof trees
// and citations, and for principles not implicated, why not. Renderers live in io/.
#pragma once
#include "base/truth.hpp"
#include "compile/rule_set.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cybernorms::explain {

/// How sure the engine is that a principle is implicated.
enum class Level : std::uint8_t {
  implicated,      ///< derived with unknown facts taken as false (lower model)
  possible,        ///< derived only with some unknown facts settled one way (upper model)
  not_implicated,  ///< not derived however the unknowns are settled
};

constexpr std::string_view to_string(Level level) {
  switch (level) {
    case Level::implicated: return "implicated";
    case Level::possible: return "possible";
    case Level::not_implicated: return "not implicated";
  }
  return "?";
}

/// A ground fact: relation name and argument values, and how it reads.
struct FactRef {
  std::string relation;
  std::vector<std::string> args;
  std::string text;  ///< the relation's doc with the values filled in
  friend bool operator==(const FactRef&, const FactRef&) = default;
};

/// An unknown base fact a possible finding depends on, and the value it needs.
struct Hinge {
  FactRef fact;
  bool needs_true = true;  ///< false: the finding needs the fact to be false (e.g. no consent)
  friend bool operator==(const Hinge&, const Hinge&) = default;
};

/// One step of a proof: a fact, and how it was derived (rule, bindings, premises), or a
/// scenario fact (a leaf, `rule_id` empty) that is true or unknown.
struct ProofStep {
  FactRef fact;
  base::Truth truth = base::Truth::yes;  ///< leaves: yes or unknown; derived: yes (lower) or unknown (upper only)
  std::string rule_id;                   ///< empty for a scenario fact
  std::string because;                   ///< the rule's `because` text with the bindings filled in
  std::vector<std::pair<std::string, std::string>> bindings;  ///< variable -> value, in rule order
  std::vector<compile::Citation> citations;
  /// Negated conditions that held, rendered ("no fact: consent_given(op1, b)"), with the
  /// exceptions checked among them, so an explanation shows what was ruled out.
  std::vector<std::string> absent;
  std::vector<ProofStep> premises;
};

/// A principle that holds (or may hold) for one binding of its arguments.
struct Finding {
  std::string principle;
  std::string title;
  /// The principle's arguments by name, in declared order: {"responsible", "a"}, ...
  std::vector<std::pair<std::string, std::string>> roles;
  Level level = Level::implicated;
  /// For possible findings: minimal sets of hinges, each enough to make it implicated.
  std::vector<std::vector<Hinge>> hinge_sets;
  ProofStep proof;
  /// Further derivations of the same fact when all derivations are asked for (the first is `proof`).
  std::vector<ProofStep> other_proofs;
  std::vector<compile::Citation> citations;  ///< the principle's own
};

/// Why a principle was not found: the nearest rule that could conclude it and the first
/// condition of that rule that failed, with the bindings it had reached.
struct WhyNot {
  std::string principle;
  std::string title;
  std::string rule_id;  ///< empty when no rule concludes the principle
  std::string failed_condition;  ///< as written, e.g. "not consent_given(Op, Victim)"
  std::vector<std::pair<std::string, std::string>> bindings;
  std::string text;  ///< one line in plain language
};

/// Everything one evaluation of one scenario under one profile found, in a
/// deterministic order (principle order in the rule base, then roles).
struct Report {
  std::string scenario;
  std::string profile;
  std::vector<Finding> findings;
  std::vector<WhyNot> not_implicated;
};

}  // namespace cybernorms::explain
