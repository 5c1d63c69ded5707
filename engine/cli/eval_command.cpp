#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include "cybernorms/cybernorms.hpp"
#include "infer/session.hpp"
#include "io/facts_file.hpp"
#include "io/input_kind.hpp"
#include "io/report_render.hpp"
#include "io/tables.hpp"
#include "io/terse.hpp"

#include <fmt/format.h>

namespace cybernorms::cli {

namespace {

namespace fs = std::filesystem;

/// Everything an eval run needs besides the inputs.
struct EvalContext {
  const EvalArgs& args;
  RuleBase rule_base;
  std::vector<std::string> profiles;
  bool colour = false;
  std::vector<std::string> principle_order;
};

std::vector<std::string> principle_order(const compile::RuleSet& rules) {
  std::vector<std::string> order;
  for (const compile::Principle& principle : rules.principles) order.push_back(principle.id);
  return order;
}

std::vector<std::string> all_profiles(const compile::RuleSet& rules) {
  std::vector<std::string> ids;
  for (const compile::Profile& profile : rules.profiles) ids.push_back(profile.id);
  return ids;
}

io::Detail detail_of(const EvalArgs& args) { return args.explain == "full" ? io::Detail::full : io::Detail::brief; }

std::string render_report(const EvalContext& context, const explain::Report& report) {
  const io::Detail detail = detail_of(context.args);
  if (context.args.format == "json") return io::report_to_json(report, detail);
  if (context.args.format == "markdown") return io::report_to_markdown(report, detail);
  if (context.args.format == "terse") return io::terse_to_text(io::terse_findings({report}));
  return io::report_to_text(report, io::TextOptions{detail, context.colour, 80});
}

std::string render_comparison(const EvalContext& context, const std::vector<explain::Report>& reports) {
  const io::ProfileComparison comparison = io::compare_profiles(reports, context.principle_order);
  if (context.args.format == "json") return io::comparison_to_json(comparison);
  if (context.args.format == "markdown") return io::comparison_to_markdown(comparison);
  if (context.args.format == "terse") return io::terse_to_text(io::terse_findings(reports));
  return io::comparison_to_text(comparison);
}

std::string render_summary(const EvalContext& context, const std::vector<explain::Report>& reports) {
  const io::SummaryTable table = io::summarise(reports, context.principle_order);
  if (context.args.format == "json") return io::summary_to_json(table);
  if (context.args.format == "markdown") return io::summary_to_markdown(table);
  return io::summary_to_text(table);
}

/// A plain facts file: derived facts with levels and hinges, then the why-not goals.
bool evaluate_facts_file(const EvalContext& context, const std::string& text, const std::string& name) {
  const compile::RuleSet& rules = context.rule_base.rules();
  base::Diagnostics diagnostics;
  const auto file = io::read_facts_file(text, name, rules, diagnostics);
  std::vector<io::Goal> goals;
  for (const std::string& goal_text : context.args.why_not) {
    if (auto goal = io::parse_goal(goal_text, "--why-not", rules, diagnostics)) goals.push_back(std::move(*goal));
  }
  if (!file || diagnostics.has_errors()) {
    fmt::print(stderr, "{}", render_text(diagnostics, base::SourceSet{}));
    return false;
  }
  infer::Network network(rules);
  infer::Session session(network);
  io::load_facts(*file, session);
  if (const auto stopped = session.evaluate()) {
    fmt::print(stderr, "{}: error[{}]: {}\n", name, stopped->code, stopped->message);
    return false;
  }
  fmt::print("{}", io::render_derived_facts(session, context.args.hinge_sets));
  for (const io::Goal& goal : goals) fmt::print("\n{}", io::render_why_not(session, goal, context.args.hinge_sets));
  return true;
}

/// One scenario under the profiles asked for. Returns false when it was invalid.
bool evaluate_scenario(const EvalContext& context, Evaluator& evaluator, const std::string& text,
                       const std::string& name, std::vector<explain::Report>& collected,
                       std::vector<std::string>& rendered) {
  EvaluateOptions options;
  options.proofs = context.args.explain == "full" && !context.args.summary;
  options.max_hinge_sets = context.args.hinge_sets;
  std::vector<Evaluation> evaluations = evaluator.evaluate_profiles(text, name, context.profiles, options);
  std::vector<explain::Report> reports;
  for (Evaluation& evaluation : evaluations) {
    if (!evaluation.ok()) {
      fmt::print(stderr, "{}", render_text(evaluation.diagnostics, base::SourceSet{}));
      return false;
    }
    reports.push_back(std::move(*evaluation.report));
  }
  if (context.args.summary) {
    collected.insert(collected.end(), reports.begin(), reports.end());
  } else if (context.args.compare_profiles) {
    rendered.push_back(render_comparison(context, reports));
  } else {
    rendered.push_back(render_report(context, reports.front()));
  }
  return true;
}

void print_rendered(const EvalContext& context, const std::vector<std::string>& rendered) {
  if (context.args.format == "json" && rendered.size() > 1) {
    std::string joined = "[\n";
    for (std::size_t i = 0; i < rendered.size(); ++i) {
      std::string item = rendered[i];
      while (!item.empty() && item.back() == '\n') item.pop_back();
      joined += item + (i + 1 < rendered.size() ? ",\n" : "\n");
    }
    fmt::print("{}]\n", joined);
    return;
  }
  for (std::size_t i = 0; i < rendered.size(); ++i) fmt::print("{}{}", i > 0 ? "\n" : "", rendered[i]);
}

bool profile_names_valid(const EvalArgs& args, const compile::RuleSet& rules) {
  if (args.compare_profiles || rules.find_profile(args.profile)) return true;
  std::string known;
  for (const compile::Profile& profile : rules.profiles) known += (known.empty() ? "" : ", ") + profile.id;
  fmt::print(stderr, "error: no profile named '{}' (profiles: {})\n", args.profile, known);
  return false;
}

}  // namespace

int run_eval(const EvalArgs& args) {
  std::vector<std::string> missing;
  const std::vector<fs::path> inputs = expand_inputs(args.inputs, ".json", missing);
  for (const std::string& path : missing) fmt::print(stderr, "error: no such file or folder: {}\n", path);
  if (!missing.empty()) return exit_usage;
  if (inputs.empty()) {
    fmt::print(stderr, "error: no scenario files (*.json) in {}\n", fmt::join(args.inputs, ", "));
    return exit_usage;
  }
  std::optional<RuleBase> rule_base = load_rule_base(args.rules_dir, args.sources_dir);
  if (!rule_base) return exit_findings_error;
  if (!profile_names_valid(args, rule_base->rules())) return exit_usage;

  EvalContext context{args, *rule_base, {}, stdout_wants_colour(args.colour), principle_order(rule_base->rules())};
  context.profiles = args.compare_profiles ? all_profiles(rule_base->rules()) : std::vector<std::string>{args.profile};
  Evaluator evaluator(*rule_base);
  std::vector<explain::Report> collected;
  std::vector<std::string> rendered;
  bool all_valid = true;
  for (const fs::path& input : inputs) {
    std::string error;
    const auto text = read_file(input, error);
    if (!text) {
      fmt::print(stderr, "{}: error: {}\n", input.string(), error);
      all_valid = false;
    } else if (io::input_kind(*text) == io::InputKind::facts_file) {
      all_valid = evaluate_facts_file(context, *text, input.string()) && all_valid;
    } else {
      all_valid = evaluate_scenario(context, evaluator, *text, input.string(), collected, rendered) && all_valid;
    }
  }
  print_rendered(context, rendered);
  if (args.summary) fmt::print("{}", render_summary(context, collected));
  return all_valid ? exit_ok : exit_usage;
}

}  // namespace cybernorms::cli
