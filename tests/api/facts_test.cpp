// Plain facts files evaluated through the public API, the way scenarios are.
#include <cybernorms/cybernorms.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace cybernorms;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

RuleBase example_rule_base() {
  SourceSet sources;
  Diagnostics diagnostics;
  auto rule_base = RuleBase::load({std::string(CYBERNORMS_SOURCE_DIR) + "/examples/facts/rules"}, sources, diagnostics);
  INFO(render_text(diagnostics, sources));
  REQUIRE(rule_base.has_value());
  return *rule_base;
}

RuleBase bundled_rule_base() {
  SourceSet sources;
  Diagnostics diagnostics;
  auto rule_base = RuleBase::load({std::string(CYBERNORMS_SOURCE_DIR) + "/rules"}, sources, diagnostics);
  REQUIRE(rule_base.has_value());
  return *rule_base;
}

}  // namespace

TEST_CASE("the example facts file shows an established fact, a possible one with its hinges, and a why-not") {
  Evaluator evaluator(example_rule_base());
  EvaluateOptions options;
  options.max_hinge_sets = 2;
  const FactsEvaluation evaluation =
      evaluator.evaluate_facts(read_text(CYBERNORMS_SOURCE_DIR "/examples/facts/facts.json"), "facts.json",
                               {"non_interference(a, b, op1)", "non_infringement(_, _, op1)"}, options);
  INFO(render_text(evaluation.diagnostics, SourceSet{}));
  REQUIRE(evaluation.ok());
  const FactsReport& report = *evaluation.report;
  CHECK(render_facts(FactsReport{report.derived, {}}) ==
        "attributed_to(op1, a): established\n"
        "attributed_to(op2, a): possible, if directed_by(hacktivists, a) is true\n"
        "non_infringement(a, b, op1): established\n"
        "non_infringement(a, c, op2): possible, if directed_by(hacktivists, a) is true and consent_given(op2, c) is false\n"
        "exception:consent(c, op2): possible, if consent_given(op2, c) is true\n");
  REQUIRE(report.goals.size() == 2);
  CHECK(render_facts(FactsReport{{}, {report.goals[0]}}) ==
        "\n"
        "non_interference(a, b, op1) is not derived\n"
        "  why not: the nearest rule is non_interference.coercion (coercion bearing on\n"
        "    another state's internal affairs is interference); it fails because no\n"
        "    stated fact says that op1 involved coercion.\n"
        "  nearest rule: non_interference.coercion\n"
        "  failed condition: act(Op, coercion)\n"
        "  bindings: State = a, Victim = b, Op = op1\n");
  CHECK(render_facts(FactsReport{{}, {report.goals[1]}}) == "\nnon_infringement(a, b, op1) is established\n");
}

TEST_CASE("a malformed goal or facts file is reported, and nothing is evaluated") {
  Evaluator evaluator(example_rule_base());
  const FactsEvaluation bad_goal = evaluator.evaluate_facts(R"({"facts": []})", "f.json", {"act op1"});
  CHECK_FALSE(bad_goal.ok());
  CHECK(render_text(bad_goal.diagnostics, bad_goal.sources) ==
        "--why-not:1:1: error[E413]: expected a goal like rel(a, b), got \"act op1\"\n    1 | act op1\n"
        "      | ^~~~~~~\n1 error, 0 warnings\n");
  const FactsEvaluation bad_file = evaluator.evaluate_facts(R"({"facts": 7})", "f.json", {});
  CHECK_FALSE(bad_file.ok());
  CHECK(bad_file.diagnostics.all().front().code == "E401");
}

TEST_CASE("why-not about a scenario answers any relation's goal: its facts with levels and hinges, or the nearest rule") {
  Evaluator evaluator(bundled_rule_base());
  const std::string scenario = read_text(CYBERNORMS_SOURCE_DIR "/scenarios/attribution_unknown.json");
  const GoalsEvaluation evaluation = evaluator.why_not(
      scenario, "attribution_unknown.json", {"non_infringement(borania, _, _)", "use_of_force(_, _, _)"});
  INFO(render_text(evaluation.diagnostics, SourceSet{}));
  REQUIRE(evaluation.ok());
  REQUIRE(evaluation.answers->size() == 2);

  const GoalAnswer& possible = evaluation.answers->at(0);
  REQUIRE(possible.matches.size() == 1);
  CHECK_FALSE(possible.matches[0].established);
  REQUIRE_FALSE(possible.matches[0].hinge_sets.empty());
  CHECK(render_goal_answer(possible).find("non_infringement(borania, arland, ministry_intrusion) is possible, if ") == 0);
  CHECK(render_goal_answer(possible).find("directed_by(shadow_group, borania) is true") != std::string::npos);

  const GoalAnswer& missing = evaluation.answers->at(1);
  CHECK(missing.matches.empty());
  CHECK(missing.why_not.rule_id.rfind("use_of_force.", 0) == 0);
  CHECK(render_goal_answer(missing).find("use_of_force(_, _, _) is not derived\n  why not: the nearest rule is use_of_force.") ==
        0);
  CHECK(render_goal_answer(missing).find("\n  nearest rule: use_of_force.") != std::string::npos);
}

TEST_CASE("why-not about a scenario reports a misspelt relation, a malformed goal and an unknown profile") {
  Evaluator evaluator(bundled_rule_base());
  const std::string scenario = read_text(CYBERNORMS_SOURCE_DIR "/scenarios/attribution_unknown.json");
  const GoalsEvaluation misspelt = evaluator.why_not(scenario, "s.json", {"non_infringment(_, _, _)", "use_of_force"});
  CHECK_FALSE(misspelt.ok());
  REQUIRE(misspelt.diagnostics.error_count() == 2);
  CHECK(misspelt.diagnostics.all()[0].code == "E410");
  CHECK(misspelt.diagnostics.all()[1].code == "E413");
  EvaluateOptions options;
  options.profile = "nowhere";
  const GoalsEvaluation unknown_profile = evaluator.why_not(scenario, "s.json", {"use_of_force(_, _, _)"}, options);
  CHECK_FALSE(unknown_profile.ok());
  CHECK(unknown_profile.diagnostics.all().front().code == "E412");
}

TEST_CASE("a facts listing whose hinge search ran out of budget says so rather than that nothing establishes it") {
  Evaluator evaluator(example_rule_base());
  EvaluateOptions options;
  options.hinge_budget = 2;  // visiting attributed_to and directed_by: enough for the one, not the other
  const FactsEvaluation evaluation =
      evaluator.evaluate_facts(read_text(CYBERNORMS_SOURCE_DIR "/examples/facts/facts.json"), "facts.json", {}, options);
  REQUIRE(evaluation.ok());
  const std::string text = render_facts(*evaluation.report);
  CHECK(text.find("non_infringement(a, c, op2): possible (the search for what this hinges on stopped at its work "
                  "budget: it may hinge on sets not found)\n") != std::string::npos);
  CHECK(text.find("attributed_to(op2, a): possible, if directed_by(hacktivists, a) is true\n") != std::string::npos);
  options.hinge_budget = EvaluateOptions{}.hinge_budget;
  options.max_hinge_sets = 1;
  const FactsEvaluation listed =
      evaluator.evaluate_facts(read_text(CYBERNORMS_SOURCE_DIR "/examples/facts/facts.json"), "facts.json", {}, options);
  REQUIRE(listed.ok());
  for (const DerivedFact& fact : listed.report->derived) CHECK(fact.hinges_complete());
}

TEST_CASE("a facts file over the input limit the options set is refused with E407") {
  Evaluator evaluator(example_rule_base());
  const std::string text = read_text(CYBERNORMS_SOURCE_DIR "/examples/facts/facts.json");
  EvaluateOptions options;
  options.max_input_bytes = text.size() - 1;
  const FactsEvaluation refused = evaluator.evaluate_facts(text, "facts.json", {}, options);
  CHECK_FALSE(refused.ok());
  CHECK(render_text(refused.diagnostics, SourceSet{})
            .find("facts.json:: error[E407]: the document is " + std::to_string(text.size()) + " bytes; at most " +
                  std::to_string(text.size() - 1) + " are read") != std::string::npos);
  options.max_input_bytes = text.size();
  CHECK(evaluator.evaluate_facts(text, "facts.json", {}, options).ok());
}
