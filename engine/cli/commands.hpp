// The subcommands. Each takes its parsed options and returns an exit code.
#pragma once
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/input.hpp>
#include <cybernorms/report.hpp>

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace cybernorms::cli {

/// The options given on the command line, by long name ("--explain"), whatever their
/// value: an option given explicitly can be refused where it would be ignored.
using GivenOptions = std::set<std::string, std::less<>>;

/// `--pretty` / `--compact`: how JSON output is laid out; neither given means indented
/// on a terminal, compact otherwise.
struct JsonLayoutFlags {
  bool pretty = false;
  bool compact = false;
};

struct CheckArgs {
  std::vector<std::string> paths;
  std::string sources_dir;  ///< empty: quotes not verified
  std::string format = "text";
  JsonLayoutFlags json;
  bool werror = false;
  std::string language;  ///< empty: none asked for; else warn about texts not translated into it
};
int run_check(const CheckArgs& args);

struct EvalArgs {
  std::vector<std::string> inputs;
  std::string rules_dir;
  std::string sources_dir;
  std::string profile{default_profile};
  bool compare_profiles = false;
  bool summary = false;
  std::string format = "text";   ///< text, json, markdown, terse
  std::string explain = "brief"; ///< brief, full
  std::string colour = "auto";
  JsonLayoutFlags json;
  std::vector<std::string> why_not;  ///< goals, answered instead of the report
  std::vector<std::string> assume;        ///< `FACT=true|false`, for scenarios
  std::vector<std::string> assume_files;  ///< files of such lines
  std::size_t hinge_sets = 4;
  std::size_t hinge_budget = default_hinge_budget;
  std::size_t proof_depth = default_proof_depth;
  std::size_t max_input_bytes = cybernorms::max_input_bytes;  ///< larger inputs are refused (E407)
  std::string language{default_language};  ///< of reports' texts, headings and labels
  std::string open_values{"each"};  ///< as BatchArgs::open_values
  GivenOptions given;
};
int run_eval(const EvalArgs& args);

struct WhatIfArgs {
  std::string input;  ///< one scenario file; "-" reads standard input
  std::string rules_dir;
  std::string profile{default_profile};
  std::string format = "text";  ///< text, json, markdown
  JsonLayoutFlags json;
  std::vector<std::string> assume;        ///< assumed in every evaluation of the table
  std::vector<std::string> assume_files;
  std::size_t hinge_budget = default_hinge_budget;
  std::size_t max_input_bytes = cybernorms::max_input_bytes;
};
int run_what_if(const WhatIfArgs& args);

struct BatchArgs {
  std::string input;  ///< a JSON Lines file; empty or "-": standard input
  std::string rules_dir;
  std::string profile{default_profile};
  std::string explain;  ///< empty: compact records; brief, full: reports in records
  std::size_t jobs = 0;  ///< 0: one thread per core
  std::size_t block_size = 1024;             ///< lines read and evaluated at a time, at most
  std::size_t block_bytes = 8u << 20;        ///< bytes of lines held at a time, at most (+ one line)
  std::size_t max_line_bytes = max_input_bytes;  ///< longer lines are skipped, with an E407 record
  std::size_t hinge_sets = 4;
  std::size_t hinge_budget = default_hinge_budget;
  std::size_t proof_depth = default_proof_depth;
  /// The number the first input line gets in records and messages: a shard of a larger
  /// input (GNU parallel --pipe, Spark, Hadoop) passes its offset + 1, so records carry
  /// the line numbers of the whole input.
  std::size_t first_line = 1;
  /// "each": each value an open attribute may take is a question of its own; "once":
  /// where the rule base treats the values alike, they are one question
  /// (EvaluateOptions::open_values_once).
  std::string open_values{"once"};
  GivenOptions given;
};
int run_batch(const BatchArgs& args);

struct TestArgs {
  std::vector<std::string> paths;  ///< scenario files or folders; none: scenarios
  std::string rules_dir;
  bool update = false;   ///< write each expected file that differs anew
  bool verbose = false;  ///< also name the scenarios that pass and those without expected findings
  std::size_t max_input_bytes = cybernorms::max_input_bytes;
};
int run_test(const TestArgs& args);

struct GradeArgs {
  std::string exercise;  ///< the exercise file
  std::string answer;    ///< the answer file; "-" reads standard input
  std::string rules_dir;
  bool reveal = false;        ///< name the expected levels in feedback
  bool model_answer = false;  ///< print the answer that scores full marks instead
  std::string format = "text";  ///< text, json
  JsonLayoutFlags json;
  std::size_t max_input_bytes = cybernorms::max_input_bytes;
};
int run_grade(const GradeArgs& args);

struct ServeArgs {
  std::string rules_dir;
  std::string scenarios_dir;  ///< empty: the project's scenarios/
  std::string exercises_dir;  ///< empty: the project's exercises/ (none when it does not exist)
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: any free port
  std::size_t max_body_bytes = std::size_t{1} << 20;
  std::size_t max_input_bytes = cybernorms::max_input_bytes;
  std::size_t threads = 8;
};
int run_serve(const ServeArgs& args);

struct InfoArgs {
  std::string rules_dir;
  std::string format = "text";
  JsonLayoutFlags json;
};
int run_schema(const InfoArgs& args);
int run_profiles(const InfoArgs& args);
int run_rules(const InfoArgs& args);

}  // namespace cybernorms::cli
