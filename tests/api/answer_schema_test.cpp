// docs/answer.schema.json against the answers the project keeps and makes: every golden
// answer (tests/golden/grade/*/*.answer.json) and the model answer of every exercise
// follow it, every key it lists occurs in one of them, and answers it refuses are refused
// by the grader too, with a located error.
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/exercise.hpp>

#include "project_fixtures.hpp"
#include "schema_validator.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace cybernorms;
using namespace cybernorms::api_test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

SchemaValidator load_answer_schema() {
  return SchemaValidator(json::parse(read_text(project_dir / "docs" / "answer.schema.json")));
}

std::string joined(const std::vector<std::string>& errors) {
  std::string all;
  for (const std::string& error : errors) all += error + "\n";
  return all;
}

std::vector<fs::path> exercise_files() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(project_dir / "exercises"))
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

Exercise exercise_at(const fs::path& path) {
  ExerciseRead read = read_exercise(read_text(path), path.string());
  REQUIRE_MESSAGE(read.ok(), render_text(read.diagnostics, read.sources));
  return *read.exercise;
}

}  // namespace

TEST_CASE("every golden answer and every model answer follows docs/answer.schema.json, which lists no key they lack") {
  SchemaValidator schema = load_answer_schema();
  Evaluator evaluator(project_rule_base());
  std::size_t answers = 0;
  for (const fs::path& path : exercise_files()) {
    CAPTURE(path.string());
    const Exercise exercise = exercise_at(path);
    const std::string scenario = read_text(path.parent_path() / exercise.scenario);
    const ModelAnswer model = evaluator.model_answer(exercise, scenario, exercise.scenario);
    REQUIRE_MESSAGE(model.ok(), render_text(model.diagnostics, model.sources));
    const auto errors = schema.validate(json::parse(*model.answer));
    CHECK_MESSAGE(errors.empty(), joined(errors));
    // Grading the model answer gives full marks.
    const GradeEvaluation graded = evaluator.grade(exercise, scenario, exercise.scenario, *model.answer, "model");
    REQUIRE_MESSAGE(graded.ok(), render_text(graded.diagnostics, graded.sources));
    CHECK(graded.grade->score == graded.grade->max_score);
    ++answers;
  }
  const fs::path golden = project_dir / "tests" / "golden" / "grade";
  for (const auto& folder : fs::directory_iterator(golden)) {
    if (!folder.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(folder.path())) {
      if (!file.path().filename().string().ends_with(".answer.json")) continue;
      CAPTURE(file.path().string());
      const auto errors = schema.validate(json::parse(read_text(file.path())));
      CHECK_MESSAGE(errors.empty(), joined(errors));
      ++answers;
    }
  }
  CHECK(answers >= 4 * exercise_files().size());
  std::vector<std::string> uncovered;
  for (const std::string& listed : schema.listed_properties())
    if (!schema.covered().contains(listed)) uncovered.push_back(listed);
  CHECK_MESSAGE(uncovered.empty(), "keys the schema lists that no answer has:\n" << joined(uncovered));
}

TEST_CASE("an answer the schema refuses, the grader refuses with a located error") {
  SchemaValidator schema = load_answer_schema();
  Evaluator evaluator(project_rule_base());
  const fs::path path = project_dir / "exercises" / "10-trade-ministry-attribution-unknown.json";
  const Exercise exercise = exercise_at(path);
  const std::string scenario = read_text(path.parent_path() / exercise.scenario);
  const std::string roles = R"("roles": {"responsible": "borania", "injured": "arland", "operation": "ministry_intrusion"})";
  const std::string id = R"("exercise": "10-trade-ministry-attribution-unknown")";
  struct Refused {
    std::string answer;
    std::string code;
    std::string pointer;
  };
  const std::vector<Refused> refused{
      {"{" + id + "}", "E406", ""},
      {R"({"findings": []})", "E406", ""},
      {"{" + id + R"(, "findings": {}})", "E401", "/findings"},
      {"{" + id + R"(, "findings": [], "extra": true})", "E403", "/extra"},
      {"{" + id + R"(, "findings": [{"principle": "non_infringement", )" + roles + "}]}", "E406", "/findings/0"},
      {"{" + id + R"(, "findings": [{"principle": "non_infringement", )" + roles + R"(, "level": "likely"}]})", "E402",
       "/findings/0/level"},
      {"{" + id + R"(, "findings": [{"principle": "non_infringement", )" + roles +
           R"(, "level": "possible", "hinges_on": "attribution"}]})",
       "E401", "/findings/0/hinges_on"},
      {"{" + id + R"(, "findings": [{"principle": "non_infringement", "roles": {"responsible": 3}, "level": "possible"}]})",
       "E401", "/findings/0/roles/responsible"},
      {"{" + id + R"(, "findings": [{"principle": "non_infringement", )" + roles + R"(, "level": "possible", "why": 1}]})",
       "E403", "/findings/0/why"},
  };
  for (const Refused& one : refused) {
    CAPTURE(one.answer);
    CHECK_FALSE(schema.validate(json::parse(one.answer)).empty());
    const GradeEvaluation graded = evaluator.grade(exercise, scenario, exercise.scenario, one.answer, "a.json");
    REQUIRE_FALSE(graded.ok());
    const auto& all = graded.diagnostics.all();
    CHECK_MESSAGE(std::any_of(all.begin(), all.end(),
                              [&](const Diagnostic& d) { return d.code == one.code && d.pointer == one.pointer; }),
                  render_text(graded.diagnostics, graded.sources));
  }
}
