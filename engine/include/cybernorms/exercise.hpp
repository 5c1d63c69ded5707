// Exercises and grading: an exercise file (exercises/NN-slug.json) puts a question about
// a scenario to a student, and a student's answer (docs/answer.schema.json) is compared
// with what the engine finds (docs/grading.md). Values and their readers here; grading
// itself is Evaluator::grade (cybernorms.hpp). Part of the public API; includes no
// internal header.
#pragma once
#include <cybernorms/diagnostics.hpp>
#include <cybernorms/format.hpp>
#include <cybernorms/input.hpp>
#include <cybernorms/report.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cybernorms {

/// One exercise, as its file gives it (docs/grading.md, "Exercise files").
struct Exercise {
  std::string id;          ///< equals the file's stem
  std::string title;
  std::string difficulty;  ///< easy, medium or hard
  std::string scenario;    ///< the scenario's path, relative to the exercise file
  std::string question;
  std::vector<std::string> profiles;    ///< one, or more for a comparison exercise
  std::vector<std::string> principles;  ///< the principles graded; empty: every principle
  std::vector<std::string> goals;
  std::vector<std::string> points;
  /// The name of the document it was read from, which diagnostics about it point into
  /// (`01-slug.json:/profiles/0: ...`).
  std::string document;
};

/// An exercise file read: `exercise` set when it is valid; otherwise `diagnostics`
/// (JSON pointers into the document: E400 not JSON, E401 wrong type, E402 value not
/// allowed, E403 unknown key, E406 missing key, E407 too large, E408 duplicate key).
struct ExerciseRead {
  Diagnostics diagnostics;
  SourceSet sources;
  std::optional<Exercise> exercise;
  bool ok() const { return exercise.has_value(); }
};

/// Reads and checks an exercise file's text (its form only: whether its profiles and
/// principles exist is checked against a rule base when it is graded, E430).
ExerciseRead read_exercise(std::string_view json_text, const std::string& name,
                           std::size_t max_bytes = cybernorms::max_input_bytes);

struct GradeOptions {
  /// Feedback names the expected level and each item carries `expected`: a teacher's view.
  bool reveal = false;
  std::size_t max_input_bytes = cybernorms::max_input_bytes;
};

/// How one item of an answer fared.
enum class Verdict : std::uint8_t {
  correct,         ///< level right and, for a possible finding, all it hinges on named
  partly_correct,  ///< level right, what it hinges on named in part or not at all
  wrong,           ///< named, with another level
  missed,          ///< the engine finds it; the answer does not name it
  unexpected,      ///< named as implicated or possible; the engine does not find it
};

constexpr std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::correct: return "correct";
    case Verdict::partly_correct: return "partly_correct";
    case Verdict::wrong: return "wrong";
    case Verdict::missed: return "missed";
    case Verdict::unexpected: return "unexpected";
  }
  return "?";
}

/// What the engine finds for an item: shown only when grading reveals it.
struct GradeExpectation {
  Level level = Level::not_implicated;
  /// For a possible finding: the elements (question elements) it hinges on, in order.
  std::vector<std::string> hinges_on;
  /// For a finding not there: what the nearest rule fails on (relation or parameter).
  std::vector<std::string> fails_on;
};

/// One graded item: an expected finding, or a finding the answer names that the engine
/// does not find.
struct GradeItem {
  std::string profile;
  std::string principle;
  std::vector<std::pair<std::string, std::string>> roles;  ///< by role, in the principle's order
  Verdict verdict = Verdict::missed;
  double points = 0;      ///< whole or half points
  double max_points = 0;
  std::string feedback;   ///< in words; names no expected level unless revealed
  std::vector<std::string> hints;  ///< the facts and elements that matter; no expected level unless revealed
  /// The answer's finding graded here, by index into its `findings`; none for a missed one.
  std::optional<std::size_t> answer;
  std::optional<Level> answered;  ///< the level the answer gave
  std::optional<GradeExpectation> expected;  ///< set only when revealed
};

/// An answer graded (docs/grading.md).
struct Grade {
  std::string exercise;
  std::string title;
  double score = 0;
  double max_score = 0;
  std::string summary;  ///< "6.5 of 10 points: 2 correct, 1 partly correct, ..."
  std::vector<GradeItem> items;
  bool revealed = false;
};

/// A graded answer, or why it could not be graded: diagnostics pointing into the answer
/// (E4xx with JSON pointers; E431-E433 docs/diagnostics.md), the exercise (E430) or the
/// scenario (its own). `sources` holds the texts diagnostics with lines point into.
struct GradeEvaluation {
  Diagnostics diagnostics;
  SourceSet sources;
  std::optional<Grade> grade;
  bool ok() const { return grade.has_value(); }
};

/// The answer that scores full marks (a teacher's key), as answer JSON text, or why
/// there is none (the exercise or its scenario is invalid).
struct ModelAnswer {
  Diagnostics diagnostics;
  SourceSet sources;
  std::optional<std::string> answer;
  bool ok() const { return answer.has_value(); }
};

/// A grade as text (wrapped to `options.width`) or as one JSON object (`options.format`,
/// `options.json_layout`; docs/grading.md, "JSON"); other formats give text.
std::string render_grade(const Grade& grade, const RenderOptions& options);

}  // namespace cybernorms
