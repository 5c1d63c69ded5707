// The bundled scenario library against its expected findings, and the behaviour of
// unknown facts that analysts rely on, through the public RuleBase API.
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include "render/report_render.hpp"
#include "render/terse.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>
#include <thread>

namespace fs = std::filesystem;
using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

Report evaluate_json(const std::string& json, const std::string& profile = "default") {
  EvaluateOptions options;
  options.profile = profile;
  const Evaluation evaluation = project_rule_base().evaluate(json, "scenario.json", options);
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return *evaluation.report;
}

const Finding* find_finding(const Report& report, const std::string& principle) {
  for (const Finding& finding : report.findings) {
    if (finding.principle == principle) return &finding;
  }
  return nullptr;
}

nlohmann::json load_json(const std::string& name) {
  return nlohmann::json::parse(read_text(project_dir / "scenarios" / name));
}

}  // namespace

TEST_CASE("every bundled scenario gives exactly its expected findings under each profile it lists") {
  // The check `cybernorms test` runs, through the public API (Evaluator::check_expected).
  const auto scenarios = bundled_scenarios();
  CHECK(scenarios.size() >= 30);
  Evaluator evaluator(project_rule_base());
  for (const fs::path& path : scenarios) {
    fs::path expected_path = path;
    expected_path.replace_extension(".expected.txt");
    INFO("scenario: ", path.filename().string());
    REQUIRE(fs::exists(expected_path));
    const ExpectedCheck check =
        evaluator.check_expected(read_text(path), path.string(), read_text(expected_path), expected_path.string());
    REQUIRE_MESSAGE(check.ok(), render_text(check.diagnostics, check.sources));
    CHECK(std::find(check.profiles.begin(), check.profiles.end(), "default") != check.profiles.end());
    std::string differences;
    for (const ExpectedDifference& difference : check.differences)
      differences += fmt::format("[{}] {}: {}\n", difference.profile, difference.finding, describe(difference));
    CHECK_MESSAGE(differences.empty(), "not as expected:\n", differences);
    // Written anew, the expected file would read the same findings.
    if (check.passed()) {
      const ExpectedCheck again =
          evaluator.check_expected(read_text(path), path.string(), check.actual, expected_path.string());
      CHECK(again.passed());
    }
  }
}

TEST_CASE("unknown attribution makes non-infringement possible, hinging on attribution; settling it implicates") {
  nlohmann::json scenario = load_json("attribution_unknown.json");
  const Report open = evaluate_json(scenario.dump());
  const Finding* finding = find_finding(open, "non_infringement");
  REQUIRE(finding != nullptr);
  CHECK(finding->level == Level::possible);
  REQUIRE(finding->hinge_sets.size() == 1);
  REQUIRE(finding->hinge_sets.front().size() == 1);
  const Hinge& hinge = finding->hinge_sets.front().front();
  CHECK(hinge.fact.relation == "directed_by");
  CHECK(hinge.fact.args == std::vector<std::string>{"shadow_group", "borania"});
  CHECK(hinge.needs_true);

  scenario["actors"][0]["directed_by"] = {"borania"};
  const Report settled = evaluate_json(scenario.dump());
  const Finding* now = find_finding(settled, "non_infringement");
  REQUIRE(now != nullptr);
  CHECK(now->level == Level::implicated);
  CHECK(now->hinge_sets.empty());
}

TEST_CASE("unknown consent makes non-infringement possible, hinging on consent withheld; consent given removes it") {
  nlohmann::json scenario = load_json("consent_unknown.json");
  const Report open = evaluate_json(scenario.dump());
  const Finding* finding = find_finding(open, "non_infringement");
  REQUIRE(finding != nullptr);
  CHECK(finding->level == Level::possible);
  REQUIRE_FALSE(finding->hinge_sets.empty());
  const auto& hinges = finding->hinge_sets.front();
  const bool names_consent = std::any_of(hinges.begin(), hinges.end(), [](const Hinge& hinge) {
    return hinge.fact.relation == "consent_given" && !hinge.needs_true &&
           hinge.fact.args == std::vector<std::string>{"workshop_strike", "borania"};
  });
  CHECK(names_consent);

  scenario["operations"][0]["consenting_states"] = {"borania"};
  CHECK(find_finding(evaluate_json(scenario.dump()), "non_infringement") == nullptr);

  scenario["operations"][0]["consenting_states"] = nlohmann::json::array();
  const Report withheld_report = evaluate_json(scenario.dump());
  const Finding* withheld = find_finding(withheld_report, "non_infringement");
  REQUIRE(withheld != nullptr);
  CHECK(withheld->level == Level::implicated);
}

TEST_CASE("in every bundled scenario, possible findings name hinges and implicated ones need none") {
  for (const fs::path& path : bundled_scenarios()) {
    INFO("scenario: ", path.filename().string());
    const Report report = evaluate_json(read_text(path));
    for (const Finding& finding : report.findings) {
      INFO("principle: ", finding.principle);
      if (finding.level == Level::possible) {
        REQUIRE_FALSE(finding.hinge_sets.empty());
        CHECK_FALSE(finding.hinge_sets.front().empty());
      } else {
        CHECK(finding.hinge_sets.empty());
      }
      CHECK_FALSE(finding.citations.empty());
    }
  }
}

TEST_CASE("a principle's proof tree ends in scenario facts and every derived step cites its rule's source") {
  const Report report = evaluate_json(read_text(project_dir / "scenarios" / "consent_unknown.json"));
  REQUIRE_FALSE(report.findings.empty());
  for (const Finding& finding : report.findings) {
    std::vector<const ProofStep*> pending{&finding.proof};
    std::size_t leaves = 0;
    while (!pending.empty()) {
      const ProofStep* step = pending.back();
      pending.pop_back();
      if (step->rule_id.empty()) {
        ++leaves;
        CHECK(step->premises.empty());
        CHECK_FALSE(step->fact.text.empty());
      } else {
        CHECK_FALSE(step->because.empty());
        CHECK_FALSE(step->citations.empty());
      }
      for (const ProofStep& premise : step->premises) pending.push_back(&premise);
    }
    CHECK(leaves > 0);
  }
}

TEST_CASE("evaluation gives byte-identical output on repeat and across threads") {
  const auto scenarios = bundled_scenarios();
  auto render_all = [&] {
    Evaluator evaluator(project_rule_base());
    std::string out;
    for (const fs::path& path : scenarios) {
      const Evaluation evaluation = evaluator.evaluate(read_text(path), path.string());
      if (evaluation.ok()) out += render::report_to_json(*evaluation.report, render::Detail::full);
    }
    return out;
  };
  const std::string first = render_all();
  CHECK_FALSE(first.empty());
  CHECK(render_all() == first);
  std::string from_thread_a;
  std::string from_thread_b;
  std::thread a([&] { from_thread_a = render_all(); });
  std::thread b([&] { from_thread_b = render_all(); });
  a.join();
  b.join();
  CHECK(from_thread_a == first);
  CHECK(from_thread_b == first);
}

TEST_CASE("an invalid scenario yields diagnostics with JSON pointers and no report") {
  nlohmann::json scenario = load_json("attribution_unknown.json");
  scenario["operations"][0]["actor"] = "shadow_grup";
  scenario["operations"][0]["coercive"] = "maybe";
  const Evaluation evaluation = project_rule_base().evaluate(scenario.dump(), "bad.json");
  CHECK_FALSE(evaluation.ok());
  CHECK(evaluation.diagnostics.error_count() >= 2);
  const std::string text = render_text(evaluation.diagnostics, SourceSet{});
  CHECK(text.find("bad.json:/operations/0/actor") != std::string::npos);
  CHECK(text.find("shadow_group") != std::string::npos);  // the suggestion
  CHECK(text.find("bad.json:/operations/0/coercive") != std::string::npos);
}

TEST_CASE("the input limit is the caller's: 8 MiB unless EvaluateOptions sets another, up to 1 GiB") {
  const std::string text = read_text(project_dir / "scenarios" / "attribution_unknown.json");
  const std::string padded = text + std::string(max_input_bytes + 1 - text.size(), ' ');
  const Evaluation refused = project_rule_base().evaluate(padded, "padded.json");
  CHECK_FALSE(refused.ok());
  CHECK(render_text(refused.diagnostics, SourceSet{}).find("padded.json:: error[E407]: the document is 8388609 bytes") !=
        std::string::npos);
  EvaluateOptions options;
  options.max_input_bytes = padded.size();
  CHECK(project_rule_base().evaluate(padded, "padded.json", options).ok());
  options.max_input_bytes = text.size() - 1;
  CHECK_FALSE(project_rule_base().evaluate(text, "small.json", options).ok());
  options.max_input_bytes = std::numeric_limits<std::size_t>::max();  // used as max_settable_input_bytes
  CHECK(project_rule_base().evaluate(text, "small.json", options).ok());
}

TEST_CASE("a proof shows the profile's parameter values as profile facts, not scenario facts") {
  const Report report =
      evaluate_json(read_text(project_dir / "scenarios" / "penetration_no_effects.json"), "france");
  const Finding* finding = find_finding(report, "non_infringement");
  REQUIRE(finding != nullptr);
  const auto& premises = finding->proof.premises;
  const auto threshold = std::find_if(premises.begin(), premises.end(), [](const ProofStep& step) {
    return step.fact.relation == "$breach_threshold";
  });
  REQUIRE(threshold != premises.end());
  CHECK(threshold->rule_id.empty());
  CHECK(threshold->fact.text.rfind("the profile sets breach_threshold = penetration (", 0) == 0);
  CHECK(render_report(report, RenderOptions{Format::text, Detail::full, false, 80}).find("[profile]") != std::string::npos);
}

namespace {

/// Every string value an object holds, at any depth, but its own id and name: the
/// entities it is linked to by a stated fact, or by an unknown one ("unknown" lists).
void linked_values(const nlohmann::json& value, std::set<std::string>& out) {
  if (value.is_string()) {
    out.insert(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) linked_values(item, out);
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items())
      if (key != "id" && key != "name") linked_values(item, out);
  }
}

const nlohmann::json* entity(const nlohmann::json& scenario, const char* collection, const nlohmann::json& id) {
  if (!scenario.contains(collection)) return nullptr;
  for (const auto& item : scenario[collection])
    if (item["id"] == id) return &item;
  return nullptr;
}

}  // namespace

TEST_CASE("no bundled scenario has a finding for a state no stated or unknown fact links to its operation") {
  std::size_t checked = 0;
  for (const fs::path& path : bundled_scenarios()) {
    const auto scenario = nlohmann::json::parse(read_text(path));
    CAPTURE(path.filename().string());
    for (const std::string& profile : project_rule_base().profile_ids()) {
      const Report report = evaluate_json(read_text(path), profile);
      for (const Finding& finding : report.findings) {
        std::string operation;
        for (const auto& [role, value] : finding.roles)
          if (role == "operation") operation = value;
        const nlohmann::json* op = entity(scenario, "operations", operation);
        if (op == nullptr) continue;
        std::set<std::string> linked;
        linked_values(*op, linked);
        if (const auto* actor = entity(scenario, "actors", (*op)["actor"])) linked_values(*actor, linked);
        for (const auto& target : (*op)["targets"])
          if (const auto* asset = entity(scenario, "assets", target)) linked_values(*asset, linked);
        // A public claim about the operation links the state it accuses.
        if (scenario.contains("attribution_claims"))
          for (const auto& claim : scenario["attribution_claims"])
            if (claim["operation"] == operation) linked_values(claim, linked);
        // An attribute stated "unknown" may have any state for its value.
        const bool any_state = linked.contains("unknown");
        for (const auto& [role, value] : finding.roles) {
          if (!entity(scenario, "states", value)) continue;
          CAPTURE(profile);
          CAPTURE(finding.principle);
          CAPTURE(value);
          CHECK((any_state || linked.contains(value)));
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 500);
}
