// `cybernorms grade EXERCISE ANSWER`: a student's answer to an exercise compared with what
// the engine finds, scored, with feedback and hints (docs/grading.md); `--model-answer`
// prints the answer that scores full marks.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include <cybernorms/cybernorms.hpp>
#include <cybernorms/exercise.hpp>

#include <fmt/format.h>

namespace cybernorms::cli {

namespace {

namespace fs = std::filesystem;

/// The name a file's document gets in messages: its path, or "standard input".
std::string document_name(const fs::path& path) {
  return is_standard_input(path) ? std::string(standard_input_name) : path.string();
}

}  // namespace

int run_grade(const GradeArgs& args) {
  const fs::path exercise_path = args.exercise;
  if (is_standard_input(exercise_path)) {
    fmt::print(stderr, "error: grade reads the exercise from a file, beside which its scenario is found: - is not one\n");
    return exit_usage;
  }
  if (args.model_answer == !args.answer.empty()) {
    fmt::print(stderr, "error: grade takes an answer file, or --model-answer without one\n");
    return exit_usage;
  }
  const InputText exercise_text = read_input(exercise_path, args.max_input_bytes);
  if (exercise_text.status != ReadStatus::ok) {
    fmt::print(stderr, "{}", input_problem(exercise_path, exercise_text, args.max_input_bytes));
    return exit_findings_error;
  }
  const ExerciseRead read = read_exercise(exercise_text.text, exercise_path.string(), args.max_input_bytes);
  if (!read.ok()) {
    fmt::print(stderr, "{}", render_diagnostics(read.diagnostics, read.sources, {Format::text}));
    return exit_findings_error;
  }
  const Exercise& exercise = *read.exercise;
  const fs::path scenario_path = exercise_path.parent_path() / exercise.scenario;
  const InputText scenario_text = read_input(scenario_path, args.max_input_bytes);
  if (scenario_text.status != ReadStatus::ok) {
    fmt::print(stderr, "{}: /scenario: the exercise's scenario cannot be read\n", exercise_path.string());
    fmt::print(stderr, "{}", input_problem(scenario_path, scenario_text, args.max_input_bytes));
    return exit_findings_error;
  }
  std::optional<RuleBase> rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  Evaluator evaluator(*rule_base);
  GradeOptions options;
  options.reveal = args.reveal;
  options.max_input_bytes = args.max_input_bytes;
  if (args.model_answer) {
    const ModelAnswer model = evaluator.model_answer(exercise, scenario_text.text, scenario_path.string(), options);
    if (!model.ok()) {
      fmt::print(stderr, "{}", render_diagnostics(model.diagnostics, model.sources, {Format::text}));
      return exit_findings_error;
    }
    fmt::print("{}", *model.answer);
    return exit_ok;
  }
  const fs::path answer_path = args.answer;
  const InputText answer_text = read_input(answer_path, args.max_input_bytes);
  if (answer_text.status != ReadStatus::ok) {
    fmt::print(stderr, "{}", input_problem(answer_path, answer_text, args.max_input_bytes));
    return exit_findings_error;
  }
  const GradeEvaluation graded = evaluator.grade(exercise, scenario_text.text, scenario_path.string(),
                                                 answer_text.text, document_name(answer_path), options);
  if (!graded.ok()) {
    fmt::print(stderr, "{}", render_diagnostics(graded.diagnostics, graded.sources, {Format::text}));
    return exit_findings_error;
  }
  RenderOptions render;
  render.format = args.format == "json" ? Format::json : Format::text;
  render.json_layout = stdout_json_layout(args.json);
  fmt::print("{}", render_grade(*graded.grade, render));
  return exit_ok;
}

}  // namespace cybernorms::cli
