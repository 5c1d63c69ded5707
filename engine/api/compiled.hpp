// What a RuleBase shares between its copies and threads: the rule set and what is
// worked out from it once.
#pragma once
#include "compile/rule_set.hpp"
#include "infer/network.hpp"
#include "scenario/facts_file.hpp"
#include "scenario/scenario.hpp"

#include <cybernorms/cybernorms.hpp>

#include <string>
#include <vector>

namespace cybernorms {

/// Never moved once built: the network and the reader refer to the rule set.
struct RuleBase::Compiled {
  Compiled(compile::RuleSet compiled, RuleBaseSummary counted)
      : rules(std::move(compiled)), network(rules), reader(rules), summary(counted) {
    for (const compile::Principle& principle : rules.principles) principle_order.push_back(principle.id);
  }
  compile::RuleSet rules;
  infer::Network network;
  scenario::ScenarioReader reader;  ///< the scenario vocabulary, worked out once
  RuleBaseSummary summary;
  std::vector<std::string> principle_order;
};

/// Why-not goals read against the rule base (evaluator.cpp); see RuleBase::check_goals.
std::vector<scenario::Goal> parse_goals(const std::vector<std::string>& goals, const compile::RuleSet& rules,
                                        SourceSet& sources, Diagnostics& diagnostics);

}  // namespace cybernorms
