// Questions of law held open: the `settled` profile, findings that hinge on a parameter
// a profile holds open, and assumptions and what-if that answer such a question.
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

/// profile id -> parameter -> value, as `cybernorms profiles --format json` lists them.
std::map<std::string, std::map<std::string, std::string>> profile_values() {
  RenderOptions options;
  options.format = Format::json;
  const auto profiles = nlohmann::json::parse(project_rule_base().render_profiles(options));
  std::map<std::string, std::map<std::string, std::string>> values;
  for (const auto& profile : profiles)
    for (const auto& [name, parameter] : profile["parameters"].items())
      values[profile["id"].get<std::string>()][name] = parameter["value"].get<std::string>();
  return values;
}

Evaluation evaluate(const std::string& scenario, const std::string& profile,
                    const std::vector<std::string>& assumptions = {}) {
  Evaluator evaluator(project_rule_base());
  const std::string path = (project_dir / "scenarios" / (scenario + ".json")).string();
  return evaluator.evaluate(read_text(path), path, assuming(profile, assumptions));
}

/// "principle role-values..." for a finding; a pooled finding (one for each candidate of
/// an open question) gives one key per candidate.
std::vector<std::string> keys_of(const Finding& finding) {
  std::vector<std::string> keys;
  const std::vector<std::string> values =
      finding.pooled ? finding.pooled->candidates : std::vector<std::string>{std::string()};
  for (const std::string& candidate : values) {
    std::string key = finding.principle;
    for (const auto& [role, value] : finding.roles)
      key += " " + (finding.pooled && role == finding.pooled->role ? candidate : value);
    keys.push_back(std::move(key));
  }
  return keys;
}

/// principle(roles...) -> level, for comparing two reports finding by finding, pooled
/// findings counted once per candidate.
std::map<std::string, Level> levels(const Report& report) {
  std::map<std::string, Level> out;
  for (const Finding& finding : report.findings)
    for (const std::string& key : keys_of(finding)) out[key] = finding.level;
  return out;
}

}  // namespace

TEST_CASE("the settled profile holds open exactly the parameters on which the other profiles disagree") {
  const auto values = profile_values();
  REQUIRE(values.count("settled") == 1);
  std::size_t held_open = 0;
  for (const auto& [parameter, settled_value] : values.at("settled")) {
    std::set<std::string> others;
    for (const auto& [profile, by_parameter] : values)
      if (profile != "settled") others.insert(by_parameter.at(parameter));
    CAPTURE(parameter);
    if (others.size() > 1) {
      CHECK(settled_value == "open");
      ++held_open;
    } else {
      CHECK(settled_value == *others.begin());
    }
  }
  CHECK(held_open >= 5);
}

TEST_CASE("under the settled profile a finding is implicated only if every reading implicates it, and possible if "
          "any does") {
  const auto profiles = project_rule_base().profile_ids();
  std::size_t compared = 0;
  for (const std::filesystem::path& path : bundled_scenarios()) {
    const std::string scenario = path.stem().string();
    CAPTURE(scenario);
    const Evaluation settled = evaluate(scenario, "settled");
    REQUIRE(settled.ok());
    const auto lower_and_upper = levels(*settled.report);
    for (const std::string& profile : profiles) {
      if (profile == "settled") continue;
      CAPTURE(profile);
      const Evaluation reading = evaluate(scenario, profile);
      REQUIRE(reading.ok());
      const auto by_reading = levels(*reading.report);
      for (const auto& [finding, level] : lower_and_upper) {
        CAPTURE(finding);
        const auto found = by_reading.find(finding);
        const Level other = found == by_reading.end() ? Level::not_implicated : found->second;
        if (level == Level::implicated) CHECK(other == Level::implicated);
        ++compared;
      }
      for (const auto& [finding, level] : by_reading) {
        CAPTURE(finding);
        // A reading settles some questions the settled profile leaves open: whatever it
        // finds, the settled profile finds at least possible.
        CHECK(lower_and_upper.count(finding) == 1);
      }
    }
  }
  CHECK(compared > 100);
}

TEST_CASE("a finding resting on a question held open hinges on a question of law, with the profiles' positions") {
  const Evaluation evaluation = evaluate("remote_espionage_foreign_ministry", "settled");
  REQUIRE(evaluation.ok());
  const Report& report = *evaluation.report;
  std::size_t of_law = 0;
  for (const Question& question : report.questions) {
    if (!question.of_law) {
      CHECK(question.element != "law");
      continue;
    }
    ++of_law;
    CHECK(question.element == "law");
    CHECK(question.positions.starts_with("Positions: "));
    for (const FactRef& fact : question.facts) CHECK(fact.relation.starts_with("$"));
  }
  CHECK(of_law >= 2);
  bool sovereignty_asked = false;
  for (const Question& question : report.questions)
    if (question.of_law && question.facts.front().relation == "$sovereignty_is_rule") {
      sovereignty_asked = true;
      CHECK(question.text.starts_with("Is it the law that a breach of sovereignty is wrongful in itself"));
      CHECK(question.positions.find("no (united_kingdom)") != std::string::npos);
    }
  CHECK(sovereignty_asked);
  RenderOptions json_options;
  json_options.format = Format::json;
  const auto json = nlohmann::json::parse(render_report(report, json_options));
  std::set<std::string> kinds;
  for (const auto& question : json["questions"]) kinds.insert(question["kind"].get<std::string>());
  CHECK(kinds.count("law") == 1);
  // The same scenario's findings under the default profile settle those questions.
  const Evaluation by_default = evaluate("remote_espionage_foreign_ministry", "default");
  REQUIRE(by_default.ok());
  for (const Question& question : by_default.report->questions)
    CHECK(question.facts.front().relation != "$sovereignty_is_rule");
}

TEST_CASE("answering a question of law by assumption equals a profile that settles it the same way") {
  // Under settled, assuming the United Kingdom's answers gives the United Kingdom's
  // findings wherever the United Kingdom leaves nothing open that settled does not.
  const std::vector<std::string> uk_answers = {
      "$sovereignty_is_rule(false)",  "$breach_threshold(penetration)",       "$espionage_breaches(true)",
      "$due_diligence_min_scale(minor)", "$intervention_requires_coercion(true)"};
  for (const char* scenario : {"remote_espionage_foreign_ministry", "belgacom_2013", "us_election_2016",
                               "ddos_disruption_only", "election_disinformation_no_coercion"}) {
    CAPTURE(scenario);
    const Evaluation answered = evaluate(scenario, "settled", uk_answers);
    REQUIRE(answered.ok());
    const Evaluation uk = evaluate(scenario, "united_kingdom");
    REQUIRE(uk.ok());
    CHECK(levels(*answered.report) == levels(*uk.report));
    REQUIRE(answered.report->assumptions.size() == uk_answers.size());
    CHECK(answered.report->assumptions.front().stated == Truth::unknown);  // settled holds it open
  }
  // Ruling out all values but one of a parameter held open settles it.
  EvaluateOptions options;
  options.profile = "default";
  options.assumptions.push_back(AssumedFact{"$espionage_interferes(false)", false, {}});
  Evaluator evaluator(project_rule_base());
  const std::string path = (project_dir / "scenarios" / "attribution_unknown.json").string();
  const Evaluation ruled_out = evaluator.evaluate(read_text(path), path, options);
  REQUIRE(ruled_out.ok());
  const Evaluation assumed_true = evaluate("attribution_unknown", "default", {"$espionage_interferes(true)"});
  REQUIRE(assumed_true.ok());
  CHECK(levels(*ruled_out.report) == levels(*assumed_true.report));
  CHECK(ruled_out.report->assumptions.front().stated == Truth::unknown);
}

TEST_CASE("what-if asks the questions of law a profile holds open, and each answer moves what rests on it") {
  Evaluator evaluator(project_rule_base());
  const std::string path = (project_dir / "scenarios" / "attribution_unknown.json").string();
  EvaluateOptions options;
  const WhatIfEvaluation what_if = evaluator.what_if(read_text(path), path, options);
  REQUIRE(what_if.ok());
  bool asked = false;
  for (const WhatIfQuestion& question : what_if.table->questions) {
    if (question.facts.empty() || question.facts.front().relation != "$espionage_interferes") continue;
    asked = true;
    bool moved = false;
    for (const WhatIfAnswer& answer : question.answers) moved = moved || !answer.changes.empty();
    CHECK(moved);
  }
  CHECK(asked);
}

TEST_CASE("under the settled profile every hinge set, of fact and of law, is sufficient and minimal") {
  std::size_t sets_checked = 0;
  for (const std::filesystem::path& path : bundled_scenarios()) {
    const std::string scenario = path.stem().string();
    CAPTURE(scenario);
    const Evaluation settled = evaluate(scenario, "settled");
    REQUIRE(settled.ok());
    for (const Finding& finding : settled.report->findings) {
      if (finding.level != Level::possible) continue;
      // A pooled finding's set is enough for one of its candidates, whichever it names.
      const std::vector<std::string> keys = keys_of(finding);
      CAPTURE(keys.front());
      for (std::size_t s = 0; s < finding.hinge_sets.size() && s < 2; ++s) {
        std::vector<AssumedFact> answers;
        for (const Hinge& hinge : finding.hinge_sets[s]) {
          std::string fact = hinge.fact.relation + "(";
          for (std::size_t i = 0; i < hinge.fact.args.size(); ++i) fact += (i ? ", " : "") + hinge.fact.args[i];
          answers.push_back(AssumedFact{fact + ")", hinge.needs_true, {}});
        }
        const auto level_with = [&](const std::vector<AssumedFact>& assumed) {
          EvaluateOptions options;
          options.profile = "settled";
          options.assumptions = assumed;
          Evaluator evaluator(project_rule_base());
          const Evaluation evaluation = evaluator.evaluate(read_text(path), path.string(), options);
          REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
          const auto found = levels(*evaluation.report);
          for (const std::string& key : keys)
            if (const auto level = found.find(key); level != found.end() && level->second == Level::implicated)
              return Level::implicated;
          return Level::possible;
        };
        CHECK(level_with(answers) == Level::implicated);  // sufficient
        for (std::size_t left_out = 0; left_out < answers.size(); ++left_out) {
          std::vector<AssumedFact> fewer = answers;
          fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(left_out));
          CHECK(level_with(fewer) != Level::implicated);  // minimal
        }
        ++sets_checked;
      }
    }
  }
  CHECK(sets_checked > 50);
}

TEST_CASE("two values of one parameter assumed true are refused, with both places named") {
  EvaluateOptions options;
  options.assumptions.push_back(AssumedFact{"$force_threshold(severe_disruption)", true, {}});
  options.assumptions.push_back(AssumedFact{"$force_threshold(physical_effects)", true, {}});
  Evaluator evaluator(project_rule_base());
  const std::string path = (project_dir / "scenarios" / "grid_shutdown_no_damage.json").string();
  const Evaluation evaluation = evaluator.evaluate(read_text(path), path, options);
  REQUIRE_FALSE(evaluation.ok());
  const std::string text = render_text(evaluation.diagnostics, SourceSet{});
  CHECK(text.find("error[E423]") != std::string::npos);
  CHECK(text.find("gives parameter 'force_threshold' a second value") != std::string::npos);
  // One value true and another false is no contradiction: the second only rules out.
  options.assumptions.back().value = false;
  CHECK(evaluator.evaluate(read_text(path), path, options).ok());
}
