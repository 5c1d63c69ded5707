// Options that would be silently ignored together are refused with a message and exit 2,
// before anything is evaluated; the combinations that apply still work.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace cybernorms::cli_test;

namespace {

const std::string scenario = project + "/scenarios/attribution_unknown.json";
const std::string facts = "--rules " + project + "/examples/facts/rules " + project + "/examples/facts/facts.json";

/// Runs the arguments and checks they are refused with exactly `message` and no output.
void check_refused(const std::string& arguments, const std::string& message) {
  const Run result = run(arguments);
  INFO(arguments, "\n", result.out);
  CHECK(result.exit_code == 2);
  CHECK(result.out == message + "\n");
}

}  // namespace

TEST_CASE("eval refuses options that its output would ignore") {
  const std::vector<std::pair<std::string, std::string>> refused{
      {"--summary --format terse", "error: --summary has no terse format (formats: text, json, markdown, html)"},
      {"--summary --explain full", "error: --explain does not apply: --summary shows levels, not explanations"},
      {"--format terse --explain brief",
       "error: --explain does not apply: --format terse shows one line per finding, not explanations"},
      {"--proof-depth 3", "error: --proof-depth applies to proof trees, which only --explain full shows"},
      {"--explain brief --proof-depth 3", "error: --proof-depth applies to proof trees, which only --explain full shows"},
      {"--summary --proof-depth 3", "error: --proof-depth does not apply: --summary shows levels, not explanations"},
      {"--summary --hinge-sets 2", "error: --hinge-sets does not apply: --summary shows no hinge sets"},
      {"--compare-profiles --hinge-sets 2", "error: --hinge-sets does not apply: --compare-profiles shows no hinge sets"},
      {"--format terse --hinge-sets 2", "error: --hinge-sets does not apply: --format terse shows no hinge sets"},
      {"--format json --color always", "error: --color applies to text reports only, not to --format json"},
      {"--format markdown --color never", "error: --color applies to text reports only, not to --format markdown"},
      {"--summary --color always", "error: --color applies to text reports only, not to --summary"},
      {"--compare-profiles --color always", "error: --color applies to text reports only, not to --compare-profiles"},
      {"--pretty", "error: --pretty lays out JSON; it does not apply to --format text"},
      {"--format markdown --compact", "error: --compact lays out JSON; it does not apply to --format markdown"},
  };
  for (const auto& [options, message] : refused) check_refused("eval " + scenario + " " + options, message);
  // Assumptions and goals name values, so open values are read one by one with them.
  check_refused("eval " + scenario + " --open-values once --assume 'knew_of(op1, arland)=true'",
                "error: --open-values once does not apply with --assume: assumptions name values, so each open "
                "value is read as a question of its own");
  check_refused("eval " + scenario + " --open-values once --why-not 'protection(_, _, _)'",
                "error: --open-values once does not apply with --why-not: goals name values, so each open value is "
                "read as a question of its own");
  // A page is one document: one scenario per page, except in a summary.
  check_refused("eval " + scenario + " " + scenario + " --format html",
                "error: --format html writes one page: give one scenario (2 given), or --summary for many");
  // Two at once: both said.
  const Run both = run("eval " + scenario + " --summary --format terse --explain full");
  CHECK(both.exit_code == 2);
  CHECK(both.out.find("--summary has no terse format") != std::string::npos);
  CHECK(both.out.find("--explain does not apply") != std::string::npos);
}

TEST_CASE("eval still takes the combinations that apply") {
  for (const std::string& options : std::vector<std::string>
       {"--explain full --proof-depth 3 --color never", "--format json --pretty --explain full --proof-depth 2",
        "--format json --compact --hinge-sets 2", "--summary --format json --pretty", "--summary --format markdown",
        "--compare-profiles --format terse", "--compare-profiles --format json --compact", "--format terse",
        "--format text --color always --hinge-sets 1", "--compare-profiles --explain brief",
        "--compare-profiles --explain full --format markdown", "--compare-profiles --explain full --proof-depth 3",
        "--format html --explain full --hinge-sets 2", "--compare-profiles --format html", "--summary --format html",
        "--open-values once", "--open-values each --assume 'knew_of(ministry_intrusion, arland)=true'",
        std::string(scenario + " --summary --format html")}) {
    const Run result = run("eval " + scenario + " " + options);
    INFO(options, "\n", result.out.substr(0, 300));
    CHECK(result.exit_code == 0);
  }
}

TEST_CASE("eval --why-not answers for a scenario and a facts file, and refuses what its text answers do not show") {
  const Run scenario_goal = run("eval " + scenario + " --why-not 'protection(_, _, _)'");
  CHECK(scenario_goal.exit_code == 0);
  CHECK(scenario_goal.out.find(scenario + " under profile default:\n\nprotection(_, _, _) is not derived\n") == 0);
  const Run facts_goal = run("eval " + facts + " --why-not 'non_interference(_, _, _)'");
  CHECK(facts_goal.exit_code == 0);
  CHECK(facts_goal.out.find("non_interference") != std::string::npos);
  const std::string prefix = scenario + ": error: --why-not answers its goals as text, under one profile (--profile): ";
  check_refused("eval " + scenario + " --why-not 'use_of_force(_, _, _)' --format json",
                prefix + "--format json does not apply with it");
  check_refused("eval " + scenario + " --why-not 'use_of_force(_, _, _)' --compare-profiles --explain brief",
                prefix + "--compare-profiles, --explain do not apply with it");
}

TEST_CASE("a malformed --why-not goal is a usage error with a caret under the goal, before any input is read") {
  check_refused("eval " + scenario + " --why-not 'non_interferance(borania, _, _)'",
                "--why-not:1:1: error[E410]: unknown relation 'non_interferance'\n"
                "    1 | non_interferance(borania, _, _)\n"
                "      | ^~~~~~~~~~~~~~~~\n"
                "   note: did you mean 'non_interference'?\n"
                "1 error, 0 warnings");
  check_refused("eval " + scenario + " --why-not 'non_interference(borania, _)'",
                "--why-not:1:18: error[E411]: 'non_interference' takes 3 values, got 2\n"
                "    1 | non_interference(borania, _)\n"
                "      |                  ^~~~~~~~~~\n"
                "1 error, 0 warnings");
  check_refused("eval " + scenario + " --why-not 'non_interference(borania, _, _'",
                "--why-not:1:30: error[E413]: expected a goal like rel(a, b), got \"non_interference(borania, _, _\"\n"
                "    1 | non_interference(borania, _, _\n"
                "      |                              ^\n"
                "1 error, 0 warnings");
  // Checked once, however many inputs: the error is not repeated per scenario.
  const Run twice = run("eval " + scenario + " " + scenario + " --why-not 'nope(_)'");
  CHECK(twice.exit_code == 2);
  CHECK(twice.out.find("E410") == twice.out.rfind("E410"));
}

TEST_CASE("eval refuses for a facts file the options it does not use") {
  const std::string prefix = project + "/examples/facts/facts.json: error: a plain facts file is shown as text, "
                                       "under the profile it names, with its --why-not answers: ";
  check_refused("eval " + facts + " --format json", prefix + "--format json does not apply to it");
  check_refused("eval " + facts + " --profile default --explain brief",
                prefix + "--profile, --explain do not apply to it");
  CHECK(run("eval " + facts + " --hinge-sets 2 --format text").exit_code == 0);
}

TEST_CASE("batch, check and profiles refuse options that would be ignored") {
  check_refused("batch --proof-depth 3 < /dev/null",
                "error: --proof-depth applies to proof trees, which only --explain full shows");
  CHECK(run("batch --explain full --proof-depth 3 < /dev/null").exit_code == 0);
  check_refused("check " + project + "/rules --pretty",
                "error: --pretty lays out JSON; it does not apply to --format text");
  check_refused("profiles --format markdown --compact",
                "error: --compact lays out JSON; it does not apply to --format markdown");
  CHECK(run("check " + project + "/rules --format json --pretty").exit_code == 0);
}
