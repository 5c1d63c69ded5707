// `cybernorms test [PATHS...]`: every scenario that has an expected findings file
// (`NAME.expected.txt` beside `NAME.json`) evaluated under the profiles the file lists and
// compared, with a readable difference for each mismatch and a summary line; `--update`
// writes the files anew from what is found now.
#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include <cybernorms/cybernorms.hpp>

#include <fmt/format.h>

#include <fstream>

namespace cybernorms::cli {

namespace {

namespace fs = std::filesystem;

/// The expected findings file of a scenario: `x.json` -> `x.expected.txt`.
fs::path expected_path_of(const fs::path& scenario) {
  fs::path expected = scenario;
  expected.replace_extension(".expected.txt");
  return expected;
}

/// What one scenario came to.
enum class Outcome { passed, failed, updated, no_expected };

struct Tally {
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t updated = 0;
  std::size_t no_expected = 0;
  void count(Outcome outcome) {
    switch (outcome) {
      case Outcome::passed: ++passed; break;
      case Outcome::failed: ++failed; break;
      case Outcome::updated: ++updated; break;
      case Outcome::no_expected: ++no_expected; break;
    }
  }
};

/// The differences of one scenario, one line each, grouped under their profile.
void print_differences(const ExpectedCheck& check) {
  std::string profile;
  for (const ExpectedDifference& difference : check.differences) {
    if (difference.profile != profile) {
      profile = difference.profile;
      fmt::print("  [{}]\n", profile);
    }
    const char sign = !difference.found ? '-' : !difference.expected ? '+' : '~';
    fmt::print("    {} {}: {}\n", sign, difference.finding, describe(difference));
  }
}

bool write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

Outcome test_one(Evaluator& evaluator, const fs::path& scenario, const TestArgs& args) {
  const fs::path expected = expected_path_of(scenario);
  std::error_code error;
  if (!fs::is_regular_file(expected, error)) {
    if (args.verbose) fmt::print("skip {}: no expected findings ({})\n", scenario.string(), expected.string());
    return Outcome::no_expected;
  }
  const InputText scenario_text = read_input(scenario, args.max_input_bytes);
  if (scenario_text.status != ReadStatus::ok) {
    fmt::print("FAIL {}\n", scenario.string());
    fmt::print(stderr, "{}", input_problem(scenario, scenario_text, args.max_input_bytes));
    return Outcome::failed;
  }
  const InputText expected_text = read_input(expected, args.max_input_bytes);
  if (expected_text.status != ReadStatus::ok) {
    fmt::print("FAIL {}\n", scenario.string());
    fmt::print(stderr, "{}", input_problem(expected, expected_text, args.max_input_bytes));
    return Outcome::failed;
  }
  EvaluateOptions options;
  options.max_input_bytes = args.max_input_bytes;
  const ExpectedCheck check =
      evaluator.check_expected(scenario_text.text, scenario.string(), expected_text.text, expected.string(), options);
  if (!check.ok()) {
    fmt::print("FAIL {}\n", scenario.string());
    std::fflush(stdout);
    fmt::print(stderr, "{}", render_diagnostics(check.diagnostics, check.sources, {Format::text}));
    return Outcome::failed;
  }
  if (check.passed()) {
    if (args.verbose) fmt::print("ok   {} ({})\n", scenario.string(), fmt::join(check.profiles, ", "));
    return Outcome::passed;
  }
  if (args.update) {
    if (!write_text(expected, check.actual)) {
      fmt::print("FAIL {}\n", scenario.string());
      fmt::print(stderr, "error: cannot write {}\n", expected.string());
      return Outcome::failed;
    }
    fmt::print("updated {} ({} difference{})\n", expected.string(), check.differences.size(),
               check.differences.size() == 1 ? "" : "s");
    return Outcome::updated;
  }
  fmt::print("FAIL {} (expected: {})\n", scenario.string(), expected.string());
  print_differences(check);
  return Outcome::failed;
}

std::string summary_line(const Tally& tally) {
  std::string line = fmt::format("{} passed, {} failed", tally.passed, tally.failed);
  if (tally.updated > 0) line += fmt::format(", {} updated", tally.updated);
  if (tally.no_expected > 0) line += fmt::format(", {} without expected findings", tally.no_expected);
  return line;
}

}  // namespace

int run_test(const TestArgs& args) {
  std::vector<std::string> problems;
  const std::vector<std::string> given = args.paths.empty() ? std::vector<std::string>{"scenarios"} : args.paths;
  const std::vector<fs::path> scenarios = expand_inputs(given, ".json", problems);
  for (const std::string& problem : problems) fmt::print(stderr, "{}\n", problem);
  if (!problems.empty()) return exit_usage;
  for (const fs::path& scenario : scenarios) {
    if (is_standard_input(scenario)) {
      fmt::print(stderr, "error: test reads scenarios from files, each beside its expected findings: - is not one\n");
      return exit_usage;
    }
  }
  std::optional<RuleBase> rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  Evaluator evaluator(*rule_base);
  Tally tally;
  for (const fs::path& scenario : scenarios) {
    tally.count(test_one(evaluator, scenario, args));
    std::fflush(stdout);
  }
  if (tally.passed + tally.failed + tally.updated == 0) {
    fmt::print(stderr, "error: no scenario with expected findings (NAME.expected.txt beside NAME.json) in {}\n",
               fmt::join(given, ", "));
    return exit_usage;
  }
  fmt::print("{}\n", summary_line(tally));
  return tally.failed > 0 ? exit_findings_error : exit_ok;
}

}  // namespace cybernorms::cli
