// Interchangeable values: enumeration types whose values the rule base treats alike, so
// that an open question over one of them can be asked once instead of value by value.
#pragma once
#include "compile/rule_set.hpp"

#include <vector>

namespace cybernorms::compile {

/// By TypeId, whether the rule base treats the values of an enumeration type alike: no
/// rule names one of them (in a head, an atom or a comparison), no negated atom reads a
/// relation that has an argument of the type, no comparison reads a variable of the type,
/// no rule body has a variable of the type in two places of its positive atoms (a join on
/// it), no parameter is of the type, and no principle's relation has an argument of it.
/// Then any permutation of the type's values maps every derivation onto another, and the
/// values a scenario does not name can stand in for one another: one unknown fact for
/// "some value not named" gives every fact without such a value the truth the unknown
/// facts of each value would give (docs/architecture.md, "Open values asked once").
std::vector<bool> interchangeable_types(const RuleSet& rules);

}  // namespace cybernorms::compile
