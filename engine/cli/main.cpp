// cybernorms: the command line. The only place that prints or exits.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "cli/suggest.hpp"

#include <cybernorms/cybernorms.hpp>
#include <cybernorms/format.hpp>
#include <cybernorms/input.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

using namespace cybernorms::cli;
using cybernorms::format_names;
using cybernorms::Output;

void add_json_layout(CLI::App& command, JsonLayoutFlags& flags) {
  CLI::Option* pretty = command.add_flag("--pretty", flags.pretty, "Indent JSON output (default on a terminal)");
  command.add_flag("--compact", flags.compact, "JSON output on one line (default for a pipe or a file)")->excludes(pretty);
}

void add_check(CLI::App& app, CheckArgs& args) {
  CLI::App* check = app.add_subcommand("check", "Check rule files and folders (default: rules)");
  check->add_option("paths", args.paths, "Rule files (*.cnr) or folders");
  check->add_option("--sources", args.sources_dir, "Folder of the cited source documents: verify quotes and headings");
  check->add_option("--format", args.format, "Output format")->check(CLI::IsMember(format_names(Output::diagnostics)));
  add_json_layout(*check, args.json);
  check->add_flag("--werror", args.werror, "Treat warnings as errors");
  check->add_option("--lang", args.language,
                    "Also check the translation into this language: a warning (W010) for each text or word without one");
}

void add_hinge_sets(CLI::App& command, std::size_t& sets) {
  command
      .add_option("--hinge-sets", sets,
                  "Ways to settle the open questions shown per possible finding (default 4); the rest are counted "
                  "(\"and 6 more ways\")")
      ->check(CLI::Range(1, 64));
}

void add_hinge_budget(CLI::App& command, std::size_t& budget) {
  command
      .add_option("--hinge-budget", budget,
                  "Work budget of the search for hinge sets, per report (default 200000); findings it cuts "
                  "short say so")
      ->check(CLI::Range(std::size_t{1}, cybernorms::max_hinge_budget));
}

void add_proof_depth(CLI::App& command, std::size_t& depth) {
  command
      .add_option("--proof-depth", depth,
                  "Steps of a proof unfolded from the finding down (default 50); deeper steps are folded and say so")
      ->check(CLI::Range(std::size_t{1}, cybernorms::max_proof_depth));
}

/// `--max-input-bytes`: `what` ("A larger scenario") is refused with E407 above it.
void add_max_input_bytes(CLI::App& command, std::size_t& bytes, const std::string& what) {
  command.add_option("--max-input-bytes", bytes, what + " refused with E407 (default 8 MiB, at most 1 GiB)")
      ->check(CLI::Range(std::size_t{1}, cybernorms::max_settable_input_bytes));
}

void add_assume(CLI::App& command, std::vector<std::string>& assume, std::vector<std::string>& files) {
  command.add_option("--assume", assume,
                     "Take a scenario fact as true or false: 'knew_of(op1, arland)=true' (repeatable; docs/what-if.md)")
      ->allow_extra_args(false);
  command.add_option("--assume-file", files, "Assumptions, one FACT=true|false a line (# comments)")->allow_extra_args(false);
}

/// `--open-values each|once` (docs/scenario-format.md, "Open values asked once").
void add_open_values(CLI::App& command, std::string& mode, const std::string& fallback) {
  command
      .add_option("--open-values", mode,
                  "Values a scenario leaves open of a type the rule base treats alike: one question for all of "
                  "them (once) or one per value (each); default " + fallback)
      ->check(CLI::IsMember({"each", "once"}));
}

void add_what_if(CLI::App& app, WhatIfArgs& args) {
  CLI::App* what_if = app.add_subcommand(
      "whatif", "For each open question of a scenario, how answering it yes or no moves each finding");
  what_if->add_option("input", args.input, "Scenario file (*.json); - reads standard input")->required();
  what_if->add_option("--rules", args.rules_dir, "Rule folder");
  what_if->add_option("--profile", args.profile, "Evaluate under this profile");
  what_if->add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown", "html"}));
  add_json_layout(*what_if, args.json);
  add_assume(*what_if, args.assume, args.assume_files);
  add_hinge_budget(*what_if, args.hinge_budget);
  add_max_input_bytes(*what_if, args.max_input_bytes, "A larger scenario is");
}

void add_test(CLI::App& app, TestArgs& args) {
  CLI::App* test = app.add_subcommand(
      "test", "Check scenarios against their expected findings (NAME.expected.txt beside NAME.json)");
  test->add_option("paths", args.paths, "Scenario files (*.json) or folders of them (default: scenarios)");
  test->add_option("--rules", args.rules_dir, "Rule folder (default: ./rules, else the bundled rule base)");
  test->add_flag("--update", args.update, "Write each expected findings file that differs anew from what is found");
  test->add_flag("-v,--verbose", args.verbose, "Also name each scenario that passes, and those without expected findings");
  add_max_input_bytes(*test, args.max_input_bytes, "Larger scenario or expected files are");
}

void add_grade(CLI::App& app, GradeArgs& args) {
  CLI::App* grade = app.add_subcommand(
      "grade", "Grade a student's answer to an exercise against what the engine finds (docs/grading.md)");
  grade->add_option("exercise", args.exercise, "Exercise file (exercises/NN-slug.json)")->required();
  grade->add_option("answer", args.answer, "Answer file (docs/answer.schema.json); - reads standard input");
  grade->add_option("--rules", args.rules_dir, "Rule folder (default: ./rules, else the bundled rule base)");
  grade->add_flag("--reveal", args.reveal, "Name the expected levels in feedback (a teacher's view)");
  grade->add_flag("--model-answer", args.model_answer, "Print the answer that scores full marks instead of grading");
  grade->add_option("--format", args.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  add_json_layout(*grade, args.json);
  add_max_input_bytes(*grade, args.max_input_bytes, "Larger exercise, scenario or answer files are");
}

void add_eval(CLI::App& app, EvalArgs& args) {
  CLI::App* eval = app.add_subcommand("eval", "Evaluate scenarios (or plain facts files) against the rule base");
  eval->add_option("inputs", args.inputs,
                   "Scenario files (*.json) or folders of them; or facts files; - reads standard input")
      ->required();
  eval->add_option("--rules", args.rules_dir, "Rule folder (default: ./rules, else the bundled rule base)");
  eval->add_option("--sources", args.sources_dir, "Folder of the cited source documents: verify quotes");
  eval->add_option("--profile", args.profile, "Evaluate under this profile (see `cybernorms profiles`)");
  eval->add_flag("--compare-profiles", args.compare_profiles, "Evaluate under every profile, side by side");
  eval->add_flag("--summary", args.summary, "One table: scenario by principle, with the level in each cell");
  eval->add_option("--format", args.format, "Output format")->check(CLI::IsMember(format_names(Output::report)));
  eval->add_option("--explain", args.explain, "How much of each explanation to show")
      ->check(CLI::IsMember({"brief", "full"}));
  add_json_layout(*eval, args.json);
  eval->add_option("--color", args.colour, "Colour in text output")->check(CLI::IsMember({"auto", "always", "never"}));
  eval->add_option("--why-not", args.why_not,
                   "Answer a goal such as 'non_interference(borania, _, op1)' (_ for any value): the facts "
                   "that match it, or why none does (repeatable)");
  add_assume(*eval, args.assume, args.assume_files);
  add_hinge_sets(*eval, args.hinge_sets);
  add_hinge_budget(*eval, args.hinge_budget);
  add_proof_depth(*eval, args.proof_depth);
  add_max_input_bytes(*eval, args.max_input_bytes, "Larger scenario or facts files are");
  eval->add_option("--lang", args.language,
                   "Language of reports (text, Markdown, JSON texts): en (default) or one the rule base declares");
  add_open_values(*eval, args.open_values, "each");
  eval->get_option("--compare-profiles")->excludes("--profile")->excludes("--summary");
}

/// Line numbers up to 2^53 stay exact for readers of the records that hold JSON numbers
/// as doubles (JavaScript, jq, Spark's JSON reader by default).
constexpr std::size_t largest_first_line = std::size_t{1} << 53;

void add_batch(CLI::App& app, BatchArgs& args) {
  CLI::App* batch = app.add_subcommand(
      "batch", "Evaluate JSON Lines: one scenario per input line, one JSON record per output line, in order");
  batch->add_option("input", args.input, "JSON Lines file (default: standard input)");
  batch->add_option("--rules", args.rules_dir, "Rule folder");
  batch->add_option("--profile", args.profile, "Evaluate under this profile");
  batch->add_option("--explain", args.explain,
                    "Records with reports instead of compact ones: brief (titles, citations, hinge facts, "
                    "why-not) or full (with proof trees)")
      ->check(CLI::IsMember({"brief", "full"}));
  batch->add_option("--jobs,-j", args.jobs, "Threads (default: one per core)")->check(CLI::Range(1, 256));
  batch->add_option("--block", args.block_size, "Lines read and evaluated at a time (bounds memory)")
      ->check(CLI::Range(1, 1'000'000));
  batch->add_option("--block-bytes", args.block_bytes, "Bytes of input lines held at a time (bounds memory; 8 MiB)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  batch->add_option("--max-line-bytes", args.max_line_bytes,
                    "Longer lines are skipped, each with an E407 record (at most and by default 8 MiB)")
      ->check(CLI::Range(std::size_t{1}, cybernorms::max_input_bytes));
  batch
      ->add_option("--first-line", args.first_line,
                   "Number of the first input line in records and messages (default 1): a shard's offset + 1")
      ->check(CLI::Range(std::size_t{1}, largest_first_line));
  add_hinge_sets(*batch, args.hinge_sets);
  add_hinge_budget(*batch, args.hinge_budget);
  add_proof_depth(*batch, args.proof_depth);
  add_open_values(*batch, args.open_values, "once");
}

void add_rules(CLI::App& app, InfoArgs& args) {
  CLI::App* rules = app.add_subcommand(
      "rules", "List the rule base by id: principles (titles, roles, citations), relations (how facts read), profiles");
  rules->add_option("--rules", args.rules_dir, "Rule folder");
  rules->add_option("--format", args.format, "Output format")->check(CLI::IsMember(format_names(Output::catalog)));
  add_json_layout(*rules, args.json);
}

void add_info(CLI::App& app, InfoArgs& schema_args, InfoArgs& profile_args) {
  CLI::App* schema = app.add_subcommand("schema", "Print the JSON Schema of scenarios, derived from the rule base");
  schema->add_option("--rules", schema_args.rules_dir, "Rule folder");
  CLI::App* profiles = app.add_subcommand("profiles", "List the profiles with their citations and parameters");
  profiles->add_option("--rules", profile_args.rules_dir, "Rule folder");
  profiles->add_option("--format", profile_args.format, "Output format")
      ->check(CLI::IsMember(format_names(Output::profiles)));
  add_json_layout(*profiles, profile_args.json);
}

void add_serve(CLI::App& app, ServeArgs& args) {
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve a local page to evaluate, compare and explore scenarios and to grade exercises (docs/serve.md)");
  serve->add_option("--rules", args.rules_dir, "Rule folder (default: ./rules, else the bundled rule base)");
  serve->add_option("--scenarios", args.scenarios_dir, "Folder of the scenarios offered (default: the bundled ones)");
  serve->add_option("--exercises", args.exercises_dir, "Folder of the exercises offered (default: the bundled ones)");
  serve->add_option("--host", args.host, "Address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--port", args.port, "Port to listen on (default 8080; 0: any free port)")->check(CLI::Range(0, 65535));
  serve
      ->add_option("--max-body-bytes", args.max_body_bytes,
                   "Larger request bodies are refused with 413 (default 1 MiB, at most 1 GiB)")
      ->check(CLI::Range(std::size_t{1}, cybernorms::max_settable_input_bytes));
  add_max_input_bytes(*serve, args.max_input_bytes, "A larger scenario is");
  serve->add_option("--threads", args.threads, "Requests served at once (default 8)")->check(CLI::Range(1, 256));
}

/// The options given to `command`, by their long names.
GivenOptions given_options(const CLI::App& command) {
  GivenOptions given;
  for (const CLI::Option* option : command.get_options()) {
    if (option->count() > 0 && !option->get_lnames().empty()) given.insert("--" + option->get_lnames().front());
  }
  return given;
}

/// Options that one another would make ignored, for the subcommand given; each printed.
bool options_agree(const CLI::App& app, const CheckArgs& check_args, const EvalArgs& eval_args,
                   const BatchArgs& batch_args, const InfoArgs& profile_args, const WhatIfArgs& what_if_args,
                   const GradeArgs& grade_args) {
  std::vector<std::string> messages;
  if (app.got_subcommand("check")) messages = layout_conflicts(check_args.format, check_args.json);
  if (app.got_subcommand("eval")) messages = eval_conflicts(eval_args);
  if (app.got_subcommand("batch")) messages = batch_conflicts(batch_args);
  if (app.got_subcommand("profiles")) messages = layout_conflicts(profile_args.format, profile_args.json);
  if (app.got_subcommand("whatif")) messages = layout_conflicts(what_if_args.format, what_if_args.json);
  if (app.got_subcommand("grade")) {
    if (!grade_args.model_answer) messages = layout_conflicts(grade_args.format, grade_args.json);
    if (grade_args.model_answer && (grade_args.reveal || grade_args.json.pretty || grade_args.json.compact))
      messages.push_back("error: --model-answer prints the answer that scores full marks, indented; --reveal, "
                         "--pretty and --compact apply to a grade");
  }
  for (const std::string& message : messages) std::fprintf(stderr, "%s\n", message.c_str());
  return messages.empty();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cybernorms: which obligations of international law a cyber operation may implicate, and why"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "cybernorms " CYBERNORMS_VERSION, "Print the version and exit");
  CheckArgs check_args;
  EvalArgs eval_args;
  InfoArgs schema_args;
  InfoArgs profile_args;
  add_check(app, check_args);
  add_eval(app, eval_args);
  BatchArgs batch_args;
  add_batch(app, batch_args);
  add_info(app, schema_args, profile_args);
  InfoArgs rules_args;
  add_rules(app, rules_args);
  WhatIfArgs what_if_args;
  add_what_if(app, what_if_args);
  TestArgs test_args;
  add_test(app, test_args);
  GradeArgs grade_args;
  add_grade(app, grade_args);
  ServeArgs serve_args;
  add_serve(app, serve_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() != 0) {
      if (const auto message = unknown_argument_message(app)) {
        std::fprintf(stderr, "%s\n", message->c_str());
        return exit_usage;
      }
    }
    const int code = app.exit(error);
    return code == 0 ? exit_ok : exit_usage;
  }
  eval_args.given = given_options(*app.get_subcommand("eval"));
  batch_args.given = given_options(*app.get_subcommand("batch"));
  if (!options_agree(app, check_args, eval_args, batch_args, profile_args, what_if_args, grade_args)) return exit_usage;
  try {
    if (app.got_subcommand("check")) {
      if (check_args.paths.empty()) check_args.paths.push_back("rules");
      return run_check(check_args);
    }
    if (app.got_subcommand("eval")) return run_eval(eval_args);
    if (app.got_subcommand("batch")) return run_batch(batch_args);
    if (app.got_subcommand("schema")) return run_schema(schema_args);
    if (app.got_subcommand("profiles")) return run_profiles(profile_args);
    if (app.got_subcommand("rules")) return run_rules(rules_args);
    if (app.got_subcommand("whatif")) return run_what_if(what_if_args);
    if (app.got_subcommand("test")) return run_test(test_args);
    if (app.got_subcommand("grade")) return run_grade(grade_args);
    if (app.got_subcommand("serve")) return run_serve(serve_args);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "cybernorms: internal error: %s\n", error.what());
    return 3;
  }
  return exit_usage;
}
