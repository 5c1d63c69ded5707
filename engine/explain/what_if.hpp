// The data of a what-if table: which unknown facts a report's findings hinge on, and how
// the findings move between two reports of one scenario. The evaluations themselves are
// the api's (Evaluator::what_if); renderers live in render/.
#pragma once
#include "explain/report.hpp"

#include <cybernorms/what_if.hpp>

#include <vector>

namespace cybernorms::explain {

/// The unknown base facts the possible findings of a report hinge on, each once, in the
/// order the findings' hinge sets first name them.
std::vector<FactRef> open_facts(const Report& report);

/// Whether every finding's hinge sets were all found and listed, so `open_facts` names
/// every unknown fact a finding hinges on.
bool hinges_listed_in_full(const Report& report);

/// The question that asks whether a fact holds, answered yes then no, with nothing
/// compared yet: each answer assumes the fact (stated unknown) true or false.
/// Worded as the report's question that asks about the fact (the rule base's `question`
/// clause), with the fact itself in parentheses when that question has other answers.
WhatIfQuestion question_about(const Report& report, const FactRef& fact);

/// Fills `answer.changes` and `answer.unchanged`: every finding of `before` or `after`
/// (by principle and roles), `before`'s in order, then those only `after` has.
void compare_findings(const Report& before, const Report& after, WhatIfAnswer& answer);

}  // namespace cybernorms::explain
