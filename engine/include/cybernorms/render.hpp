// Rendering values of the public API in a format. Renderings that need the rule base
// (tables ordered by principle, profile listings) are members of cybernorms::RuleBase.
// Part of the public API; includes no internal header.
#pragma once
#include <cybernorms/diagnostics.hpp>
#include <cybernorms/format.hpp>
#include <cybernorms/report.hpp>
#include <cybernorms/what_if.hpp>

#include <string>

namespace cybernorms {

/// One report in `options.format` (text, JSON, Markdown or terse).
std::string render_report(const Report& report, const RenderOptions& options);

/// A what-if table as text (wrapped to `options.width`), one JSON object, or Markdown;
/// other formats give text (docs/what-if.md).
std::string render_what_if(const WhatIfTable& table, const RenderOptions& options);

/// Diagnostics as text (`file:line:col: error[E201]: ...` with the source line and a
/// caret, then a summary line) or as one JSON object (`options.format`, `options.json_layout`).
std::string render_diagnostics(const Diagnostics& diagnostics, const SourceSet& sources, const RenderOptions& options);

/// What a plain facts file gives, as text: derived facts, then the goals' answers.
std::string render_facts(const FactsReport& report);

/// One why-not goal's answer as text: its matching facts with their levels, or
/// `rel(a, b) is not derived` with the nearest rule, failed condition and bindings.
std::string render_goal_answer(const GoalAnswer& answer);

}  // namespace cybernorms
