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
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const auto parse = [&](std::string text) {
    const auto file = sources.add("--why-not", std::move(text));
    return scenario::parse_goal(sources.file(file), file, rules, diagnostics);
  };
  const auto goal = parse(" act( op1 , _ ) ");
  REQUIRE(goal.has_value());
  CHECK(goal->args == std::vector<std::optional<std::string>>{"op1", std::nullopt});
  CHECK_FALSE(parse("act(op1)").has_value());
  CHECK_FALSE(parse("act op1").has_value());
  CHECK_FALSE(parse("acts(op1, x)").has_value());
  CHECK_FALSE(parse("act(op1, a b)").has_value());
  CHECK_FALSE(parse("act(op1, x").has_value());
  REQUIRE(diagnostics.error_count() == 5);
  CHECK(diagnostics.all()[0].code == "E411");
  CHECK(diagnostics.all()[1].code == "E413");
  CHECK(diagnostics.all()[2].code == "E410");
  CHECK(diagnostics.all()[3].code == "E413");
  // Each points at the part of the goal that is wrong, so it is shown with a caret there.
  CHECK(base::render_text(diagnostics.all()[0], sources) ==
        "--why-not:1:5: error[E411]: 'act' takes 2 values, got 1\n    1 | act(op1)\n      |     ^~~\n");
  CHECK(base::render_text(diagnostics.all()[2], sources) ==
        "--why-not:1:1: error[E410]: unknown relation 'acts'\n    1 | acts(op1, x)\n      | ^~~~\n"
        "   note: did you mean 'act'?\n");
  CHECK(base::render_text(diagnostics.all()[3], sources) ==
        "--why-not:1:10: error[E413]: \"a b\" is not a value\n    1 | act(op1, a b)\n      |          ^~~\n");
  CHECK(base::render_text(diagnostics.all()[4], sources) ==
        "--why-not:1:10: error[E413]: expected a goal like rel(a, b), got \"act(op1, x\"\n    1 | act(op1, x\n"
        "      |          ^\n");
}
