// Exercise files read and checked for their form (cybernorms/exercise.hpp).
#include <cybernorms/exercise.hpp>

#include "api/json_fields.hpp"
#include "scenario/json_input.hpp"

#include <algorithm>
#include <array>

namespace cybernorms {

namespace {

using nlohmann::json;
using scenario::child_pointer;

const std::vector<std::string> exercise_keys{"id",       "title",      "difficulty", "scenario", "profiles",
                                             "principles", "question", "goals",      "points"};
const std::vector<std::string> required_exercise_keys{"id",       "title",    "difficulty", "scenario",
                                                      "profiles", "question", "goals",      "points"};
const std::vector<std::string> difficulties{"easy", "medium", "hard"};

/// A list that must hold at least one string, each non-empty.
std::vector<std::string> non_empty_strings(const api::JsonDocument& document, const json& root, std::string_view key,
                                           bool required) {
  auto strings = api::strings_field(document, root, "", key);
  if (!strings) return {};
  if (required && strings->empty())
    document.diagnostics.pointer_error("E402", document.name, child_pointer("", key), "expected at least one value, got []");
  for (std::size_t i = 0; i < strings->size(); ++i) {
    if ((*strings)[i].empty())
      document.diagnostics.pointer_error("E402", document.name, child_pointer(child_pointer("", key), i),
                                         "expected a non-empty string, got \"\"");
    if (!required && key != "principles") continue;  // goals and points may repeat themselves
    const auto first = std::find(strings->begin(), strings->begin() + static_cast<std::ptrdiff_t>(i), (*strings)[i]);
    if (first != strings->begin() + static_cast<std::ptrdiff_t>(i))
      document.diagnostics.pointer_error("E405", document.name, child_pointer(child_pointer("", key), i),
                                         "duplicate \"{}\" (first at {})", (*strings)[i],
                                         child_pointer(child_pointer("", key), static_cast<std::size_t>(first - strings->begin())));
  }
  return *strings;
}

}  // namespace

ExerciseRead read_exercise(std::string_view json_text, const std::string& name, std::size_t max_bytes) {
  ExerciseRead read;
  scenario::JsonLimits limits;
  limits.max_bytes = std::min(max_bytes, max_settable_input_bytes);
  const auto root = scenario::read_json(json_text, name, limits, read.diagnostics);
  if (!root || read.diagnostics.has_errors()) return read;
  const api::JsonDocument document{name, read.diagnostics};
  if (!api::check_object(document, *root, "", "in an exercise", exercise_keys, required_exercise_keys)) return read;
  Exercise exercise;
  exercise.document = name;
  const std::array<std::pair<std::string_view, std::string*>, 5> texts{{{"id", &exercise.id},
                                                                        {"title", &exercise.title},
                                                                        {"difficulty", &exercise.difficulty},
                                                                        {"scenario", &exercise.scenario},
                                                                        {"question", &exercise.question}}};
  for (const auto& [key, target] : texts) {
    if (auto text = api::string_field(document, *root, "", key)) {
      if (text->empty())
        read.diagnostics.pointer_error("E402", name, child_pointer("", key), "expected a non-empty string, got \"\"");
      *target = std::move(*text);
    }
  }
  if (!exercise.difficulty.empty() &&
      std::find(difficulties.begin(), difficulties.end(), exercise.difficulty) == difficulties.end()) {
    read.diagnostics.pointer_error("E402", name, "/difficulty", "expected one of easy, medium, hard, got {}{}",
                                   scenario::shown(exercise.difficulty),
                                   api::suggestion(exercise.difficulty, difficulties));
  }
  exercise.profiles = non_empty_strings(document, *root, "profiles", true);
  exercise.principles = non_empty_strings(document, *root, "principles", false);
  exercise.goals = non_empty_strings(document, *root, "goals", false);
  exercise.points = non_empty_strings(document, *root, "points", false);
  if (read.diagnostics.has_errors()) return read;
  read.exercise = std::move(exercise);
  return read;
}

}  // namespace cybernorms
