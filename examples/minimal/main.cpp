// The smallest program using the cybernorms library: load the bundled rule base,
// evaluate one scenario, print each finding with its level and what it hinges on.
//
//   build/examples/minimal/cybernorms_minimal_example [RULES_DIR] [SCENARIO.json]
#include <cybernorms/cybernorms.hpp>

#include <fmt/core.h>

#include <fstream>
#include <sstream>

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void print_finding(const cybernorms::Finding& finding) {
  std::string roles;
  for (const auto& [role, value] : finding.roles) roles += fmt::format(" {}={}", role, value);
  fmt::print("{}{}: {}\n", finding.principle, roles, to_string(finding.level));
  for (const auto& hinges : finding.hinge_sets) {
    for (const auto& hinge : hinges) {
      fmt::print("  hinges on: {} ({})\n", hinge.fact.text, hinge.needs_true ? "true" : "false");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string rules_dir = argc > 1 ? argv[1] : CYBERNORMS_SOURCE_DIR "/rules";
  const std::string scenario = argc > 2 ? argv[2] : CYBERNORMS_SOURCE_DIR "/scenarios/attribution_unknown.json";

  cybernorms::SourceSet sources;
  cybernorms::Diagnostics diagnostics;
  const auto rule_base = cybernorms::RuleBase::load({rules_dir}, sources, diagnostics);
  if (!rule_base) {
    fmt::print(stderr, "{}", cybernorms::render_text(diagnostics, sources));
    return 1;
  }
  const auto evaluation = rule_base->evaluate(read_file(scenario), scenario);
  if (!evaluation.ok()) {
    fmt::print(stderr, "{}", cybernorms::render_text(evaluation.diagnostics, sources));
    return 2;
  }
  for (const auto& finding : evaluation.report->findings) print_finding(finding);
  return 0;
}
