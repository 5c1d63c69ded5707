// Lowering a checked program to the compiled RuleSet that evaluation reads.
#pragma once
#include "compile/program.hpp"
#include "compile/rule_set.hpp"

#include <string_view>
#include <unordered_map>

namespace cybernorms::compile {

/// Lowers a program the checks accepted (no errors): symbols interned, types,
/// relations, parameters, principles, rules (one per alternative, exception literals
/// added, join order chosen), strata, profiles with every value filled in.
RuleSet lower(const Program& program);

// ----- pieces of the lowering, shared by its files ---------------------------------------

/// Where each name went in the RuleSet being built.
struct LoweredNames {
  std::unordered_map<std::string_view, TypeId> types;
  std::unordered_map<std::string, RelationId> relations;
  std::unordered_map<std::string_view, std::uint32_t> params;  ///< index into RuleSet::params
  std::vector<std::vector<std::uint32_t>> exceptions_by_target;  ///< by RelationId
};

/// The symbol of a constant term: a name, an integer (its decimal text, ordered by
/// value) or a string.
SymbolId lower_constant(base::SymbolTable& symbols, const ast::Term& term);

/// Rules and exception rules of the program, in source order, before stratification.
void lower_rules(const Program& program, const LoweredNames& names, RuleSet& out);

/// Orders a rule body for evaluation: parameter atoms first, then greedily the positive
/// atom with the most bound arguments (then the fewest free variables, then as written),
/// each negation and comparison right after the atoms binding its variables.
std::vector<Literal> order_body(std::vector<Literal> body, const std::vector<std::string>& variable_names,
                                const std::vector<Relation>& relations);

/// Assigns each rule the stratum of its head relation and sorts the rules by stratum,
/// then source position.
void stratify(RuleSet& out);

}  // namespace cybernorms::compile
