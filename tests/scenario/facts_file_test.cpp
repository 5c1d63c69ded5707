#include "compile/compile.hpp"
#include "scenario/facts_file.hpp"

#include <doctest/doctest.h>


using namespace cybernorms;

namespace {

compile::RuleSet example_rules() {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  auto result = compile::check_paths({std::string(CYBERNORMS_SOURCE_DIR) + "/examples/facts/rules"}, {}, sources, diagnostics);
  INFO(base::render_text(diagnostics, sources));
  REQUIRE(result.rules.has_value());
  return std::move(*result.rules);
}

std::string problems(std::string_view json) {
  const auto rules = example_rules();
  base::Diagnostics diagnostics;
  const auto file = scenario::read_facts_file(json, "f.json", rules, diagnostics);
  CHECK_FALSE(file.has_value());
  return base::render_text(diagnostics, base::SourceSet{});
}

}  // namespace

TEST_CASE("a facts file with mistakes reports each by JSON pointer") {
  CHECK(problems(R"({"facts": [["acts", "op1", "coercion"], ["act", "op1"], ["act", "op1", "coercian"], 7],
                     "profil": "default"})") ==
        "f.json:/facts/0/0: error[E410]: unknown relation 'acts'\n"
        "   note: did you mean 'act'?\n"
        "f.json:/facts/1: error[E411]: 'act' takes 2 values (op, kind), got 1\n"
        "f.json:/facts/2/2: error[E402]: \"coercian\" is not a value of type act_kind\n"
        "   note: did you mean 'coercion'?\n"
        "f.json:/facts/3: error[E401]: expected [\"relation\", values...], got 7\n"
        "f.json:/profil: error[E403]: unknown key \"profil\" (expected facts, unknown or profile)\n"
        "   note: did you mean 'profile'?\n"
        "5 errors, 0 warnings\n");
}

TEST_CASE("a facts file names an unknown profile and rejects what is not JSON") {
  CHECK(problems(R"({"profile": "frnace"})") ==
        "f.json:/profile: error[E412]: unknown profile 'frnace'\n"
        "1 error, 0 warnings\n");
  CHECK(problems(R"([1, 2])") == "f.json:: error[E401]: expected an object with \"facts\", got an array\n1 error, 0 warnings\n");
  CHECK(problems("{\"facts\": [}").find("error[E400]") != std::string::npos);
  CHECK(problems(R"({"unknown": {"a": 1}})") ==
        "f.json:/unknown: error[E401]: expected an array of facts, got an object\n1 error, 0 warnings\n");
}

TEST_CASE("a goal is parsed against the rule base with _ for any value") {
  const auto rules = example_rules();
  base::Diagnostics diagnostics;
  const auto goal = scenario::parse_goal(" act( op1 , _ ) ", "goal", rules, diagnostics);
  REQUIRE(goal.has_value());
  CHECK(goal->args == std::vector<std::optional<std::string>>{"op1", std::nullopt});
  CHECK_FALSE(scenario::parse_goal("act(op1)", "goal", rules, diagnostics).has_value());
  CHECK_FALSE(scenario::parse_goal("act op1", "goal", rules, diagnostics).has_value());
  CHECK_FALSE(scenario::parse_goal("acts(op1, x)", "goal", rules, diagnostics).has_value());
  CHECK_FALSE(scenario::parse_goal("act(op1, a b)", "goal", rules, diagnostics).has_value());
  CHECK(diagnostics.error_count() == 4);
  CHECK(diagnostics.all()[0].code == "E411");
  CHECK(diagnostics.all()[1].code == "E413");
  CHECK(diagnostics.all()[2].code == "E410");
}
