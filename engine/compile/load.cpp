#include "compile/load.hpp"

#include "dsl/parse.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <unordered_set>

namespace cybernorms::compile {

namespace fs = std::filesystem;

namespace {

/// A file being loaded: its canonical path (for identity) and its name for messages.
struct Open {
  std::string canonical;
  std::string name;
};

std::string canonical_of(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  if (error) canonical = fs::absolute(path, error).lexically_normal();
  return canonical.generic_string();
}

/// At most `limit` + 1 bytes: enough for the parser to refuse an oversized file.
/// Reads in chunks, so a small file costs its size, not the limit.
std::string read_text(const fs::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  std::array<char, 64 * 1024> chunk{};
  while (in && text.size() <= limit) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount()));
    text.append(chunk.data(), std::min(got, limit + 1 - text.size()));
  }
  return text;
}

bool is_rule_file(const fs::directory_entry& entry) {
  std::error_code error;
  return entry.is_regular_file(error) && entry.path().extension() == ".cnr";
}

class Loader {
 public:
  Loader(base::SourceSet& sources, base::Diagnostics& diagnostics) : sources_(sources), diagnostics_(diagnostics) {}

  void load_path(const fs::path& path);
  std::vector<dsl::ast::RuleFile> take() { return std::move(files_); }

 private:
  void load_folder(const fs::path& folder);
  void load_file(const fs::path& path, const dsl::ast::Include* include);
  bool is_cycle(const std::string& canonical, const fs::path& path, const dsl::ast::Include& include);
  void load_includes(const fs::path& path, std::size_t index);

  base::SourceSet& sources_;
  base::Diagnostics& diagnostics_;
  std::vector<dsl::ast::RuleFile> files_;
  std::unordered_set<std::string> loaded_;
  std::vector<Open> open_;
  dsl::ParseLimits limits_;
};

void Loader::load_path(const fs::path& path) {
  std::error_code error;
  if (fs::is_directory(path, error)) {
    load_folder(path);
  } else if (fs::is_regular_file(path, error)) {
    load_file(path, nullptr);
  } else {
    diagnostics_.error("E221", base::Span{}, "no rule file or folder '{}'", path.generic_string());
  }
}

void Loader::load_folder(const fs::path& folder) {
  std::vector<fs::path> found;
  std::error_code error;
  fs::recursive_directory_iterator entries(folder, fs::directory_options::skip_permission_denied, error);
  for (; !error && entries != fs::recursive_directory_iterator(); entries.increment(error)) {
    if (is_rule_file(*entries)) found.push_back(entries->path());
  }
  std::sort(found.begin(), found.end(),
            [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  for (const fs::path& path : found) load_file(path, nullptr);
}

bool Loader::is_cycle(const std::string& canonical, const fs::path& path, const dsl::ast::Include& include) {
  const auto open = std::find_if(open_.begin(), open_.end(), [&](const Open& o) { return o.canonical == canonical; });
  if (open == open_.end()) return false;
  // Named relative to the file whose include closes the cycle, as its author would write them.
  const fs::path here = fs::path(open_.back().name).parent_path();
  const auto shown = [&](const std::string& name) {
    const std::string relative = fs::path(name).lexically_relative(here).generic_string();
    return relative.empty() ? name : relative;
  };
  std::string cycle;
  for (auto it = open; it != open_.end(); ++it) cycle += shown(it->name) + " -> ";
  cycle += shown(path.generic_string());
  diagnostics_.error("E220", include.span, "include cycle: {}", cycle);
  return true;
}

void Loader::load_file(const fs::path& path, const dsl::ast::Include* include) {
  const std::string canonical = canonical_of(path);
  if (include != nullptr && is_cycle(canonical, path, *include)) return;
  if (loaded_.count(canonical) > 0) return;
  std::error_code error;
  if (include != nullptr && !fs::is_regular_file(path, error)) {
    auto& added = diagnostics_.error("E221", include->span, "included file '{}' not found", include->path);
    added.notes.push_back(fmt::format("looked for {}", path.generic_string()));
    return;
  }
  if (open_.size() >= max_include_depth) {
    diagnostics_.error("E222", include->span, "includes nested more than {} deep", max_include_depth);
    return;
  }
  loaded_.insert(canonical);
  const base::FileId id = sources_.add(path.generic_string(), read_text(path, limits_.max_file_bytes));
  files_.push_back(dsl::parse(sources_, id, diagnostics_, limits_));
  open_.push_back(Open{canonical, path.generic_string()});
  load_includes(path, files_.size() - 1);
  open_.pop_back();
}

void Loader::load_includes(const fs::path& path, std::size_t index) {
  std::vector<dsl::ast::Include> includes;
  for (const dsl::ast::Item& item : files_[index].items) {
    if (const auto* include = boost::get<dsl::ast::Include>(&item.get())) includes.push_back(*include);
  }
  for (const dsl::ast::Include& include : includes) {
    load_file((path.parent_path() / include.path).lexically_normal(), &include);
  }
}

}  // namespace

std::vector<dsl::ast::RuleFile> load_rule_files(const std::vector<fs::path>& paths, base::SourceSet& sources,
                                                base::Diagnostics& diagnostics) {
  Loader loader(sources, diagnostics);
  for (const fs::path& path : paths) loader.load_path(path);
  return loader.take();
}

}  // namespace cybernorms::compile
