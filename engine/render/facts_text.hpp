// What a plain facts file gives, as the text `cybernorms eval` prints for it.
#pragma once
#include "explain/report.hpp"

#include <string>
#include <vector>

namespace cybernorms::render {

/// One line per derived fact: `attributed_to(op1, a): established`, or for a possible
/// fact `non_infringement(a, b, op1): possible, if consent_given(op1, b) is false`, its
/// hinge sets joined by "; or if". Empty text when nothing was derived.
std::string derived_facts_to_text(const std::vector<DerivedFact>& facts);

/// A goal's matching facts (`... is established`, `... is possible, if ...`) or why not:
///
///   non_interference(a, b, op1) is not derived
///     nearest rule: non_interference.coercion
///     failed condition: act(Op, coercion)
///     bindings: S = a, V = b, Op = op1
std::string goal_answer_to_text(const GoalAnswer& answer);

/// The derived facts, then each goal's answer after a blank line.
std::string facts_report_to_text(const FactsReport& report);

}  // namespace cybernorms::render
