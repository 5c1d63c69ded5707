#include "serve/library.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <system_error>

namespace cybernorms::serve {

namespace fs = std::filesystem;

const ScenarioFile* Library::scenario(std::string_view id) const {
  const auto found = std::lower_bound(scenarios.begin(), scenarios.end(), id,
                                      [](const ScenarioFile& file, std::string_view key) { return file.id < key; });
  return found != scenarios.end() && found->id == id ? &*found : nullptr;
}

const ExerciseFile* Library::exercise(std::string_view id) const {
  const auto found = std::lower_bound(exercises.begin(), exercises.end(), id,
                                      [](const ExerciseFile& file, std::string_view key) { return file.exercise.id < key; });
  return found != exercises.end() && found->exercise.id == id ? &*found : nullptr;
}

namespace {

/// The `*.json` files directly in `folder` but `*.expected.*`, sorted; none when it is
/// not a folder.
std::vector<fs::path> json_files(const fs::path& folder, std::vector<std::string>& warnings) {
  std::vector<fs::path> paths;
  std::error_code error;
  if (!fs::is_directory(folder, error)) return paths;
  for (fs::directory_iterator entry(folder, error), end; !error && entry != end; entry.increment(error)) {
    const fs::path& path = entry->path();
    const std::string name = path.filename().string();
    if (path.extension() != ".json" || name.find(".expected.") != std::string::npos) continue;
    paths.push_back(path);
  }
  if (error) warnings.push_back("cannot list " + folder.string() + ": " + error.message());
  std::sort(paths.begin(), paths.end());
  return paths;
}

/// The file's text, or nullopt with a warning saying why it is left out.
std::optional<std::string> read_text(const fs::path& path, std::size_t max_bytes, std::vector<std::string>& warnings) {
  const InputText input = read_regular_file(path, max_bytes);
  if (input.status == ReadStatus::too_large) {
    warnings.push_back(path.string() + ": larger than " + std::to_string(max_bytes) + " bytes, left out");
    return std::nullopt;
  }
  if (input.status != ReadStatus::ok) {
    warnings.push_back(path.string() + ": " + (input.problem.empty() ? "cannot be read" : input.problem) +
                       ", left out");
    return std::nullopt;
  }
  return input.text;
}

/// The scenario's "title" when it is a JSON object with a string one, else its id;
/// nullopt when the text is not a JSON object.
std::optional<std::string> scenario_title(const std::string& text, const std::string& id) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_object()) return std::nullopt;
  const auto title = document.find("title");
  if (title != document.end() && title->is_string()) return title->get<std::string>();
  return id;
}

}  // namespace

std::vector<ScenarioFile> read_scenario_folder(const fs::path& folder, std::size_t max_bytes,
                                               std::vector<std::string>& warnings) {
  std::vector<ScenarioFile> files;
  for (const fs::path& path : json_files(folder, warnings)) {
    std::optional<std::string> text = read_text(path, max_bytes, warnings);
    if (!text) continue;
    const std::string id = path.stem().string();
    std::optional<std::string> title = scenario_title(*text, id);
    if (!title) {
      warnings.push_back(path.string() + ": not a JSON object, left out");
      continue;
    }
    files.push_back(ScenarioFile{id, std::move(*title), std::move(*text)});
  }
  // By id, as Library::scenario looks them up: file names sort otherwise when a name
  // has a character before '.' ("eu-x.json" before "eu.json", but "eu" before "eu-x").
  std::sort(files.begin(), files.end(), [](const ScenarioFile& a, const ScenarioFile& b) { return a.id < b.id; });
  return files;
}

std::vector<ExerciseFile> read_exercise_folder(const fs::path& folder, const std::vector<fs::path>& allowed,
                                               std::size_t max_bytes, std::vector<std::string>& warnings) {
  std::vector<ExerciseFile> files;
  for (const fs::path& path : json_files(folder, warnings)) {
    std::optional<std::string> text = read_text(path, max_bytes, warnings);
    if (!text) continue;
    ExerciseRead read = read_exercise(*text, path.string(), max_bytes);
    if (!read.ok()) {
      std::string problems = render_diagnostics(read.diagnostics, read.sources, {Format::text});
      while (!problems.empty() && problems.back() == '\n') problems.pop_back();
      warnings.push_back(path.string() + ": not a valid exercise, left out:\n" + problems);
      continue;
    }
    const fs::path scenario = path.parent_path() / read.exercise->scenario;
    if (std::none_of(allowed.begin(), allowed.end(), [&](const fs::path& root) { return inside_folder(scenario, root); })) {
      warnings.push_back(path.string() + ": its scenario " + read.exercise->scenario +
                         " is outside the folders given (--scenarios, --exercises), left out");
      continue;
    }
    std::optional<std::string> scenario_text = read_text(scenario, max_bytes, warnings);
    if (!scenario_text) {
      warnings.push_back(path.string() + ": its scenario " + read.exercise->scenario + " cannot be read, left out");
      continue;
    }
    files.push_back(ExerciseFile{std::move(*read.exercise), scenario.stem().string(), std::move(*scenario_text)});
  }
  std::stable_sort(files.begin(), files.end(),
                   [](const ExerciseFile& a, const ExerciseFile& b) { return a.exercise.id < b.exercise.id; });
  const auto repeated = std::adjacent_find(files.begin(), files.end(), [](const ExerciseFile& a, const ExerciseFile& b) {
    return a.exercise.id == b.exercise.id;
  });
  if (repeated != files.end()) {
    // Ids name exercises in requests: keep the first of each.
    std::vector<ExerciseFile> unique;
    for (ExerciseFile& file : files) {
      if (!unique.empty() && unique.back().exercise.id == file.exercise.id) {
        warnings.push_back(file.exercise.document + ": repeats the id " + file.exercise.id + ", left out");
        continue;
      }
      unique.push_back(std::move(file));
    }
    files = std::move(unique);
  }
  return files;
}

bool inside_folder(const fs::path& path, const fs::path& folder) {
  std::error_code error;
  const fs::path file = fs::weakly_canonical(fs::absolute(path, error), error);
  if (error) return false;
  const fs::path root = fs::weakly_canonical(fs::absolute(folder, error), error);
  if (error) return false;
  const auto [root_end, file_at] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return root_end == root.end() && file_at != file.end();
}

}  // namespace cybernorms::serve
