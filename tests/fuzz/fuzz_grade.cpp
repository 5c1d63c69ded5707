// An answer's text -> graded against two bundled exercises (one with open attribution and
// law, one with a pooled role). Properties: a grade exactly when there is no error, and
// errors always located (a JSON pointer); points whole or half, each item within its
// maximum, the score their sum; no hint or feedback names a level; the JSON grade is JSON.
#include "fuzz_target.hpp"

#include <cybernorms/exercise.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

using namespace cybernorms;

namespace {

struct Graded {
  Exercise exercise;
  std::string scenario;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Graded load(const std::string& id) {
  const std::string dir = std::string(CYBERNORMS_SOURCE_DIR) + "/exercises/";
  ExerciseRead read = read_exercise(read_file(dir + id + ".json"), id + ".json");
  fuzz::require(read.ok(), "the bundled exercise reads");
  return Graded{*read.exercise, read_file(dir + read.exercise->scenario)};
}

bool names_a_level(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* word : {"implicated", "possible", "涉及"})
    if (text.find(word) != std::string::npos) return true;
  return false;
}

bool whole_or_half(double points) { return std::floor(points * 2) == points * 2 && points >= 0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Evaluator evaluator(fuzz::bundled_rule_base());
  static const std::vector<Graded> exercises{load("10-trade-ministry-attribution-unknown"),
                                             load("14-mail-server-location-pooled")};
  const std::string_view text = fuzz::as_text(data, size);
  for (const Graded& graded : exercises) {
    // An answer naming the first exercise is graded as if it named each.
    std::string answer(text);
    for (std::size_t at = answer.find(exercises[0].exercise.id); at != std::string::npos;
         at = answer.find(exercises[0].exercise.id, at + graded.exercise.id.size()))
      answer.replace(at, exercises[0].exercise.id.size(), graded.exercise.id);
    const GradeEvaluation evaluation = evaluator.grade(graded.exercise, graded.scenario, "s.json", answer, "a.json");
    fuzz::require(evaluation.ok() != evaluation.diagnostics.has_errors(), "a grade exactly when there is no error");
    for (const Diagnostic& diagnostic : evaluation.diagnostics.all())
      fuzz::require(diagnostic.document == "a.json", "every error points into the answer");
    if (!evaluation.ok()) continue;
    const Grade& grade = *evaluation.grade;
    double sum = 0;
    for (const GradeItem& item : grade.items) {
      fuzz::require(whole_or_half(item.points) && whole_or_half(item.max_points), "points are whole or half");
      fuzz::require(item.points <= item.max_points, "no item scores above its maximum");
      fuzz::require(!names_a_level(item.feedback), "feedback names no level");
      for (const std::string& hint : item.hints) fuzz::require(!names_a_level(hint), "hints name no level");
      sum += item.points;
    }
    fuzz::require(sum == grade.score && grade.score <= grade.max_score, "the score is the items' points");
    const auto json = nlohmann::json::parse(render_grade(grade, {Format::json}), nullptr, false);
    fuzz::require(json.is_object() && json.contains("items"), "the JSON grade is a JSON object");
    fuzz::require(!render_grade(grade, {}).empty(), "the text grade renders");
  }
  return 0;
}
