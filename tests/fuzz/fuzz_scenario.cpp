// Scenario JSON -> evaluation under every profile -> every renderer. Properties: an
// evaluation has a report exactly when it has no error; JSON output is JSON; the terse
// findings read back as written; nothing crashes, leaks or hangs.
#include "fuzz_target.hpp"

#include "render/terse.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

using namespace cybernorms;

namespace {

void check_terse_round_trip(const std::vector<Report>& reports) {
  const render::TerseFindings findings = render::terse_findings(reports);
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId file = sources.add("terse", render::terse_to_text(findings));
  const auto read = render::parse_terse(sources, file, diagnostics);
  fuzz::require(read.has_value() && *read == findings, "terse findings read back as written");
}

/// HTML escapes every `<` of the input: a page holds no script element, whatever ids
/// and names the scenario brings.
bool no_script(std::string_view html) {
  std::string lower(html);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("<script") == std::string::npos;
}

void render_everything(const RuleBase& rule_base, const std::vector<Report>& reports) {
  for (const Report& report : reports) {
    for (const Format format : {Format::text, Format::markdown, Format::terse})
      for (const Detail detail : {Detail::brief, Detail::full}) render_report(report, {format, detail, false, 80});
    const std::string html = render_report(report, {Format::html, Detail::full, false, 80});
    fuzz::require(no_script(html), "scenario text never opens a script element in an HTML report");
    const std::string json = render_report(report, {Format::json, Detail::full, false, 80});
    fuzz::require(nlohmann::json::accept(json), "a report rendered as JSON is JSON");
  }
  for (const Format format : {Format::text, Format::json, Format::markdown, Format::terse, Format::html}) {
    const std::string comparison = rule_base.render_comparison(reports, {format, Detail::brief, false, 80});
    const std::string summary = rule_base.render_summary(reports, {format, Detail::brief, false, 80});
    if (format == Format::html) {
      fuzz::require(no_script(comparison) && no_script(summary), "scenario text never opens an element in HTML");
    }
    if (format == Format::json) {
      fuzz::require(nlohmann::json::accept(comparison), "a comparison rendered as JSON is JSON");
      fuzz::require(nlohmann::json::accept(summary), "a summary rendered as JSON is JSON");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const RuleBase& rule_base = fuzz::bundled_rule_base();
  static Evaluator evaluator(rule_base);
  EvaluateOptions options;
  options.max_hinge_sets = 8;
  std::vector<Evaluation> evaluations =
      evaluator.evaluate_profiles(fuzz::as_text(data, size), "input.json", rule_base.profile_ids(), options);
  std::vector<Report> reports;
  for (Evaluation& evaluation : evaluations) {
    fuzz::require(evaluation.ok() != evaluation.diagnostics.has_errors(), "a report exactly when there is no error");
    if (evaluation.ok()) reports.push_back(std::move(*evaluation.report));
    render_diagnostics(evaluation.diagnostics, SourceSet{}, {Format::text});
  }
  if (reports.empty()) return 0;
  fuzz::require(reports.size() == evaluations.size(), "a valid scenario evaluates under every profile");
  check_terse_round_trip(reports);
  render_everything(rule_base, reports);
  return 0;
}
