// Assumptions (EvaluateOptions::assumptions, `eval --assume`): how they are read, the
// located errors of bad ones, and what they do to an evaluation: settle an unknown
// fact, override a stated one, and show in the report.
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

/// Assumptions read from one text, and the diagnostics rendered against it.
struct Read {
  std::vector<AssumedFact> assumptions;
  std::string messages;
};

Read read_text_assumptions(const std::string& text, const std::string& name = "--assume") {
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId file = sources.add(name, text);
  Read read{read_assumptions(sources, file, diagnostics), {}};
  if (diagnostics.has_errors()) read.messages = render_text(diagnostics, sources);
  return read;
}

std::string scenario_text(const std::string& name) { return read_text(project_dir / "scenarios" / (name + ".json")); }

/// Evaluates a bundled scenario with assumptions read from `text` (as one --assume).
Evaluation evaluate_assuming(const std::string& scenario, const std::string& text) {
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId file = sources.add("--assume", text);
  EvaluateOptions options;
  options.assumptions = read_assumptions(sources, file, diagnostics);
  REQUIRE_MESSAGE(!diagnostics.has_errors(), render_text(diagnostics, sources));
  Evaluator evaluator(project_rule_base());
  return evaluator.evaluate(scenario_text(scenario), scenario + ".json", options);
}

/// The messages of an evaluation that the assumption in `text` makes fail.
std::string assumption_errors(const std::string& scenario, const std::string& text) {
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId file = sources.add("--assume", text);
  EvaluateOptions options;
  options.assumptions = read_assumptions(sources, file, diagnostics);
  REQUIRE_MESSAGE(!diagnostics.has_errors(), render_text(diagnostics, sources));
  Evaluator evaluator(project_rule_base());
  const Evaluation evaluation = evaluator.evaluate(scenario_text(scenario), scenario + ".json", options);
  REQUIRE_FALSE(evaluation.ok());
  return render_text(evaluation.diagnostics, sources);
}

Report evaluate_plain(const std::string& scenario_json) {
  Evaluator evaluator(project_rule_base());
  const Evaluation evaluation = evaluator.evaluate(scenario_json, "scenario.json");
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return *evaluation.report;
}

/// Each finding as `principle(values) level`, for comparing two reports' findings.
std::vector<std::string> levels_of(const Report& report) {
  std::vector<std::string> levels;
  for (const Finding& finding : report.findings) {
    std::string values;
    for (const auto& role : finding.roles) values += (values.empty() ? "" : ", ") + role.second;
    levels.push_back(finding.principle + "(" + values + ") " + std::string(to_string(finding.level)));
  }
  return levels;
}

std::string level_of(const Report& report, const std::string& principle) {
  for (const Finding& finding : report.findings)
    if (finding.principle == principle) return std::string(to_string(finding.level));
  return "not implicated";
}

}  // namespace

TEST_CASE("assumptions are read one a line, with white space, comments and blank lines") {
  const Read one = read_text_assumptions("knew_of(op1, arland)=true");
  REQUIRE(one.messages.empty());
  REQUIRE(one.assumptions.size() == 1);
  CHECK(one.assumptions[0].fact == "knew_of(op1, arland)");
  CHECK(one.assumptions[0].value);
  CHECK(one.assumptions[0].span.line == 1);
  CHECK(one.assumptions[0].span.column == 1);

  const Read file = read_text_assumptions(
      "# what the ministry's counsel asked\n\n  directed_by( shadow_group , borania ) =  false   # unknown today\n"
      "critical(arland_trade_ministry)=true\n",
      "ask.txt");
  REQUIRE(file.messages.empty());
  REQUIRE(file.assumptions.size() == 2);
  CHECK(file.assumptions[0].fact == "directed_by( shadow_group , borania )");
  CHECK_FALSE(file.assumptions[0].value);
  CHECK(file.assumptions[0].span.line == 3);
  CHECK(file.assumptions[0].span.column == 3);
  CHECK(file.assumptions[1].fact == "critical(arland_trade_ministry)");
  CHECK(file.assumptions[1].value);
}

TEST_CASE("a malformed assumption is E420 with a caret under the bad spot") {
  CHECK(read_text_assumptions("knew_of(op1, arland)=maybe").messages ==
        "--assume:1:22: error[E420]: an assumption is true or false, not 'maybe': a fact not assumed stays as "
        "the scenario says\n"
        "    1 | knew_of(op1, arland)=maybe\n"
        "      |                      ^~~~~\n"
        "1 error, 0 warnings\n");
  CHECK(read_text_assumptions("knew_of(op1 arland)=true").messages ==
        "--assume:1:13: error[E420]: expected ',' or ')' after a value, got 'arland'\n"
        "    1 | knew_of(op1 arland)=true\n"
        "      |             ^~~~~~\n"
        "1 error, 0 warnings\n");
  CHECK(read_text_assumptions("knew_of(op1, arland)").messages ==
        "--assume:1:21: error[E420]: expected '=true' or '=false' after the fact\n"
        "    1 | knew_of(op1, arland)\n"
        "      |                     ^\n"
        "1 error, 0 warnings\n");
  CHECK(read_text_assumptions("knew_of op1=true").messages.find(
            "--assume:1:9: error[E420]: expected '(' after the relation name, got 'op1'") == 0);
  CHECK(read_text_assumptions("knew_of(op1, arland)=yes").messages.find(
            "--assume:1:22: error[E420]: expected true or false after '=', got 'yes'") == 0);
  CHECK(read_text_assumptions("=true").messages.find("--assume:1:1: error[E420]: expected a fact before '='") == 0);
  CHECK(read_text_assumptions("knew_of(op1, arland) extra=true").messages.find(
            "--assume:1:22: error[E420]: unexpected 'extra' after the fact") == 0);
  // Every bad line of a file is reported, at its own line.
  const Read file = read_text_assumptions("knew_of(a, b)=true\nknew_of(a, b=true\n\nx(=false\n", "ask.txt");
  CHECK(file.assumptions.size() == 1);
  CHECK(file.messages.find("ask.txt:2:") != std::string::npos);
  CHECK(file.messages.find("ask.txt:4:3: error[E420]") != std::string::npos);
  CHECK(file.messages.find("2 errors") != std::string::npos);
}

TEST_CASE("an assumption must name a relation read from scenarios, with the scenario's values") {
  CHECK(assumption_errors("attribution_unknown", "directed_bye(shadow_group, borania)=true") ==
        "--assume:1:1: error[E410]: unknown relation 'directed_bye'\n"
        "    1 | directed_bye(shadow_group, borania)=true\n"
        "      | ^~~~~~~~~~~~\n"
        "   note: did you mean 'directed_by'?\n"
        "1 error, 0 warnings\n");
  CHECK(assumption_errors("attribution_unknown", "directed_by(shadow_group)=true") ==
        "--assume:1:1: error[E411]: 'directed_by' takes 2 values (actor, state), got 1\n"
        "    1 | directed_by(shadow_group)=true\n"
        "      | ^~~~~~~~~~~\n"
        "1 error, 0 warnings\n");
  CHECK(assumption_errors("attribution_unknown", "directed_by(shadow_group, boranai)=true") ==
        "--assume:1:27: error[E422]: no state 'boranai' in this scenario (state of directed_by)\n"
        "    1 | directed_by(shadow_group, boranai)=true\n"
        "      |                           ^~~~~~~\n"
        "   note: did you mean 'borania'?\n"
        "1 error, 0 warnings\n");
  CHECK(assumption_errors("attribution_unknown", "directed_by(shadow_group, arland_trade_ministry)=true")
            .find("note: 'arland_trade_ministry' is in assets") != std::string::npos);
  CHECK(assumption_errors("attribution_unknown", "op_scale(ministry_intrusion, sever)=true")
            .find("error[E422]: 'sever' is not a value of scale (scale of op_scale)") != std::string::npos);
  CHECK(assumption_errors("attribution_unknown", "attributed_to(ministry_intrusion, borania)=true")
            .find("--assume:1:1: error[E421]: 'attributed_to' is concluded by rules: an assumption names a relation "
                  "read from scenarios") == 0);
  const std::string parameter_or_derived =
      assumption_errors("attribution_unknown", "non_infringement(borania, arland, ministry_intrusion)=true");
  CHECK(parameter_or_derived.find("--assume:1:1: error[E421]: 'non_infringement' is a principle, concluded by rules") ==
        0);
  // One fact assumed both ways.
  CHECK(assumption_errors("attribution_unknown",
                          "directed_by(shadow_group, borania)=true\ndirected_by(shadow_group,borania)=false")
            .find("--assume:2:1: error[E423]: 'directed_by(shadow_group,borania)' is assumed both true and false") ==
        0);
}

TEST_CASE("assuming an unknown fact settles it: the report is the scenario's with the fact stated") {
  const Report before = evaluate_plain(scenario_text("attribution_unknown"));
  CHECK(level_of(before, "non_infringement") == "possible");

  const Evaluation yes = evaluate_assuming("attribution_unknown", "directed_by(shadow_group, borania)=true");
  REQUIRE(yes.ok());
  CHECK(level_of(*yes.report, "non_infringement") == "implicated");
  REQUIRE(yes.report->assumptions.size() == 1);
  const Assumption& made = yes.report->assumptions[0];
  CHECK(made.fact.relation == "directed_by");
  CHECK(made.fact.args == std::vector<std::string>{"shadow_group", "borania"});
  CHECK(made.value);
  CHECK(made.stated == Truth::unknown);
  CHECK(made.fact.text ==
        "A hacking group based in Borania acted on the instructions of, or under the direction or control of, Borania");

  const Evaluation no = evaluate_assuming("attribution_unknown", "directed_by(shadow_group, borania)=false");
  REQUIRE(no.ok());
  CHECK(level_of(*no.report, "non_infringement") == "not implicated");
  CHECK(no.report->assumptions.at(0).stated == Truth::unknown);
  CHECK_FALSE(no.report->assumptions.at(0).value);

  // The same as writing the answer into the scenario.
  nlohmann::json settled = nlohmann::json::parse(scenario_text("attribution_unknown"));
  settled["actors"][0]["directed_by"] = nlohmann::json::array({"borania"});
  CHECK(levels_of(*yes.report) == levels_of(evaluate_plain(settled.dump())));
  settled["actors"][0]["directed_by"] = nlohmann::json::array();
  CHECK(levels_of(*no.report) == levels_of(evaluate_plain(settled.dump())));
}

TEST_CASE("assumptions override stated facts: false removes a true one, true adds one not stated") {
  // Stated false (not listed): the group is an organ of Borania after all.
  const Evaluation organ = evaluate_assuming("attribution_unknown", "organ_of(shadow_group, borania)=true");
  REQUIRE(organ.ok());
  CHECK(level_of(*organ.report, "non_infringement") == "implicated");
  CHECK(organ.report->assumptions.at(0).stated == Truth::no);

  // Stated true: Borania knew of the operation; assumed not to have known, due diligence goes.
  const Report knowing = evaluate_plain(scenario_text("due_diligence_knowingly_allowed"));
  REQUIRE(level_of(knowing, "due_diligence") == "implicated");
  const std::string fact = "knew_of(hospital_ransomware, borania)";
  const Evaluation unknowing = evaluate_assuming("due_diligence_knowingly_allowed", fact + "=false");
  REQUIRE(unknowing.ok());
  CHECK(level_of(*unknowing.report, "due_diligence") == "not implicated");
  CHECK(unknowing.report->assumptions.at(0).stated == Truth::yes);
  // Assuming what the scenario says changes nothing but the report's list.
  const Evaluation same = evaluate_assuming("due_diligence_knowingly_allowed", fact + "=true");
  REQUIRE(same.ok());
  CHECK(levels_of(*same.report) == levels_of(knowing));
  CHECK(same.report->assumptions.at(0).stated == Truth::yes);
}

TEST_CASE("a value of an unknown attribute assumed true makes the attribute's other values false") {
  const std::string scenario = scenario_text("physical_damage_scale_unknown");
  auto json = nlohmann::json::parse(scenario);
  const std::string op = json["operations"][0]["id"];
  REQUIRE(json["operations"][0]["scale"] == "unknown");
  for (const char* scale : {"minor", "significant", "severe"}) {
    CAPTURE(scale);
    const Evaluation assumed =
        evaluate_assuming("physical_damage_scale_unknown", "op_scale(" + op + ", " + scale + ")=true");
    REQUIRE(assumed.ok());
    json["operations"][0]["scale"] = scale;
    CHECK(levels_of(*assumed.report) == levels_of(evaluate_plain(json.dump())));
    for (const Finding& finding : assumed.report->findings) CHECK(finding.level == Level::implicated);
  }
}

TEST_CASE("reports list their assumptions at the top, in every format; without any, reports are unchanged") {
  const Evaluation yes = evaluate_assuming("attribution_unknown", "directed_by(shadow_group, borania)=true");
  REQUIRE(yes.ok());
  const std::string text = render_report(*yes.report, {Format::text});
  CHECK(text.find("Scenario Intrusion into a trade ministry by a group of unclear allegiance\n"
                  "  (attribution_unknown) under profile default: 1 implicated, 1 possible, 10 not\n"
                  "  implicated\n"
                  "Assumed:\n"
                  "  A hacking group based in Borania acted on the instructions of, or under the\n"
                  "    direction or control of, Borania: true (the scenario says unknown)\n\n"
                  "[implicated] non_infringement") == 0);
  const auto json = nlohmann::ordered_json::parse(render_report(*yes.report, {Format::json}));
  CHECK(json["assumptions"] == nlohmann::ordered_json::parse(
                                   R"([{"fact": {"relation": "directed_by", "args": ["shadow_group", "borania"],
                                        "text": "A hacking group based in Borania acted on the instructions of, or under the direction or control of, Borania"},
                                        "value": true, "stated": "unknown"}])"));
  CHECK(json.begin().key() == "scenario");
  CHECK(std::next(json.begin(), 4).key() == "assumptions");
  const std::string markdown = render_report(*yes.report, {Format::markdown});
  CHECK(markdown.find("**Assumed:**\n\n- A hacking group based in Borania acted on the instructions of") !=
        std::string::npos);

  const Report plain = evaluate_plain(scenario_text("attribution_unknown"));
  CHECK(plain.assumptions.empty());
  CHECK(render_report(plain, {Format::text}).find("Assumed") == std::string::npos);
  CHECK_FALSE(nlohmann::json::parse(render_report(plain, {Format::json})).contains("assumptions"));
}
