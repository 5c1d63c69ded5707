#include "cli/assumption_options.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/option_checks.hpp"

#include <cybernorms/cybernorms.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace cybernorms::cli {

namespace {

namespace fs = std::filesystem;

/// Everything an eval run needs besides the inputs.
struct EvalContext {
  const EvalArgs& args;
  RuleBase rule_base;
  std::vector<std::string> profiles;
  RenderOptions render;
  AssumptionOptions assumed;
};

/// What the command line asks of every evaluation.
EvaluateOptions evaluate_options(const EvalArgs& args, const AssumptionOptions& assumed) {
  EvaluateOptions options;
  options.assumptions = assumed.assumptions;
  options.proofs = args.explain == "full" && !args.summary;
  options.max_hinge_sets = args.hinge_sets;
  options.hinge_budget = args.hinge_budget;
  options.proof_depth = args.proof_depth;
  options.max_input_bytes = args.max_input_bytes;
  options.language = args.language;
  options.open_values_once = args.open_values == "once";
  return options;
}

/// A plain facts file: derived facts with levels and hinges, then the why-not goals.
bool evaluate_facts_file(const EvalContext& context, Evaluator& evaluator, const std::string& text,
                         const std::string& name) {
  const FactsEvaluation evaluation =
      evaluator.evaluate_facts(text, name, context.args.why_not, evaluate_options(context.args, context.assumed));
  if (!evaluation.ok()) {
    fmt::print(stderr, "{}", render_diagnostics(evaluation.diagnostics, evaluation.sources, {Format::text}));
    return false;
  }
  fmt::print("{}", render_facts(*evaluation.report));
  return true;
}

/// A scenario's answers to the --why-not goals under the profile asked for.
bool answer_goals(const EvalContext& context, Evaluator& evaluator, const std::string& text, const std::string& name,
                  std::vector<std::string>& rendered) {
  EvaluateOptions options = evaluate_options(context.args, context.assumed);
  options.profile = context.args.profile;
  const GoalsEvaluation evaluation = evaluator.why_not(text, name, context.args.why_not, options);
  if (!evaluation.ok()) {
    fmt::print(stderr, "{}", render_diagnostics(evaluation.diagnostics, evaluation.sources, {Format::text}));
    return false;
  }
  std::string out = fmt::format("{} under profile {}:\n", name, context.args.profile);
  for (const GoalAnswer& answer : *evaluation.answers) out += "\n" + render_goal_answer(answer);
  rendered.push_back(std::move(out));
  return true;
}

/// One scenario under the profiles asked for. Returns false when it was invalid.
bool evaluate_scenario(const EvalContext& context, Evaluator& evaluator, const std::string& text,
                       const std::string& name, std::vector<Report>& collected,
                       std::vector<std::string>& rendered) {
  std::vector<Evaluation> evaluations =
      evaluator.evaluate_profiles(text, name, context.profiles, evaluate_options(context.args, context.assumed));
  std::vector<Report> reports;
  for (Evaluation& evaluation : evaluations) {
    if (!evaluation.ok()) {
      fmt::print(stderr, "{}", render_diagnostics(evaluation.diagnostics, context.assumed.sources, {Format::text}));
      return false;
    }
    reports.push_back(std::move(*evaluation.report));
  }
  if (context.args.summary) {
    collected.insert(collected.end(), std::make_move_iterator(reports.begin()), std::make_move_iterator(reports.end()));
  } else if (context.args.compare_profiles) {
    rendered.push_back(context.rule_base.render_comparison(reports, context.render));
  } else {
    rendered.push_back(render_report(reports.front(), context.render));
  }
  return true;
}

void print_rendered(const EvalContext& context, const std::vector<std::string>& rendered) {
  if (context.render.format == Format::json && rendered.size() > 1) {
    // One document: the reports as an array, one per line when compact.
    std::string joined = "[\n";
    for (std::size_t i = 0; i < rendered.size(); ++i) {
      std::string_view item = rendered[i];
      while (!item.empty() && item.back() == '\n') item.remove_suffix(1);
      joined.append(item).append(i + 1 < rendered.size() ? ",\n" : "\n");
    }
    fmt::print("{}]\n", joined);
    return;
  }
  for (std::size_t i = 0; i < rendered.size(); ++i) fmt::print("{}{}", i > 0 ? "\n" : "", rendered[i]);
}

bool profile_names_valid(const EvalArgs& args, const RuleBase& rule_base) {
  if (args.compare_profiles || rule_base.has_profile(args.profile)) return true;
  fmt::print(stderr, "error: no profile named '{}' (profiles: {})\n", args.profile,
             fmt::join(rule_base.profile_ids(), ", "));
  return false;
}

bool language_valid(const EvalArgs& args, const RuleBase& rule_base) {
  const std::vector<std::string> languages = rule_base.languages();
  if (std::find(languages.begin(), languages.end(), args.language) != languages.end()) return true;
  fmt::print(stderr, "error: no language named '{}' (languages: {})\n", args.language, fmt::join(languages, ", "));
  return false;
}

/// The --why-not goals, checked once before any input: a malformed one is a usage error,
/// shown with a caret under the part of the goal that is wrong.
bool goals_valid(const EvalArgs& args, const RuleBase& rule_base) {
  SourceSet sources;
  Diagnostics diagnostics;
  if (rule_base.check_goals(args.why_not, sources, diagnostics)) return true;
  fmt::print(stderr, "{}", render_diagnostics(diagnostics, sources, {Format::text}));
  return false;
}

RenderOptions render_options(const EvalArgs& args, const RuleBase& rule_base) {
  RenderOptions options;
  options.words = rule_base.words(args.language);
  options.format = parse_format(args.format).value_or(Format::text);
  options.detail = args.explain == "full" ? Detail::full : Detail::brief;
  options.colour = stdout_wants_colour(args.colour);
  options.json_layout = stdout_json_layout(args.json);
  options.comparison_explanations = args.compare_profiles && args.given.contains("--explain");
  return options;
}

}  // namespace

int run_eval(const EvalArgs& args) {
  std::vector<std::string> problems;
  const std::vector<fs::path> inputs = expand_inputs(args.inputs, ".json", problems);
  for (const std::string& problem : problems) fmt::print(stderr, "{}\n", problem);
  if (!problems.empty()) return exit_usage;
  if (inputs.empty()) {
    fmt::print(stderr, "error: no scenario files (*.json) in {}\n", fmt::join(args.inputs, ", "));
    return exit_usage;
  }
  if (args.format == "html" && !args.summary && inputs.size() > 1) {
    // A page is one document: several written one after another would not be one.
    fmt::print(stderr, "error: --format html writes one page: give one scenario ({} given), or --summary for many\n",
               inputs.size());
    return exit_usage;
  }
  std::optional<RuleBase> rule_base = load_rule_base(args.rules_dir, args.sources_dir);
  if (!rule_base) return exit_findings_error;
  if (!profile_names_valid(args, *rule_base) || !language_valid(args, *rule_base)) return exit_usage;
  if (!goals_valid(args, *rule_base)) return exit_usage;

  std::optional<AssumptionOptions> assumed = read_assumption_options(args.assume, args.assume_files);
  if (!assumed) return exit_usage;
  EvalContext context{args, *rule_base, {}, render_options(args, *rule_base), std::move(*assumed)};
  context.profiles = args.compare_profiles ? rule_base->profile_ids() : std::vector<std::string>{args.profile};
  Evaluator evaluator(*rule_base);
  std::vector<Report> collected;
  std::vector<std::string> rendered;
  bool all_valid = true;
  for (const fs::path& input : inputs) {
    const InputText read = read_input(input, args.max_input_bytes);
    const std::string name = is_standard_input(input) ? std::string(standard_input_name) : input.string();
    if (read.status != ReadStatus::ok) {
      fmt::print(stderr, "{}", input_problem(input, read, args.max_input_bytes));
      all_valid = false;
    } else if (input_kind(read.text) == InputKind::facts_file) {
      if (const auto conflict = facts_file_conflict(args, name)) {
        fmt::print(stderr, "{}", *conflict);
        all_valid = false;
        continue;
      }
      all_valid = evaluate_facts_file(context, evaluator, read.text, name) && all_valid;
    } else if (const auto conflict = scenario_conflict(args, name)) {
      fmt::print(stderr, "{}", *conflict);
      all_valid = false;
    } else if (!args.why_not.empty()) {
      all_valid = answer_goals(context, evaluator, read.text, name, rendered) && all_valid;
    } else {
      all_valid = evaluate_scenario(context, evaluator, read.text, name, collected, rendered) && all_valid;
    }
  }
  print_rendered(context, rendered);
  if (args.summary) fmt::print("{}", rule_base->render_summary(collected, context.render));
  return all_valid ? exit_ok : exit_usage;
}

}  // namespace cybernorms::cli
