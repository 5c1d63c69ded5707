// `cybernorms whatif`: every cell of the table re-checked by evaluating the scenario
// with that cell's assumption, through the library and through `eval --assume`.
#include "run_binary.hpp"

#include <cybernorms/cybernorms.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace cybernorms;
using namespace cybernorms::cli_test;

namespace {

/// A bundled scenario with at least three open questions.
const std::string scenario_name = "us_election_2016";
const std::string scenario_path = project + "/scenarios/" + scenario_name + ".json";

const RuleBase& rule_base() {
  static const RuleBase loaded = [] {
    SourceSet sources;
    Diagnostics diagnostics;
    auto result = RuleBase::load({project + "/rules"}, sources, diagnostics);
    REQUIRE_MESSAGE(result.has_value(), render_text(diagnostics, sources));
    return *result;
  }();
  return loaded;
}

/// A finding's name in a cell: `principle(value, value)`.
std::string finding_key(const std::string& principle, const std::vector<std::string>& values) {
  std::string out = principle + "(";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i == 0 ? "" : ", ") + values[i];
  return out + ")";
}

using Levels = std::map<std::string, std::string>;  ///< finding -> level word

Levels levels_of(const Report& report) {
  Levels levels;
  for (const Finding& finding : report.findings) {
    std::vector<std::string> values;
    for (const auto& role : finding.roles) values.push_back(role.second);
    levels[finding_key(finding.principle, values)] = std::string(to_string(finding.level));
  }
  return levels;
}

/// The findings of `eval --format json`, read back.
Levels levels_of_json(const std::string& text) {
  const auto report = nlohmann::ordered_json::parse(text);
  Levels levels;
  for (const auto& finding : report["findings"]) {
    std::vector<std::string> values;
    for (const auto& role : finding["roles"].items()) values.push_back(role.value().get<std::string>());
    std::string level = finding["level"];
    if (level == "not_implicated") level = "not implicated";
    levels[finding_key(finding["principle"], values)] = level;
  }
  return levels;
}

/// A cell as a test computes it on its own: `finding: from -> to` for each finding whose
/// level differs, and how many do not.
struct Cell {
  std::set<std::string> changes;
  std::size_t unchanged = 0;
  friend bool operator==(const Cell&, const Cell&) = default;
};

Cell cell_between(const Levels& before, const Levels& after) {
  Cell cell;
  std::set<std::string> findings;
  for (const auto& [finding, level] : before) findings.insert(finding);
  for (const auto& [finding, level] : after) findings.insert(finding);
  for (const std::string& finding : findings) {
    const std::string from = before.contains(finding) ? before.at(finding) : "not implicated";
    const std::string to = after.contains(finding) ? after.at(finding) : "not implicated";
    if (from == to) ++cell.unchanged;
    else cell.changes.insert(finding + ": " + from + " -> " + to);
  }
  return cell;
}

Cell cell_of(const WhatIfAnswer& answer) {
  Cell cell;
  for (const LevelChange& change : answer.changes) {
    std::vector<std::string> values;
    for (const auto& role : change.roles) values.push_back(role.second);
    cell.changes.insert(finding_key(change.principle, values) + ": " + std::string(to_string(change.from)) + " -> " +
                        std::string(to_string(change.to)));
  }
  cell.unchanged = answer.unchanged;
  return cell;
}

std::string written(const Assumption& assumption) {
  return finding_key(assumption.fact.relation, assumption.fact.args) + (assumption.value ? "=true" : "=false");
}

WhatIfTable what_if_table() {
  Evaluator evaluator(rule_base());
  const WhatIfEvaluation evaluation = evaluator.what_if(read(scenario_path), scenario_path);
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return *evaluation.table;
}

}  // namespace

TEST_CASE("whatif: every cell is what evaluating with that answer assumed gives, in the library and eval --assume") {
  const WhatIfTable table = what_if_table();
  REQUIRE(table.questions.size() >= 3);
  CHECK(table.complete);
  Evaluator evaluator(rule_base());
  const Evaluation plain = evaluator.evaluate(read(scenario_path), scenario_path);
  REQUIRE(plain.ok());
  const Levels before = levels_of(*plain.report);
  CHECK(table.findings == before.size());
  const Levels before_binary = levels_of_json(run("eval " + scenario_path + " --format json").out);
  CHECK(before_binary == before);
  std::size_t cells_that_move = 0;
  for (const WhatIfQuestion& question : table.questions) {
    REQUIRE(question.facts.size() == 1);
    REQUIRE(question.answers.size() == 2);
    CHECK(question.answers[0].label == "yes");
    CHECK(question.answers[1].label == "no");
    for (const WhatIfAnswer& answer : question.answers) {
      REQUIRE(answer.assumed.size() == 1);
      const Assumption& assumed = answer.assumed[0];
      CHECK(assumed.fact.relation == question.facts[0].relation);
      CHECK(assumed.fact.args == question.facts[0].args);
      CHECK(assumed.value == (answer.label == "yes"));
      CHECK(assumed.stated == Truth::unknown);
      const std::string assumption = written(assumed);
      CAPTURE(assumption);
      // Through the library.
      EvaluateOptions options;
      options.assumptions.push_back(AssumedFact{finding_key(assumed.fact.relation, assumed.fact.args), assumed.value, {}});
      const Evaluation with = evaluator.evaluate(read(scenario_path), scenario_path, options);
      REQUIRE(with.ok());
      const Levels after = levels_of(*with.report);
      CHECK(cell_of(answer) == cell_between(before, after));
      // Through the program, as a user asks it.
      const Run program = run("eval " + scenario_path + " --format json --assume '" + assumption + "'");
      REQUIRE(program.exit_code == 0);
      CHECK(levels_of_json(program.out) == after);
      CHECK(cell_of(answer) == cell_between(before_binary, levels_of_json(program.out)));
      if (!answer.changes.empty()) ++cells_that_move;
    }
  }
  // A table where nothing moves would check nothing.
  CHECK(cells_that_move >= table.questions.size());
}

TEST_CASE("whatif prints the table the library builds, in text, JSON and Markdown") {
  const WhatIfTable table = what_if_table();
  const Run json = run("whatif " + scenario_path + " --format json");
  REQUIRE(json.exit_code == 0);
  CHECK(json.out == render_what_if(table, {Format::json}));
  const auto document = nlohmann::ordered_json::parse(json.out);
  std::vector<std::string> keys;
  for (const auto& item : document.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"scenario", "profile", "findings", "complete", "questions"});
  CHECK(document["questions"].size() == table.questions.size());

  const Run text = run("whatif " + scenario_path);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out == render_what_if(table, {Format::text}));
  CHECK(text.out.find("What if: scenario " + scenario_name + " under profile default: ") == 0);
  for (const std::string& line : lines_of(text.out)) CHECK(line.size() <= 80 + 2 * 2);  // "→" is 3 bytes, 1 column
  const Run markdown = run("whatif " + scenario_path + " --format markdown");
  CHECK(markdown.out == render_what_if(table, {Format::markdown}));
  CHECK(markdown.out.find("| question | answer | findings that move | unchanged |") != std::string::npos);
}

TEST_CASE("whatif with an assumption of its own answers the remaining questions on top of it") {
  const WhatIfTable table = what_if_table();
  const std::string first = written(table.questions[0].answers[0].assumed[0]);
  const Run assumed = run("whatif " + scenario_path + " --format json --assume '" + first + "'");
  REQUIRE(assumed.exit_code == 0);
  const auto document = nlohmann::ordered_json::parse(assumed.out);
  CHECK(document["assumptions"].size() == 1);
  CHECK(document["questions"].size() < table.questions.size());
  for (const auto& question : document["questions"]) CHECK(question["facts"][0] != document["assumptions"][0]["fact"]);
}

TEST_CASE("eval --assume and --assume-file: located errors, exit 2") {
  const Run maybe = run("eval " + scenario_path + " --assume 'knew_of(a, b)=maybe'");
  CHECK(maybe.exit_code == 2);
  CHECK(maybe.out ==
        "--assume:1:15: error[E420]: an assumption is true or false, not 'maybe': a fact not assumed stays as the "
        "scenario says\n"
        "    1 | knew_of(a, b)=maybe\n"
        "      |               ^~~~~\n"
        "1 error, 0 warnings\n");
  const Run unknown = run("eval " + scenario_path + " --assume 'knew(a, b)=true'");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out.find("--assume:1:1: error[E410]: unknown relation 'knew'\n") == 0);
  const auto dir = scratch("assume_file");
  write(dir / "ask.txt", "# counsel's questions\nknew_of(no_such_op, no_such_state)=true\n");
  const Run file = run("eval " + scenario_path + " --assume-file " + (dir / "ask.txt").string());
  CHECK(file.exit_code == 2);
  CHECK(file.out.find((dir / "ask.txt").string() + ":2:9: error[E422]: no operation 'no_such_op' in this scenario") ==
        0);
  CHECK(run("eval " + scenario_path + " --assume ''").exit_code == 2);
  CHECK(run("eval " + scenario_path + " --summary --assume 'knew_of(a, b)=true'").out ==
        "error: --assume applies to reports, which list the assumptions; --summary does not\n");
  // Several --assume options, and a scenario after them.
  const Run several = run("eval --assume 'knew_of(a, b)=true' --assume 'knew_of(a, c)=true' " + scenario_path);
  CHECK(several.out.find("error[E422]") != std::string::npos);
}

TEST_CASE("every sample in docs/what-if.md is what the program prints") {
  const std::string doc = read(project + "/docs/what-if.md");
  std::size_t samples = 0;
  for (std::size_t at = doc.find("<!-- "); at != std::string::npos; at = doc.find("<!-- ", at + 1)) {
    const std::size_t colon = doc.find(": ", at);
    const std::size_t close = doc.find(" -->\n```\n", at);
    REQUIRE(colon != std::string::npos);
    REQUIRE(close != std::string::npos);
    const std::string kind = doc.substr(at + 5, colon - at - 5);
    const std::string argument = doc.substr(colon + 2, close - colon - 2);
    const std::size_t body = close + 9;
    const std::size_t end = doc.find("```\n", body);
    REQUIRE(end != std::string::npos);
    const std::string shown = doc.substr(body, end - body);
    CAPTURE(argument);
    if (kind == "file") {
      CHECK(read(project + "/" + argument) == shown);
    } else {
      const Run program = run_command("cd " + project + " && " + binary + " " + argument);
      if (kind == "sample") CHECK(program.out == shown);
      else if (kind == "sample-head") CHECK(program.out.substr(0, shown.size()) == shown);
      else FAIL("unknown kind of sample: " << kind);
    }
    ++samples;
  }
  CHECK(samples >= 8);
}
