#include "cli/command_line.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <system_error>
#include <unistd.h>

namespace cybernorms::cli {

namespace fs = std::filesystem;

fs::path default_rules_dir() {
  std::error_code ignored;
  if (fs::is_directory("rules", ignored)) return "rules";
  return CYBERNORMS_DEFAULT_RULES;
}

std::optional<RuleBase> load_rule_base(const std::string& rules_dir, const std::string& sources_dir) {
  SourceSet sources;
  Diagnostics diagnostics;
  LoadOptions options;
  if (!sources_dir.empty()) options.sources_dir = sources_dir;
  const fs::path dir = rules_dir.empty() ? default_rules_dir() : fs::path(rules_dir);
  auto rule_base = RuleBase::load({dir}, sources, diagnostics, options);
  if (!rule_base) fmt::print(stderr, "{}", render_text(diagnostics, sources));
  return rule_base;
}

InputText read_input(const fs::path& path, std::size_t limit) {
  if (is_standard_input(path)) return read_descriptor(STDIN_FILENO, limit);
  return read_regular_file(path, limit);
}

std::string input_problem(const fs::path& path, const InputText& input, std::size_t limit) {
  const std::string name = is_standard_input(path) ? std::string(standard_input_name) : path.string();
  if (input.status == ReadStatus::too_large) {
    Diagnostics diagnostics;
    report_too_large(diagnostics, name, input.size, limit);
    return render_diagnostics(diagnostics, SourceSet{}, {Format::text});
  }
  const bool could_be_standard_input =
      input.problem.find("folder") == std::string::npos && input.problem.find("symlink") == std::string::npos;
  if (input.status == ReadStatus::not_a_file && could_be_standard_input) {
    return fmt::format("{}: error: {} (only standard input, given as -, may be a pipe or a device)\n", name,
                       input.problem);
  }
  return fmt::format("{}: error: {}\n", name, input.problem);
}

namespace {

bool is_expected_file(const fs::path& path) {
  return path.filename().string().find(".expected.") != std::string::npos;
}

/// An entry of a folder to read: a file named so, or anything else named so but a real
/// folder (a symlink loop, a dangling link, a FIFO), which reading then refuses by name
/// rather than the walk skipping it unseen.
bool is_input_entry(const fs::directory_entry& entry, const std::string& extension) {
  std::error_code code;
  if (entry.path().extension() != extension || is_expected_file(entry.path())) return false;
  return entry.is_symlink(code) || !entry.is_directory(code);
}

/// The folder's inputs, sorted. A folder that cannot be walked to its end (unreadable,
/// removed meanwhile) is a problem, not a shorter list.
void add_folder(const fs::path& folder, const std::string& extension, std::vector<fs::path>& out,
                std::vector<std::string>& problems) {
  std::vector<fs::path> found;
  std::error_code code;
  fs::recursive_directory_iterator it(folder, code);
  for (const fs::recursive_directory_iterator end; !code && it != end; it.increment(code)) {
    if (is_input_entry(*it, extension)) found.push_back(it->path());
  }
  if (code) {
    const fs::path where = it == fs::recursive_directory_iterator{} ? folder : it->path();
    problems.push_back(fmt::format("{}: error: cannot read the folder: {}", where.string(), code.message()));
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
}

}  // namespace

std::vector<fs::path> expand_inputs(const std::vector<std::string>& inputs, const std::string& extension,
                                    std::vector<std::string>& problems) {
  std::vector<fs::path> out;
  for (const std::string& input : inputs) {
    std::error_code code;
    if (fs::is_directory(input, code)) {
      add_folder(input, extension, out, problems);
    } else if (input == standard_input || fs::exists(fs::symlink_status(input, code))) {
      out.emplace_back(input);
    } else {
      problems.push_back(fmt::format("error: no such file or folder: {}", input));
    }
  }
  return out;
}

bool stdout_wants_colour(const std::string& colour_option) {
  if (colour_option == "always") return true;
  if (colour_option == "never") return false;
  return isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
}

JsonLayout stdout_json_layout(const JsonLayoutFlags& flags) {
  if (flags.pretty) return JsonLayout::indented;
  if (flags.compact) return JsonLayout::compact;
  return isatty(STDOUT_FILENO) != 0 ? JsonLayout::indented : JsonLayout::compact;
}

}  // namespace cybernorms::cli
