// A scenario against its expected findings (cybernorms/expected.hpp).
#include <cybernorms/cybernorms.hpp>

#include "render/terse.hpp"

#include <fmt/format.h>

#include <map>

namespace cybernorms {

namespace {

/// One profile's findings by their line without the level.
std::map<std::string, Level> by_finding(const render::TerseProfile& profile) {
  std::map<std::string, Level> levels;
  for (const render::TerseFinding& finding : profile.findings) levels.emplace(render::terse_key(finding), finding.level);
  return levels;
}

/// What differs between the expected and the found findings of each profile, profile by
/// profile in the expected file's order, findings in the terse order.
std::vector<ExpectedDifference> differences_of(const render::TerseFindings& expected,
                                               const render::TerseFindings& found) {
  std::vector<ExpectedDifference> differences;
  for (std::size_t p = 0; p < expected.size() && p < found.size(); ++p) {
    const auto wanted = by_finding(expected[p]);
    const auto got = by_finding(found[p]);
    std::map<std::string, ExpectedDifference> in_order;
    for (const auto& [finding, level] : wanted) {
      const auto there = got.find(finding);
      if (there == got.end())
        in_order[finding] = {expected[p].profile, finding, level, std::nullopt};
      else if (there->second != level)
        in_order[finding] = {expected[p].profile, finding, level, there->second};
    }
    for (const auto& [finding, level] : got)
      if (!wanted.contains(finding)) in_order[finding] = {expected[p].profile, finding, std::nullopt, level};
    for (auto& [finding, difference] : in_order) differences.push_back(std::move(difference));
  }
  return differences;
}

/// The expected file as it would be written now: each profile's findings under its
/// `[profile]` line, sections apart by a blank line.
std::string expected_text(const render::TerseFindings& found) {
  std::string text;
  for (std::size_t p = 0; p < found.size(); ++p) {
    if (p > 0) text += '\n';
    text += render::terse_to_text({found[p]});
  }
  return text;
}

}  // namespace

std::string describe(const ExpectedDifference& difference) {
  if (!difference.found) return fmt::format("expected {}, not found", to_string(*difference.expected));
  if (!difference.expected) return fmt::format("found {}, not expected", to_string(*difference.found));
  return fmt::format("expected {}, found {}", to_string(*difference.expected), to_string(*difference.found));
}

ExpectedCheck Evaluator::check_expected(std::string_view scenario_json, const std::string& scenario_name,
                                        std::string_view expected_text_given, const std::string& expected_name,
                                        const EvaluateOptions& options) {
  ExpectedCheck check;
  const auto file = check.sources.add(expected_name, std::string(expected_text_given));
  const auto expected = render::parse_terse(check.sources, file, check.diagnostics);
  if (!expected) return check;
  for (const render::TerseProfile& section : *expected) check.profiles.push_back(section.profile);
  if (check.profiles.empty()) {
    check.diagnostics.error("E409", check.sources.file(file).span_at(0, 0, file), "no [profile] line: nothing is expected");
    return check;
  }
  EvaluateOptions evaluate = options;
  evaluate.proofs = false;
  std::vector<Evaluation> evaluations = evaluate_profiles(scenario_json, scenario_name, check.profiles, evaluate);
  std::vector<Report> reports;
  for (Evaluation& evaluation : evaluations) {
    if (!evaluation.ok()) {
      check.diagnostics = std::move(evaluation.diagnostics);
      return check;
    }
    reports.push_back(std::move(*evaluation.report));
  }
  const render::TerseFindings found = render::terse_findings(reports);
  check.differences = differences_of(*expected, found);
  check.actual = expected_text(found);
  check.checked = true;
  return check;
}

}  // namespace cybernorms
