#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include <cybernorms/cybernorms.hpp>

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
  RenderOptions render;
  render.format = parse_format(args.format).value_or(Format::text);
  render.json_layout = stdout_json_layout(args.json);
  fmt::print("{}", rule_base->render_profiles(render));
  return exit_ok;
}

int run_rules(const InfoArgs& args) {
  const auto rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  RenderOptions render;
  render.format = parse_format(args.format).value_or(Format::text);
  render.json_layout = stdout_json_layout(args.json);
  fmt::print("{}", rule_base->render_catalog(render));
  return exit_ok;
}

}  // namespace cybernorms::cli
