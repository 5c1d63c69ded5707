// What the api tests take from the checkout: the project's own rule base, its bundled
// scenarios, files read whole, and a generated scenario with every fact unknown.
#pragma once
#include <cybernorms/cybernorms.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cybernorms::api_test {

/// The checkout's root: rules/, scenarios/ and docs/ are below it.
inline const std::filesystem::path project_dir = CYBERNORMS_SOURCE_DIR;

/// The bytes of the file at `path` (empty when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The project's rule base (rules/), loaded once per test program; a rule base that does
/// not load fails the test with its diagnostics.
inline const RuleBase& project_rule_base() {
  static const RuleBase loaded = [] {
    SourceSet sources;
    Diagnostics diagnostics;
    auto result = RuleBase::load({project_dir / "rules"}, sources, diagnostics);
    REQUIRE_MESSAGE(result.has_value(), render_text(diagnostics, sources));
    return *result;
  }();
  return loaded;
}

/// Options for an evaluation under `profile` with facts assumed true (`rel(a, b)`),
/// listing up to 64 ways per finding.
inline EvaluateOptions assuming(const std::string& profile, const std::vector<std::string>& assumptions = {}) {
  EvaluateOptions options;
  options.profile = profile;
  options.max_hinge_sets = 64;
  for (const std::string& assumption : assumptions) options.assumptions.push_back(AssumedFact{assumption, true, {}});
  return options;
}

/// The bundled scenarios (scenarios/*.json), in name order.
inline std::vector<std::filesystem::path> bundled_scenarios() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(project_dir / "scenarios")) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

/// Every bundled scenario on one line each, in name order.
inline std::vector<std::string> bundled_lines() {
  std::vector<std::string> lines;
  for (const std::filesystem::path& path : bundled_scenarios()) {
    lines.push_back(nlohmann::json::parse(read_text(path)).dump());
  }
  return lines;
}

/// Two states, one actor, one asset and `operations` operations with every attribute
/// left out, so unknown: many possible findings with many hinge sets each.
inline std::string all_unknown_scenario(int operations) {
  nlohmann::json scenario{{"id", "all_unknown"},
                          {"states", nlohmann::json::array({{{"id", "s0"}}, {{"id", "s1"}}})},
                          {"actors", nlohmann::json::array({{{"id", "group"}}})},
                          {"assets", nlohmann::json::array({{{"id", "network"}}})},
                          {"operations", nlohmann::json::array()}};
  for (int i = 0; i < operations; ++i) scenario["operations"].push_back({{"id", "op" + std::to_string(i)}});
  return scenario.dump();
}

}  // namespace cybernorms::api_test
