#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include <cybernorms/cybernorms.hpp>

#include <fmt/core.h>

namespace cybernorms::cli {

namespace {

std::string summary_line(const RuleBaseSummary& counted) {
  return fmt::format("checked {} files: {} rules, {} exceptions, {} principles, {} relations, {} profiles\n",
                     counted.files, counted.rules, counted.exceptions, counted.principles, counted.relations,
                     counted.profiles);
}

}  // namespace

int run_check(const CheckArgs& args) {
  // Rule files are loaded by path: an include is found beside the file that names it,
  // and a diagnostic names the file; the library has no way to load text from a pipe.
  for (const std::string& path : args.paths) {
    if (path == standard_input) {
      fmt::print(stderr, "error: check reads rule files and folders by path, not standard input (-): a rule file's "
                         "includes are found beside it\n");
      return exit_usage;
    }
  }
  SourceSet sources;
  Diagnostics diagnostics;
  LoadOptions options;
  if (!args.sources_dir.empty()) options.sources_dir = args.sources_dir;
  if (!args.language.empty()) options.languages.push_back(args.language);
  const std::vector<std::filesystem::path> paths(args.paths.begin(), args.paths.end());
  const std::optional<RuleBase> rule_base = RuleBase::load(paths, sources, diagnostics, options);

  RenderOptions render;
  render.format = parse_format(args.format).value_or(Format::text);
  render.json_layout = stdout_json_layout(args.json);
  if (render.format == Format::text) {
    fmt::print(stderr, "{}", render_diagnostics(diagnostics, sources, render));
    if (rule_base) fmt::print("{}", summary_line(rule_base->summary()));
  } else {
    fmt::print("{}", render_diagnostics(diagnostics, sources, render));
  }
  const bool failed = diagnostics.has_errors() || (args.werror && diagnostics.warning_count() > 0);
  return failed ? exit_findings_error : exit_ok;
}

}  // namespace cybernorms::cli
