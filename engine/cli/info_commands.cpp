#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include <cybernorms/cybernorms.hpp>

#include <fmt/core.h>

#include <functional>
#include <string>

namespace cybernorms::cli {

int run_schema(const InfoArgs& args) {
  const auto rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  fmt::print("{}", rule_base->scenario_schema());
  return exit_ok;
}

namespace {

/// Loads the rule base and prints one rendering of it (`render_profiles`,
/// `render_catalog`) in the format and JSON layout the arguments ask for.
int print_rendered(const InfoArgs& args, std::string (RuleBase::*render_part)(const RenderOptions&) const) {
  const auto rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  RenderOptions render;
  render.format = parse_format(args.format).value_or(Format::text);
  render.json_layout = stdout_json_layout(args.json);
  fmt::print("{}", std::invoke(render_part, *rule_base, render));
  return exit_ok;
}

}  // namespace

int run_profiles(const InfoArgs& args) { return print_rendered(args, &RuleBase::render_profiles); }

int run_rules(const InfoArgs& args) { return print_rendered(args, &RuleBase::render_catalog); }

}  // namespace cybernorms::cli
