// The profiles of a rule base (`cybernorms profiles`): each with its title, citations
// and the value of every parameter, marking those it sets itself.
#pragma once
#include "compile/rule_set.hpp"

#include <cybernorms/format.hpp>

#include <string>

namespace cybernorms::render {

std::string profiles_to_text(const compile::RuleSet& rules);
std::string profiles_to_json(const compile::RuleSet& rules, JsonLayout layout);
std::string profiles_to_markdown(const compile::RuleSet& rules);

}  // namespace cybernorms::render
