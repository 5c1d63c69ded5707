// Evaluator::grade and read_exercise: the scoring rules of docs/grading.md one by one,
// on bundled exercises, and the exercise reader's located errors.
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/exercise.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

struct Graded {
  Exercise exercise;
  std::string scenario;
};

Graded exercise_named(const std::string& id) {
  const auto path = project_dir / "exercises" / (id + ".json");
  ExerciseRead read = read_exercise(read_text(path), path.string());
  REQUIRE_MESSAGE(read.ok(), render_text(read.diagnostics, read.sources));
  return {*read.exercise, read_text(path.parent_path() / read.exercise->scenario)};
}

Grade grade_of(const std::string& id, const std::string& findings, bool reveal = false) {
  const Graded graded = exercise_named(id);
  Evaluator evaluator(project_rule_base());
  GradeOptions options;
  options.reveal = reveal;
  const std::string answer = R"({"exercise": ")" + id + R"(", "findings": [)" + findings + "]}";
  GradeEvaluation evaluation = evaluator.grade(graded.exercise, graded.scenario, "s.json", answer, "a.json", options);
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, evaluation.sources));
  return *evaluation.grade;
}

const std::string attribution = "10-trade-ministry-attribution-unknown";
const std::string roles10 = R"("roles": {"responsible": "borania", "injured": "arland", "operation": "ministry_intrusion"})";

std::string infringement(const std::string& rest) {
  return R"({"principle": "non_infringement", )" + roles10 + ", " + rest + "}";
}

const GradeItem& item_for(const Grade& grade, const std::string& principle) {
  for (const GradeItem& item : grade.items)
    if (item.principle == principle && item.answer) return item;
  FAIL("no answered item for " << principle);
  return grade.items.front();
}

}  // namespace

TEST_CASE("grade: a possible finding earns a point for its level and one for what it hinges on, by element or relation") {
  const auto points = [](const std::string& rest) {
    return item_for(grade_of(attribution, infringement(rest)), "non_infringement").points;
  };
  CHECK(points(R"("level": "possible", "hinges_on": ["attribution"])") == 2);
  CHECK(points(R"("level": "possible", "hinges_on": ["directed_by"])") == 2);  // a relation of the question's facts
  CHECK(points(R"("level": "possible", "hinges_on": ["attribution", "knowledge"])") == 1.5);  // and more besides
  CHECK(points(R"("level": "possible", "hinges_on": ["knowledge"])") == 1);
  CHECK(points(R"("level": "possible")") == 1);
  CHECK(points(R"("level": "implicated", "hinges_on": ["attribution"])") == 0);
  CHECK(points(R"("level": "not_implicated")") == 0);
  // non_interference hinges on two elements: one of them is half the hinge point.
  const Grade half = grade_of(attribution, R"({"principle": "non_interference", )" + roles10 +
                                               R"(, "level": "possible", "hinges_on": ["law"]})");
  const GradeItem& item = item_for(half, "non_interference");
  CHECK(item.points == 1.5);
  CHECK(item.max_points == 2);
  CHECK(item.verdict == Verdict::partly_correct);
  REQUIRE(item.hints.size() == 1);
  CHECK(item.hints.front().find("'attribution'") != std::string::npos);
}

TEST_CASE("grade: an implicated finding is worth 2 like a possible one: its level, and naming nothing open") {
  const std::string espionage = "01-espionage-foreign-ministry";
  const std::string finding =
      R"({"principle": "non_infringement", "roles": {"responsible": "arland", "injured": "borania", "operation": "cable_collection"}, )";
  const Grade right = grade_of(espionage, finding + R"("level": "implicated"})");
  CHECK(item_for(right, "non_infringement").points == 2);
  CHECK(item_for(right, "non_infringement").verdict == Verdict::correct);
  const Grade named_open = grade_of(espionage, finding + R"("level": "implicated", "hinges_on": ["consent"]})");
  CHECK(item_for(named_open, "non_infringement").points == 1);
  CHECK(item_for(named_open, "non_infringement").verdict == Verdict::partly_correct);
  CHECK(item_for(named_open, "non_infringement").feedback.find("nothing left open") != std::string::npos);
  // Unanswered, its maximum is a possible finding's: the maximum does not tell the level.
  const Grade empty = grade_of(espionage, "");
  REQUIRE(empty.items.size() == 1);
  CHECK(empty.items.front().max_points == 2);
  CHECK(grade_of(attribution, "").items.front().max_points == 2);
}

TEST_CASE("grade: max_score is the expected findings' points plus one per finding that is not there") {
  const Grade empty = grade_of(attribution, "");
  CHECK(empty.score == 0);
  CHECK(empty.max_score == 4);
  CHECK(empty.items.size() == 2);
  for (const GradeItem& item : empty.items) CHECK(item.verdict == Verdict::missed);
  const std::string swapped =
      R"({"principle": "non_infringement", "roles": {"responsible": "arland", "injured": "borania", "operation": "ministry_intrusion"}, )";
  const Grade guessed = grade_of(attribution, swapped + R"("level": "implicated"})");
  CHECK(guessed.max_score == 5);
  CHECK(guessed.items.back().verdict == Verdict::unexpected);
  CHECK(guessed.items.back().answer == std::size_t{0});
  CHECK_FALSE(guessed.items.back().hints.empty());
  // Saying it is not there is right, and free.
  const Grade declined = grade_of(attribution, swapped + R"("level": "not_implicated", "fails_on": ["attributed_to"]})");
  CHECK(declined.max_score == 4);
  CHECK(declined.items.back().verdict == Verdict::correct);
  CHECK(declined.items.back().feedback.find("you named what its nearest rule fails on") != std::string::npos);
}

TEST_CASE("grade: a pooled role is matched by its token or any candidate, and by nothing else") {
  const std::string id = "14-mail-server-location-pooled";
  const auto verdict_with = [&](const std::string& injured) {
    const Grade grade = grade_of(id, R"({"principle": "non_infringement", "roles": {"responsible": "aldoria", "injured": ")" +
                                         injured + R"(", "operation": "cable_theft"}, "level": "possible"})");
    return grade.items.front().answer ? grade.items.front().verdict : Verdict::missed;
  };
  CHECK(verdict_with("borvania") == Verdict::partly_correct);
  CHECK(verdict_with("cerat") == Verdict::partly_correct);
  CHECK(verdict_with("?asset_in(mail_server,_):borvania|cerat") == Verdict::partly_correct);
  CHECK(verdict_with("aldoria") == Verdict::missed);
}

TEST_CASE("grade: --reveal names the levels and sets expected, with the same points") {
  const std::string answer = infringement(R"("level": "implicated")");
  const Grade hidden = grade_of(attribution, answer);
  const Grade shown = grade_of(attribution, answer, true);
  CHECK(shown.score == hidden.score);
  CHECK(shown.revealed);
  const GradeItem& item = item_for(shown, "non_infringement");
  REQUIRE(item.expected.has_value());
  CHECK(item.expected->level == Level::possible);
  CHECK(item.expected->hinges_on == std::vector<std::string>{"attribution"});
  CHECK(item.feedback == "You gave implicated; the engine finds it possible, hinging on 'attribution'.");
  CHECK(item_for(hidden, "non_infringement").feedback == "The level you gave is not the one the engine finds.");
  CHECK_FALSE(item_for(hidden, "non_infringement").expected.has_value());
}

TEST_CASE("read_exercise: located errors for a malformed exercise; grade: E430 for names the rule base lacks") {
  const auto codes = [](const std::string& text) {
    const ExerciseRead read = read_exercise(text, "x.json");
    CHECK_FALSE(read.ok());
    std::vector<std::string> found;
    for (const Diagnostic& diagnostic : read.diagnostics.all()) found.push_back(diagnostic.code + " " + diagnostic.pointer);
    return found;
  };
  CHECK(codes("") == std::vector<std::string>{"E400 "});
  CHECK(codes("{") == std::vector<std::string>{"E400 "});
  const std::string good = R"("id": "x", "title": "t", "scenario": "s.json", "profiles": ["default"],
                              "question": "q", "goals": [], "points": [])";
  CHECK(codes("{" + good + R"(, "difficulty": "hardest"})") == std::vector<std::string>{"E402 /difficulty"});
  CHECK(codes("{" + good + R"(, "difficulty": 3})") == std::vector<std::string>{"E401 /difficulty"});
  CHECK(codes("{" + good + "}") == std::vector<std::string>{"E406 "});
  CHECK(codes("{" + good + R"(, "difficulty": "easy", "principles": [""]})") == std::vector<std::string>{"E402 /principles/0"});
  CHECK(codes("{" + good + R"(, "difficulty": "easy", "principles": ["use_of_force", "use_of_force"]})") ==
        std::vector<std::string>{"E405 /principles/1"});
  const ExerciseRead read = read_exercise("{" + good + R"(, "difficulty": "easy", "hint": "x"})", "x.json");
  REQUIRE(read.diagnostics.all().size() == 1);
  CHECK(read.diagnostics.all().front().message == "unknown key \"hint\" in an exercise; expected one of id, title, difficulty, scenario, profiles, principles, question, goals, points");
  // Valid in form, but naming a profile the rule base lacks.
  ExerciseRead valid = read_exercise("{" + good + R"(, "difficulty": "easy"})", "x.json");
  REQUIRE(valid.ok());
  valid.exercise->profiles = {"tallin_majority"};
  Evaluator evaluator(project_rule_base());
  const ModelAnswer model = evaluator.model_answer(*valid.exercise, read_text(project_dir / "scenarios" / "attribution_unknown.json"), "s.json");
  REQUIRE_FALSE(model.ok());
  REQUIRE(model.diagnostics.all().size() == 1);
  CHECK(model.diagnostics.all().front().pointer == "/profiles/0");
  CHECK(model.diagnostics.all().front().message == "no profile \"tallin_majority\" in the rule base (did you mean \"tallinn_majority\"?)");
}
