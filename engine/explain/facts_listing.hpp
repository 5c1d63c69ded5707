// What a plain facts file gives, as data: every derived fact with its level and hinges,
// and answers to why-not goals. Rendered by render/facts_text.cpp.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/report.hpp"
#include "infer/hinges.hpp"
#include "infer/session.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::explain {

/// How many hinge sets to list per possible fact, and each fact's search budget.
struct HingeOptions {
  std::size_t max_sets = 1;
  std::size_t budget = infer::default_hinge_budget;
};

/// Every fact of an evaluated session that no input stated, sorted by relation (rule-base
/// order) then `rel(a, b)` text; possible ones with up to `options.max_sets` hinge sets.
std::vector<DerivedFact> derived_facts(const infer::Session& session, const HingeOptions& options);

/// The facts of `relation` matching `goal` (nullopt: any value) or, when none does, why
/// not. `shown` spells the goal's values as asked (`_` for any); `profile` is the one
/// the session was evaluated under, which a why-not names when a parameter failed.
GoalAnswer answer_goal(const infer::Session& session, compile::RelationId relation,
                       std::span<const std::optional<base::SymbolId>> goal, std::vector<std::string> shown,
                       const HingeOptions& options, std::string_view profile = default_profile);

}  // namespace cybernorms::explain
