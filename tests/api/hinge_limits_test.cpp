// Hinge sets are never silently partial: a report whose hinge search stopped short, or
// whose list of sets was cut, says so in the Finding and in every format.
#include <cybernorms/batch.hpp>
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using namespace cybernorms;
using namespace cybernorms::api_test;
using nlohmann::json;

namespace {

// all_unknown_scenario (project_fixtures.hpp) is the scenario that used to lose most of
// its hinge sets without a word.

Report evaluate(const std::string& scenario, const EvaluateOptions& options) {
  const Evaluation evaluation = project_rule_base().evaluate(scenario, "all_unknown.json", options);
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return *evaluation.report;
}

std::size_t count_possible(const Report& report, bool (*which)(const Finding&)) {
  return static_cast<std::size_t>(std::count_if(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    return f.level == Level::possible && which(f);
  }));
}

bool cut_short(const Finding& finding) { return !finding.hinges_complete(); }
bool silent_without_set(const Finding& finding) { return finding.hinge_sets.empty() && finding.hinges_complete(); }
bool any_finding(const Finding&) { return true; }
bool out_of_budget(const Finding& finding) { return finding.hinge_limit == HingeLimit::work_budget; }
bool out_of_budget_without_set(const Finding& finding) { return out_of_budget(finding) && finding.hinge_sets.empty(); }

}  // namespace

TEST_CASE("an all-unknown scenario of 200 operations says which findings' hinge search ran out of budget") {
  EvaluateOptions options;
  options.proofs = false;
  const Report report = evaluate(all_unknown_scenario(200), options);
  const std::size_t possible = count_possible(report, any_finding);
  const std::size_t cut = count_possible(report, cut_short);
  MESSAGE(possible << " possible findings, " << cut << " with their hinge search cut short");
  CHECK(possible > 1000);
  CHECK(cut > possible / 2);
  // Most ran out of the budget the report's findings share, before finding any set.
  CHECK(count_possible(report, out_of_budget_without_set) > possible / 2);
  // Every possible finding has a set, or says why the search stopped before finding one.
  CHECK(count_possible(report, silent_without_set) == 0);

  SUBCASE("JSON marks the cut findings and only those") {
    const json out = json::parse(render_report(report, {Format::json, Detail::brief}));
    std::size_t marked = 0;
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
      const auto& finding = out["findings"][i];
      CHECK(finding.contains("hinges_complete") == cut_short(report.findings[i]));
      if (!finding.contains("hinges_complete")) continue;
      CHECK(finding["hinges_complete"] == false);
      CHECK(finding["hinge_limit"] == to_string(report.findings[i].hinge_limit));
      ++marked;
    }
    CHECK(marked == cut);
  }
  SUBCASE("text and Markdown say it in words") {
    const std::string stopped = "the search for what this hinges on";
    const auto occurrences = [&](const std::string& text) {
      std::size_t n = 0;
      for (auto at = text.find(stopped); at != std::string::npos; at = text.find(stopped, at + 1)) ++n;
      return n;
    };
    CHECK(occurrences(render_report(report, {Format::text, Detail::brief, false, 1000})) == cut);
    CHECK(occurrences(render_report(report, {Format::markdown, Detail::brief})) == cut);
  }
  SUBCASE("batch records carry the same marks") {
    BatchOptions batch_options;
    batch_options.threads = 1;
    BatchEvaluator batch(project_rule_base(), batch_options);
    const auto records = batch.evaluate_block({all_unknown_scenario(200)}, 1);
    REQUIRE(records.size() == 1);
    CHECK(records.front().find("\"hinges_complete\":false,\"hinge_limit\":\"work_budget\"") != std::string::npos);
  }
}

TEST_CASE("a larger hinge budget finishes what a smaller one cut short") {
  EvaluateOptions options;
  options.proofs = false;
  options.hinge_budget = 1'000;
  const Report small = evaluate(all_unknown_scenario(20), options);
  options.hinge_budget = max_hinge_budget;
  const Report large = evaluate(all_unknown_scenario(20), options);
  CHECK(count_possible(small, cut_short) > 0);
  CHECK(count_possible(large, cut_short) < count_possible(small, cut_short));
  CHECK(count_possible(large, silent_without_set) == 0);
  SUBCASE("a budget past the largest is taken as the largest") {
    options.hinge_budget = max_hinge_budget + 1;
    const Report beyond = evaluate(all_unknown_scenario(20), options);
    CHECK(count_possible(beyond, cut_short) == count_possible(large, cut_short));
  }
}

TEST_CASE("asking for no hinge sets still says how many there are") {
  EvaluateOptions options;
  options.max_hinge_sets = 0;
  const Report report = evaluate(all_unknown_scenario(1), options);
  REQUIRE_FALSE(report.findings.empty());
  for (const Finding& finding : report.findings) {
    CHECK(finding.hinge_sets.empty());
    CHECK(finding.hinge_sets_found > 0);
  }
  // With no way listed, the line says how many there are.
  for (const Finding& finding : report.findings) {
    CHECK(finding.routes.empty());
    CHECK(finding.routes_found > 0);
    CHECK(finding.routes_truncated());
  }
  const std::string text = render_report(report, {Format::text, Detail::brief, false, 1000});
  CHECK(text.find("implicated if:") == std::string::npos);
  CHECK(text.find("more way") != std::string::npos);
}

TEST_CASE("a list of hinge sets cut to the number asked for says how many there are") {
  EvaluateOptions options;
  options.proofs = false;
  options.max_hinge_sets = 1;
  const Report report = evaluate(all_unknown_scenario(1), options);
  const auto cut = std::find_if(report.findings.begin(), report.findings.end(), [](const Finding& f) {
    return f.hinges_complete() && f.hinge_sets_found > f.hinge_sets.size();
  });
  REQUIRE(cut != report.findings.end());
  CHECK(cut->hinge_sets.size() == 1);
  const json out = json::parse(render_report(report, {Format::json, Detail::brief}));
  const auto index = static_cast<std::size_t>(cut - report.findings.begin());
  CHECK(out["findings"][index]["hinge_sets_found"] == cut->hinge_sets_found);
  CHECK_FALSE(out["findings"][index].contains("hinges_complete"));
  // The ways (routes) shown are cut the same way, and say so in text and JSON.
  const auto cut_routes = std::find_if(report.findings.begin(), report.findings.end(),
                                       [](const Finding& f) { return f.routes_truncated(); });
  REQUIRE(cut_routes != report.findings.end());
  CHECK(cut_routes->routes.size() == 1);
  const auto routes_index = static_cast<std::size_t>(cut_routes - report.findings.begin());
  CHECK(out["findings"][routes_index]["hinges"]["truncated"] == true);
  CHECK(out["findings"][routes_index]["hinges"]["total"] == cut_routes->routes_found);
  const std::string more = "and " + std::to_string(cut_routes->routes_found - 1) + " more way";
  CHECK(render_report(report, {Format::text, Detail::brief, false, 1000}).find(more) != std::string::npos);
}
