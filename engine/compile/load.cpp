#include "compile/load.hpp"

#include "dsl/parse.hpp"

#include <cybernorms/input.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
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

bool is_rule_file(const fs::directory_entry& entry) {
  std::error_code error;
  return entry.is_regular_file(error) && entry.path().extension() == ".cnr";
}

/// Where a symlink in a rule folder leads back to when it is a loop: a chain of links
/// that never ends (`a -> b -> a`), or a link to a folder that holds it (`sub/up -> ..`),
/// which the folder walk does not follow and would never finish if it did.
std::optional<std::string> symlink_loop(const fs::directory_entry& entry) {
  std::error_code error;
  if (!entry.is_symlink(error)) return std::nullopt;
  const fs::file_status status = fs::status(entry.path(), error);
  if (error == std::errc::too_many_symbolic_link_levels) return std::string("itself");
  if (error || !fs::is_directory(status)) return std::nullopt;
  const fs::path target = fs::canonical(entry.path(), error);
  if (error) return std::nullopt;
  const fs::path holder = fs::canonical(entry.path().parent_path(), error);
  if (error) return std::nullopt;
  // The target holds the link when its path is a leading part of the link's folder.
  if (std::mismatch(target.begin(), target.end(), holder.begin(), holder.end()).first != target.end()) {
    return std::nullopt;
  }
  return fmt::format("'{}', a folder that holds it", target.generic_string());
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
  bool is_rule_file_path(const fs::path& path, const dsl::ast::Include& include);
  void note_folder_entry(const fs::directory_entry& entry, std::vector<fs::path>& found);

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
  } else if (const auto kind = non_file_kind(path)) {
    diagnostics_.error("E223", base::Span{}, "'{}' is {}, not a rule file or folder", path.generic_string(), *kind);
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
    note_folder_entry(*entries, found);
  }
  std::sort(found.begin(), found.end(),
            [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  for (const fs::path& path : found) load_file(path, nullptr);
}

/// A rule file is collected; a symlink loop is reported (W006) rather than skipped
/// without a word, since the author may expect the files it was meant to reach.
void Loader::note_folder_entry(const fs::directory_entry& entry, std::vector<fs::path>& found) {
  if (is_rule_file(entry)) {
    found.push_back(entry.path());
  } else if (const auto loop = symlink_loop(entry)) {
    diagnostics_.warning("W006", base::Span{}, "symlink loop skipped: '{}' leads back to {}",
                         entry.path().generic_string(), *loop);
  }
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
  if (include != nullptr && !is_rule_file_path(path, *include)) return;
  if (open_.size() >= max_include_depth) {
    diagnostics_.error("E222", include->span, "includes nested more than {} deep", max_include_depth);
    return;
  }
  loaded_.insert(canonical);
  // At most the limit + 1 bytes are read, enough for the parser to refuse the file (E100).
  InputText read = read_regular_file(path, limits_.max_file_bytes);
  if (read.status != ReadStatus::ok && read.status != ReadStatus::too_large) {
    diagnostics_.error("E224", include != nullptr ? include->span : base::Span{}, "rule file '{}' {}",
                       path.generic_string(), read.problem);
    return;
  }
  const base::FileId id = sources_.add(path.generic_string(), std::move(read.text));
  files_.push_back(dsl::parse(sources_, id, diagnostics_, limits_));
  open_.push_back(Open{canonical, path.generic_string()});
  load_includes(path, files_.size() - 1);
  open_.pop_back();
}

/// E223 when an include names something that is not a file (saying what it is), E221
/// when it names nothing; the note gives the path looked at.
bool Loader::is_rule_file_path(const fs::path& path, const dsl::ast::Include& include) {
  if (const auto kind = non_file_kind(path)) {
    auto& added = diagnostics_.error("E223", include.span, "included path '{}' is {}, not a rule file", include.path,
                                     *kind);
    added.notes.push_back(fmt::format("looked at {}", path.generic_string()));
    return false;
  }
  std::error_code error;
  if (fs::is_regular_file(path, error)) return true;
  auto& added = diagnostics_.error("E221", include.span, "included file '{}' not found", include.path);
  added.notes.push_back(fmt::format("looked for {}", path.generic_string()));
  return false;
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
