// Roles only an open question fills: one pooled finding for the states the question could
// name, never one "possible" finding per state the scenario lists (explain/pooling.hpp).
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

Report evaluate(const std::string& scenario_json, const std::string& profile = "default",
                const std::vector<std::string>& assumptions = {}) {
  Evaluator evaluator(project_rule_base());
  const Evaluation evaluation = evaluator.evaluate(scenario_json, "scenario.json", assuming(profile, assumptions));
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return *evaluation.report;
}

std::string scenario_text(const std::string& name) { return read_text(project_dir / "scenarios" / (name + ".json")); }

std::vector<const Finding*> findings_of(const Report& report, const std::string& principle) {
  std::vector<const Finding*> found;
  for (const Finding& finding : report.findings)
    if (finding.principle == principle) found.push_back(&finding);
  return found;
}

std::string role_value(const Finding& finding, const std::string& role) {
  for (const auto& [name, value] : finding.roles)
    if (name == role) return value;
  return {};
}

}  // namespace

TEST_CASE("an asset whose location is unknown gives one pooled non-infringement finding, not one per state") {
  const Report report = evaluate(scenario_text("server_location_unknown"));
  const auto findings = findings_of(report, "non_infringement");
  REQUIRE(findings.size() == 1);
  const Finding& finding = *findings.front();
  CHECK(finding.level == Level::possible);
  REQUIRE(finding.pooled.has_value());
  CHECK(finding.pooled->role == "injured");
  CHECK(finding.pooled->candidates == std::vector<std::string>{"borvania", "cerat"});
  CHECK(role_value(finding, "injured") == "?asset_in(mail_server,_):borvania|cerat");
  CHECK(role_value(finding, "responsible") == "aldoria");
  // The question that fills the role is the asset's location, and every way answers it.
  REQUIRE(finding.pooled->question < report.questions.size());
  const Question& asked = report.questions[finding.pooled->question];
  CHECK(asked.element == "territory");
  CHECK(asked.text.find("mail server") != std::string::npos);
  REQUIRE_FALSE(finding.routes.empty());
  for (const Route& route : finding.routes) {
    const bool answers_it = std::any_of(route.begin(), route.end(), [&](const Answer& answer) {
      return answer.question == finding.pooled->question && answer.yes;
    });
    CHECK(answers_it);
  }
  // One proof per candidate: the first as the proof, the other as a further one.
  CHECK(finding.proof.fact.args == std::vector<std::string>{"aldoria", "borvania", "cable_theft"});
  REQUIRE(finding.other_proofs.size() == 1);
  CHECK(finding.other_proofs.front().fact.args == std::vector<std::string>{"aldoria", "cerat", "cable_theft"});
  // The report words the pooled value, so text and HTML read it in words.
  const auto named = std::find_if(report.names.begin(), report.names.end(),
                                  [](const auto& name) { return name.first == "?asset_in(mail_server,_):borvania|cerat"; });
  REQUIRE(named != report.names.end());
  CHECK(named->second.find("2 candidates: Borvania, Cerat") != std::string::npos);
  CHECK(render_report(report, {}).find("whichever answers") != std::string::npos);
}

TEST_CASE("answering the question that fills a pooled role gives the finding for the state it names") {
  const Report report = evaluate(scenario_text("server_location_unknown"), "default",
                                 {"asset_in(mail_server, cerat)"});
  const auto findings = findings_of(report, "non_infringement");
  REQUIRE(findings.size() == 1);
  CHECK_FALSE(findings.front()->pooled.has_value());
  CHECK(role_value(*findings.front(), "injured") == "cerat");
  CHECK(findings.front()->level == Level::possible);  // attribution is still open
}

TEST_CASE("a state a stated fact links keeps its own finding: nothing is pooled when the location is known") {
  nlohmann::json scenario = nlohmann::json::parse(scenario_text("server_location_unknown"));
  scenario["assets"][0]["located_in"] = "borvania";
  const Report report = evaluate(scenario.dump());
  const auto findings = findings_of(report, "non_infringement");
  REQUIRE(findings.size() == 1);
  CHECK_FALSE(findings.front()->pooled.has_value());
  CHECK(role_value(*findings.front(), "injured") == "borvania");
}

TEST_CASE("in every bundled scenario, under every profile, a pooled finding is possible, has two candidates or "
          "more, each a listed state, and no finding of its own beside it") {
  std::size_t pooled = 0;
  for (const std::filesystem::path& path : bundled_scenarios()) {
    const auto scenario = nlohmann::json::parse(read_text(path));
    std::set<std::string> states;
    for (const auto& state : scenario.value("states", nlohmann::json::array())) states.insert(state["id"].get<std::string>());
    for (const std::string& profile : project_rule_base().profile_ids()) {
      CAPTURE(path.filename().string());
      CAPTURE(profile);
      const Report report = evaluate(read_text(path), profile);
      for (const Finding& finding : report.findings) {
        if (!finding.pooled) continue;
        ++pooled;
        CHECK(finding.level == Level::possible);
        CHECK(finding.pooled->candidates.size() >= 2);
        CHECK_FALSE(finding.routes.empty());
        for (const std::string& candidate : finding.pooled->candidates) {
          CHECK(states.contains(candidate));
          // No finding for the same principle and the candidate in the pooled role.
          for (const Finding& other : report.findings) {
            if (&other == &finding || other.principle != finding.principle) continue;
            auto roles = finding.roles;
            for (auto& [name, value] : roles)
              if (name == finding.pooled->role) value = candidate;
            CHECK(other.roles != roles);
          }
        }
      }
    }
  }
  CHECK(pooled > 0);
}
