// The JSON Schema of scenarios, derived from the rule base's declarations.
#pragma once
#include "compile/rule_set.hpp"

#include <string>

namespace cybernorms::scenario {

/// A JSON Schema (draft 2020-12) of the scenarios `rules` accepts: one array property per
/// entity collection, one property per bound attribute with its type's values, "unknown"
/// wherever a value may be, the list forms, and descriptions from the doc strings.
/// Deterministic: the same rule set gives the same bytes. The loader checks more than the
/// schema can say (references to entities, unique ids), so a valid instance may still
/// be refused with a diagnostic.
std::string json_schema(const compile::RuleSet& rules);

}  // namespace cybernorms::scenario
