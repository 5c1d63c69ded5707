#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include "base/diagnostics.hpp"
#include "compile/compile.hpp"
#include "io/diagnostics_json.hpp"

#include <fmt/core.h>

#include <set>

namespace cybernorms::cli {

namespace {

std::string summary_line(const compile::CheckResult& checked) {
  if (!checked.rules) return {};
  const compile::RuleSet& rules = *checked.rules;
  std::set<std::string> rule_ids;
  for (const compile::Rule& rule : rules.rules) {
    if (!rule.from_exception) rule_ids.insert(rule.id);
  }
  return fmt::format("checked {} files: {} rules, {} exceptions, {} principles, {} relations, {} profiles\n",
                     checked.files.size(), rule_ids.size(), rules.exceptions.size(), rules.principles.size(),
                     rules.relations.size(), rules.profiles.size());
}

}  // namespace

int run_check(const CheckArgs& args) {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  compile::CheckOptions options;
  if (!args.sources_dir.empty()) options.sources_dir = args.sources_dir;
  std::vector<std::filesystem::path> paths(args.paths.begin(), args.paths.end());
  const compile::CheckResult checked = compile::check_paths(paths, options, sources, diagnostics);

  if (args.format == "json") {
    fmt::print("{}", io::diagnostics_to_json(diagnostics, sources));
  } else {
    fmt::print(stderr, "{}", render_text(diagnostics, sources));
    fmt::print("{}", summary_line(checked));
  }
  const bool failed = diagnostics.has_errors() || (args.werror && diagnostics.warning_count() > 0);
  return failed ? exit_findings_error : exit_ok;
}

}  // namespace cybernorms::cli
