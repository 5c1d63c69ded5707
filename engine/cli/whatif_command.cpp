// `cybernorms whatif SCENARIO`: the scenario's open questions, each answered yes and no,
// and the findings each answer moves.
#include "cli/assumption_options.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include <cybernorms/cybernorms.hpp>

#include <fmt/format.h>

namespace cybernorms::cli {

int run_what_if(const WhatIfArgs& args) {
  const std::filesystem::path input = args.input;
  const InputText read = read_input(input, args.max_input_bytes);
  if (read.status != ReadStatus::ok) {
    fmt::print(stderr, "{}", input_problem(input, read, args.max_input_bytes));
    return exit_usage;
  }
  std::optional<RuleBase> rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  if (!rule_base->has_profile(args.profile)) {
    fmt::print(stderr, "error: no profile named '{}' (profiles: {})\n", args.profile,
               fmt::join(rule_base->profile_ids(), ", "));
    return exit_usage;
  }
  const std::optional<AssumptionOptions> assumed = read_assumption_options(args.assume, args.assume_files);
  if (!assumed) return exit_usage;
  const std::string name = is_standard_input(input) ? std::string(standard_input_name) : input.string();
  if (input_kind(read.text) == InputKind::facts_file) {
    fmt::print(stderr, "{}: error: whatif takes a scenario, not a plain facts file\n", name);
    return exit_usage;
  }
  EvaluateOptions options;
  options.profile = args.profile;
  options.hinge_budget = args.hinge_budget;
  options.max_input_bytes = args.max_input_bytes;
  options.assumptions = assumed->assumptions;
  Evaluator evaluator(*rule_base);
  const WhatIfEvaluation evaluation = evaluator.what_if(read.text, name, options);
  if (!evaluation.ok()) {
    fmt::print(stderr, "{}", render_diagnostics(evaluation.diagnostics, assumed->sources, {Format::text}));
    return exit_usage;
  }
  RenderOptions render;
  render.format = parse_format(args.format).value_or(Format::text);
  render.json_layout = stdout_json_layout(args.json);
  fmt::print("{}", render_what_if(*evaluation.table, render));
  return exit_ok;
}

}  // namespace cybernorms::cli
