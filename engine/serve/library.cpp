#include "serve/library.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <system_error>

namespace cybernorms::serve {

namespace fs = std::filesystem;

const ScenarioFile* Library::scenario(std::string_view id) const {
  const auto found = std::lower_bound(scenarios.begin(), scenarios.end(), id,
                                      [](const ScenarioFile& file, std::string_view key) { return file.id < key; });
  return found != scenarios.end() && found->id == id ? &*found : nullptr;
}

namespace {

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
  std::error_code error;
  if (!fs::is_directory(folder, error)) return files;
  std::vector<fs::path> paths;
  for (fs::directory_iterator entry(folder, error), end; !error && entry != end; entry.increment(error)) {
    const fs::path& path = entry->path();
    const std::string name = path.filename().string();
    if (path.extension() != ".json" || name.find(".expected.") != std::string::npos) continue;
    paths.push_back(path);
  }
  if (error) warnings.push_back("cannot list " + folder.string() + ": " + error.message());
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    const InputText input = read_regular_file(path, max_bytes);
    if (input.status == ReadStatus::too_large) {
      warnings.push_back(path.string() + ": larger than " + std::to_string(max_bytes) + " bytes, left out");
      continue;
    }
    if (input.status != ReadStatus::ok) {
      warnings.push_back(path.string() + ": " + (input.problem.empty() ? "cannot be read" : input.problem) +
                         ", left out");
      continue;
    }
    const std::string id = path.stem().string();
    std::optional<std::string> title = scenario_title(input.text, id);
    if (!title) {
      warnings.push_back(path.string() + ": not a JSON object, left out");
      continue;
    }
    files.push_back(ScenarioFile{id, std::move(*title), input.text});
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
