// Open values asked once: where the rule base treats a type's values alike, the values a
// scenario leaves open are one unknown fact (`_`, "some value not named") instead of one
// per value. Every finding keeps its level; the question is asked once; settling it with
// any value settles the finding.
#include <cybernorms/batch.hpp>
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using namespace cybernorms;
using namespace cybernorms::api_test;
using nlohmann::json;

namespace {

/// An operation of a state's organ against a ministry's network, whose interference with
/// governmental functions is left open: its breach of sovereignty hinges on that alone.
json open_function_scenario() {
  return json::parse(R"({
    "id": "open_function",
    "states": [{"id": "arland"}, {"id": "borvania"}],
    "actors": [{"id": "crew", "organ_of": ["borvania"], "located_in": "borvania", "directed_by": [], "adopted_by": []}],
    "assets": [{"id": "ministry_net", "located_in": "arland", "owner": "government", "sector": "government",
                "critical": false, "layer": ["social"], "governmental_functions": []}],
    "operations": [{"id": "op1", "actor": "crew", "targets": ["ministry_net"], "acts": ["ddos"], "effects": [],
                    "aims": ["political_pressure"], "coercive": false, "scale": "minor", "consenting_states": [],
                    "territory_used": [], "known_to": [], "able_to_act": [], "measures_taken_by": [],
                    "operators_present": false}]})");
}

std::vector<std::string> compact_records(const std::vector<std::string>& lines, const std::string& profile,
                                         bool open_values_once) {
  BatchOptions options;
  options.threads = 1;
  options.profile = profile;
  options.open_values_once = open_values_once;
  BatchEvaluator batch(project_rule_base(), options);
  return batch.evaluate_block(lines, 1);
}

/// Every finding of a compact record as principle, roles and level, a pooled finding once
/// per candidate of its role.
std::set<std::string> levels_of(const json& record) {
  std::set<std::string> levels;
  for (const json& finding : record["findings"]) {
    std::vector<json> roles{finding["roles"]};
    if (finding.contains("pooled")) {
      roles.clear();
      for (const json& candidate : finding["pooled"]["candidates"]) {
        json each = finding["roles"];
        each[finding["pooled"]["role"].get<std::string>()] = candidate;
        roles.push_back(each);
      }
    }
    for (const json& each : roles)
      levels.insert(finding["principle"].get<std::string>() + each.dump() + finding["level"].get<std::string>());
  }
  return levels;
}

std::size_t stand_in_questions(const json& record) {
  std::size_t count = 0;
  for (const json& question : record.value("questions", json::array()))
    for (const json& value : question["args"]) count += value == "_";
  return count;
}

}  // namespace

TEST_CASE("asked once or value by value, open values give every finding the same level, under every profile") {
  std::vector<std::string> lines = bundled_lines();
  lines.push_back(open_function_scenario().dump());
  lines.push_back(all_unknown_scenario(1));
  lines.push_back(all_unknown_scenario(2));
  std::size_t stand_ins = 0;
  std::size_t findings = 0;
  for (const std::string& profile : project_rule_base().profile_ids()) {
    CAPTURE(profile);
    const auto once = compact_records(lines, profile, true);
    const auto each = compact_records(lines, profile, false);
    REQUIRE(once.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CAPTURE(i);
      const json a = json::parse(once[i]);
      const json b = json::parse(each[i]);
      REQUIRE(a["ok"] == true);
      CHECK(levels_of(a) == levels_of(b));
      CHECK(stand_in_questions(b) == 0);
      stand_ins += stand_in_questions(a);
      findings += a["findings"].size();
    }
  }
  CHECK(stand_ins > 0);  // some open values were asked once, so the comparison was made
  CHECK(findings > 0);
}

TEST_CASE("an open value asked once is one question where value by value it is one per value") {
  const std::string line = open_function_scenario().dump();
  const json once = json::parse(compact_records({line}, "default", true).front());
  const json each = json::parse(compact_records({line}, "default", false).front());
  REQUIRE(once["findings"].size() == 1);
  REQUIRE(each["findings"].size() == 1);
  const json& finding = once["findings"][0];
  CHECK(finding["principle"] == "non_infringement");
  CHECK(finding["level"] == "possible");
  CHECK(finding["hinges"] == json::parse(R"([{"yes": [0]}])"));
  CHECK_FALSE(finding.contains("hinge_sets_found"));
  CHECK(once["questions"] == json::parse(R"([{"relation": "interfered_with_function", "args": ["op1", "_"]}])"));
  CHECK(once["asks"] == json::parse(R"([{"element": "governmental_function", "facts": [0]}])"));
  // Value by value: one set per governmental function, the same question asked of each.
  CHECK(each["findings"][0]["level"] == "possible");
  CHECK(each["findings"][0]["hinge_sets_found"] == 11);
  CHECK(each["asks"].size() == 1);
}

TEST_CASE("settling a question asked once with any value makes its finding implicated") {
  for (const std::string function : {"elections", "customs"}) {
    json settled = open_function_scenario();
    settled["operations"][0]["interfered_functions"] = json::array({function});
    const json record = json::parse(compact_records({settled.dump()}, "default", true).front());
    REQUIRE(record["findings"].size() == 1);
    CHECK(record["findings"][0]["level"] == "implicated");
    CHECK(stand_in_questions(record) == 0);
  }
  json none = open_function_scenario();
  none["operations"][0]["interfered_functions"] = json::array();
  CHECK(json::parse(compact_records({none.dump()}, "default", true).front())["findings"].empty());
}

TEST_CASE("a value named beside the open ones keeps a fact of its own") {
  json scenario = open_function_scenario();
  scenario["operations"][0]["interfered_functions"] = json::parse(R"({"values": [], "unknown": ["elections"]})");
  const json named = json::parse(compact_records({scenario.dump()}, "default", true).front());
  CHECK(named["questions"] == json::parse(R"([{"relation": "interfered_with_function", "args": ["op1", "elections"]}])"));
  scenario["operations"][0]["interfered_functions"] = json::parse(R"(["elections", "unknown"])");
  const json rest = json::parse(compact_records({scenario.dump()}, "default", true).front());
  REQUIRE(rest["findings"].size() == 1);
  CHECK(rest["findings"][0]["level"] == "implicated");  // elections holds; the rest stays open, and is not asked
}

TEST_CASE("reports word the stand-in in their language; assumptions read open values one by one") {
  Evaluator evaluator(project_rule_base());
  EvaluateOptions options;
  options.open_values_once = true;
  const std::string text = open_function_scenario().dump();
  const Evaluation english = evaluator.evaluate(text, "open_function", options);
  REQUIRE(english.ok());
  RenderOptions as_json;  // JSON: one line, so no word is wrapped apart
  as_json.format = Format::json;
  CHECK(render_report(*english.report, as_json).find("some value not named") != std::string::npos);
  options.language = "zh";
  const Evaluation chinese = evaluator.evaluate(text, "open_function", options);
  REQUIRE(chinese.ok());
  as_json.words = project_rule_base().words("zh");
  CHECK(render_report(*chinese.report, as_json).find("某个未指明的值") != std::string::npos);
  // With an assumption, each function is a fact of its own again, and the report says so.
  options.language = "en";
  options.assumptions.push_back(AssumedFact{"act(op1, ddos)", true, {}});
  const Evaluation assumed = evaluator.evaluate(text, "open_function", options);
  REQUIRE(assumed.ok());
  REQUIRE(assumed.report->findings.size() == 1);
  CHECK(assumed.report->findings[0].hinge_sets_found == 11);
}
