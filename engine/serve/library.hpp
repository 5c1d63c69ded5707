// What `cybernorms serve` may read, read once at start: the scenarios of one folder (and,
// for exercises, the scenarios they name inside the folders given). Requests name a file
// by its id only, which is looked up here; no path from a request is ever opened.
#pragma once
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/exercise.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::serve {

/// A bundled scenario: its id (the file's stem), its title (the scenario's "title", else
/// the id) and its text as it is on disk.
struct ScenarioFile {
  std::string id;
  std::string title;
  std::string text;
};

/// An exercise with the scenario it is about, read at start.
struct ExerciseFile {
  Exercise exercise;
  std::string scenario_id;  ///< the stem of the scenario's file
  std::string scenario_text;
};

/// The files the server serves, in the order of their ids.
struct Library {
  std::vector<ScenarioFile> scenarios;
  std::vector<ExerciseFile> exercises;

  const ScenarioFile* scenario(std::string_view id) const;
  const ExerciseFile* exercise(std::string_view id) const;
};

/// Reads every `*.json` directly in `folder` (not `*.expected.*`), sorted by id, each up to
/// `max_bytes`. A folder that does not exist gives no scenarios; each file that cannot be
/// read, is too large or is not a JSON object is left out with a line in `warnings`.
std::vector<ScenarioFile> read_scenario_folder(const std::filesystem::path& folder, std::size_t max_bytes,
                                               std::vector<std::string>& warnings);

/// Reads every exercise (`*.json`) directly in `folder`, sorted by id, with the scenario
/// each names (relative to the exercise file), which must lie inside one of `allowed`
/// (the folders the server was started with). A folder that does not exist gives none;
/// an exercise that is invalid, names a scenario outside those folders or one that
/// cannot be read, or repeats an id, is left out with a line in `warnings`.
std::vector<ExerciseFile> read_exercise_folder(const std::filesystem::path& folder,
                                               const std::vector<std::filesystem::path>& allowed,
                                               std::size_t max_bytes, std::vector<std::string>& warnings);

/// Whether `path` (made absolute and normal, links resolved as far as they exist) lies
/// inside `folder` (likewise), so that a file named by another file cannot lead out of the
/// folders the server was started with.
bool inside_folder(const std::filesystem::path& path, const std::filesystem::path& folder);

}  // namespace cybernorms::serve
