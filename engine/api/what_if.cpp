// What-if: evaluations of one scenario with each open question answered each way, and
// the reading of assumptions. Every evaluation goes through Evaluator::evaluate, so the
// table's cells are exactly what `eval --assume` gives for the same assumptions.
#include <cybernorms/cybernorms.hpp>

#include "explain/what_if.hpp"
#include "render/what_if_render.hpp"
#include "scenario/assumptions.hpp"

#include <algorithm>

namespace cybernorms {

namespace {

/// The hinge sets a what-if evaluation looks at per finding, at least: enough that the
/// open questions of bundled scenarios are all listed.
constexpr std::size_t question_hinge_sets = 64;

/// Options of the evaluation without answers: levels and hinges only, every set listed
/// that fits, each open value a question of its own, as the answers (assumptions) read it.
EvaluateOptions baseline_options(const EvaluateOptions& options) {
  EvaluateOptions baseline = options;
  baseline.proofs = false;
  baseline.open_values_once = false;
  baseline.max_hinge_sets = std::max(options.max_hinge_sets, question_hinge_sets);
  return baseline;
}

/// Options of one answer's evaluation: the caller's assumptions, then the answer's.
EvaluateOptions answer_options(const EvaluateOptions& options, const WhatIfAnswer& answer) {
  EvaluateOptions assumed = options;
  assumed.proofs = false;
  assumed.max_hinge_sets = 1;  // levels are what is compared
  for (const Assumption& assumption : answer.assumed) {
    std::string fact = assumption.fact.relation + "(";
    for (std::size_t i = 0; i < assumption.fact.args.size(); ++i)
      fact += (i == 0 ? "" : ", ") + assumption.fact.args[i];
    assumed.assumptions.push_back(AssumedFact{fact + ")", assumption.value, {}});
  }
  return assumed;
}

}  // namespace

std::string render_what_if(const WhatIfTable& table, const RenderOptions& options) {
  return render::what_if(table, options);
}

std::vector<AssumedFact> read_assumptions(const SourceSet& sources, FileId file, Diagnostics& diagnostics) {
  return scenario::read_assumption_lines(sources.file(file), file, diagnostics);
}

WhatIfEvaluation Evaluator::what_if(std::string_view scenario_json, const std::string& document_name,
                                    const EvaluateOptions& options) {
  WhatIfEvaluation result;
  Evaluation baseline = evaluate(scenario_json, document_name, baseline_options(options));
  if (!baseline.ok()) {
    result.diagnostics = std::move(baseline.diagnostics);
    return result;
  }
  const Report& before = *baseline.report;
  WhatIfTable table{before.scenario, before.profile, before.assumptions, before.findings.size(), {},
                    explain::hinges_listed_in_full(before)};
  for (const FactRef& fact : explain::open_facts(before)) {
    WhatIfQuestion question = explain::question_about(before, fact);
    for (WhatIfAnswer& answer : question.answers) {
      Evaluation assumed = evaluate(scenario_json, document_name, answer_options(options, answer));
      if (!assumed.ok()) {
        result.diagnostics = std::move(assumed.diagnostics);
        return result;
      }
      // What the scenario said of the answer's facts, as the evaluation found it.
      // The report lists the caller's assumptions first, then the answer's.
      const std::vector<Assumption>& made = assumed.report->assumptions;
      const std::size_t own = std::min(answer.assumed.size(), made.size());
      answer.assumed.assign(made.end() - static_cast<std::ptrdiff_t>(own), made.end());
      explain::compare_findings(before, *assumed.report, answer);
    }
    table.questions.push_back(std::move(question));
  }
  result.table = std::move(table);
  return result;
}

}  // namespace cybernorms
