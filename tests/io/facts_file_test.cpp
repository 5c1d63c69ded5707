#include "compile/compile.hpp"
#include "infer/session.hpp"
#include "io/facts_file.hpp"

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
  const auto file = io::read_facts_file(json, "f.json", rules, diagnostics);
  CHECK_FALSE(file.has_value());
  return base::render_text(diagnostics, base::SourceSet{});
}

}  // namespace

TEST_CASE("the example facts file shows an established fact, a possible one with its hinges, and a why-not") {
  const auto rules = example_rules();
  base::Diagnostics diagnostics;
  const auto file =
      io::read_facts_file(read_text(CYBERNORMS_SOURCE_DIR "/examples/facts/facts.json"), "facts.json", rules, diagnostics);
  REQUIRE(file.has_value());
  const infer::Network network(rules);
  infer::Session session(network);
  io::load_facts(*file, session);
  REQUIRE_FALSE(session.evaluate().has_value());
  CHECK(io::render_derived_facts(session, 2) ==
        "attributed_to(op1, a): established\n"
        "attributed_to(op2, a): possible, if directed_by(hacktivists, a) is true\n"
        "non_infringement(a, b, op1): established\n"
        "non_infringement(a, c, op2): possible, if directed_by(hacktivists, a) is true and consent_given(op2, c) is false\n"
        "exception:consent(c, op2): possible, if consent_given(op2, c) is true\n");
  const auto goal = io::parse_goal("non_interference(a, b, op1)", "goal", rules, diagnostics);
  REQUIRE(goal.has_value());
  CHECK(io::render_why_not(session, *goal) ==
        "non_interference(a, b, op1) is not derived\n"
        "  nearest rule: non_interference.coercion\n"
        "  failed condition: act(Op, coercion)\n"
        "  bindings: State = a, Victim = b, Op = op1\n");
  const auto established = io::parse_goal("non_infringement(_, _, op1)", "goal", rules, diagnostics);
  CHECK(io::render_why_not(session, *established) == "non_infringement(a, b, op1) is established\n");
  CHECK_FALSE(diagnostics.has_errors());
}

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
  const auto goal = io::parse_goal(" act( op1 , _ ) ", "goal", rules, diagnostics);
  REQUIRE(goal.has_value());
  CHECK(goal->args == std::vector<std::optional<std::string>>{"op1", std::nullopt});
  CHECK_FALSE(io::parse_goal("act(op1)", "goal", rules, diagnostics).has_value());
  CHECK_FALSE(io::parse_goal("act op1", "goal", rules, diagnostics).has_value());
  CHECK_FALSE(io::parse_goal("acts(op1, x)", "goal", rules, diagnostics).has_value());
  CHECK_FALSE(io::parse_goal("act(op1, a b)", "goal", rules, diagnostics).has_value());
  CHECK(diagnostics.error_count() == 4);
  CHECK(diagnostics.all()[0].code == "E411");
  CHECK(diagnostics.all()[1].code == "E413");
  CHECK(diagnostics.all()[2].code == "E410");
}
