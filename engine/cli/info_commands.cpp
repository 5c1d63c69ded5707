#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include "cybernorms/cybernorms.hpp"
#include "io/profiles_render.hpp"

#include <fmt/core.h>

namespace cybernorms::cli {

int run_schema(const InfoArgs& args) {
  const auto rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  fmt::print("{}", rule_base->scenario_schema());
  return exit_ok;
}

int run_profiles(const InfoArgs& args) {
  const auto rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  const compile::RuleSet& rules = rule_base->rules();
  if (args.format == "json") {
    fmt::print("{}", io::profiles_to_json(rules));
  } else if (args.format == "markdown") {
    fmt::print("{}", io::profiles_to_markdown(rules));
  } else {
    fmt::print("{}", io::profiles_to_text(rules));
  }
  return exit_ok;
}

}  // namespace cybernorms::cli
