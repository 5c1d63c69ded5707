// What a plain facts file gives, as data: every derived fact with its level and hinges,
// and answers to why-not goals. Rendered by render/facts_text.cpp.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/report.hpp"
#include "infer/session.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cybernorms::explain {

/// Every fact of an evaluated session that no input stated, sorted by relation (rule-base
/// order) then `rel(a, b)` text; possible ones with up to `max_hinge_sets` hinge sets.
std::vector<DerivedFact> derived_facts(const infer::Session& session, std::size_t max_hinge_sets);

/// The facts of `relation` matching `goal` (nullopt: any value) or, when none does, why
/// not. `shown` spells the goal's values as asked (`_` for any).
GoalAnswer answer_goal(const infer::Session& session, compile::RelationId relation,
                       std::span<const std::optional<base::SymbolId>> goal, std::vector<std::string> shown,
                       std::size_t max_hinge_sets);

}  // namespace cybernorms::explain
