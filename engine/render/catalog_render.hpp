// What a rule base holds, by id (`cybernorms rules`): its principles with their titles,
// roles and citations, its relations with how their facts read, and its profiles. Batch
// records name principles and questions by id only; a consumer joins this in once.
#pragma once
#include "compile/rule_set.hpp"

#include <cybernorms/format.hpp>

#include <string>

namespace cybernorms::render {

std::string catalog_to_text(const compile::RuleSet& rules);
std::string catalog_to_json(const compile::RuleSet& rules, JsonLayout layout);

}  // namespace cybernorms::render
