// HTML reports of bundled scenarios against golden pages (tests/golden/html/), and the
// samples of docs/html-report.md against what the program writes. To regenerate the
// golden pages after an intended change, run this program with CYBERNORMS_UPDATE_GOLDEN=1
// and review the diff:
//   CYBERNORMS_UPDATE_GOLDEN=1 build/tests/test_api -tc='*golden HTML*'
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

const fs::path golden_dir = project_dir / "tests" / "golden" / "html";

/// One scenario's reports under `profiles`, as the command line evaluates them.
std::vector<Report> reports_of(const std::string& scenario, const std::vector<std::string>& profiles, Detail detail) {
  EvaluateOptions options;
  options.proofs = detail == Detail::full;
  Evaluator evaluator(project_rule_base());
  const fs::path path = project_dir / "scenarios" / scenario;
  std::vector<Report> reports;
  for (Evaluation& evaluation : evaluator.evaluate_profiles(read_text(path), path.string(), profiles, options)) {
    REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
    reports.push_back(std::move(*evaluation.report));
  }
  return reports;
}

RenderOptions html(Detail detail) { return RenderOptions{Format::html, detail}; }

/// One bundled scenario's report under `options`, which must evaluate.
Report report_with(const std::string& scenario, const EvaluateOptions& options) {
  Evaluator evaluator(project_rule_base());
  const fs::path path = project_dir / "scenarios" / scenario;
  Evaluation evaluation = evaluator.evaluate(read_text(path), path.string(), options);
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return std::move(*evaluation.report);
}

/// attribution_unknown with the group assumed an organ of Borania (`eval --assume`).
Report assumed_report() {
  EvaluateOptions options;
  options.assumptions = {AssumedFact{"organ_of(shadow_group, borania)", true, {}}};
  return report_with("attribution_unknown.json", options);
}

/// server_location_unknown with each finding's ways cut to one (`--hinge-sets 1`).
Report one_way_report() {
  EvaluateOptions options;
  options.max_hinge_sets = 1;
  Report report = report_with("server_location_unknown.json", options);
  REQUIRE(std::any_of(report.findings.begin(), report.findings.end(),
                      [](const Finding& finding) { return finding.routes_truncated(); }));
  return report;
}

/// A report under --lang zh, with its proofs, as a page in Chinese.
std::string chinese_page(const std::string& scenario) {
  EvaluateOptions options;
  options.proofs = true;
  options.language = "zh";
  RenderOptions render = html(Detail::full);
  render.words = project_rule_base().words("zh");
  return render_report(report_with(scenario, options), render);
}

WhatIfTable what_if_table(const std::string& scenario) {
  Evaluator evaluator(project_rule_base());
  const fs::path path = project_dir / "scenarios" / scenario;
  WhatIfEvaluation evaluation = evaluator.what_if(read_text(path), path.string(), EvaluateOptions{});
  REQUIRE_MESSAGE(evaluation.table.has_value(), render_text(evaluation.diagnostics, SourceSet{}));
  return std::move(*evaluation.table);
}

/// A golden page and how it is made.
struct GoldenPage {
  std::string file;
  std::string rendered;
};

std::vector<GoldenPage> golden_pages() {
  const RuleBase& rules = project_rule_base();
  return {
      {"attribution_unknown.html",
       render_report(reports_of("attribution_unknown.json", {"default"}, Detail::brief).front(), html(Detail::brief))},
      {"consent_unknown.full.html",
       render_report(reports_of("consent_unknown.json", {"default"}, Detail::full).front(), html(Detail::full))},
      {"notpetya_2017.full.html",
       render_report(reports_of("notpetya_2017.json", {"default"}, Detail::full).front(), html(Detail::full))},
      {"remote_espionage_foreign_ministry.compare.html",
       rules.render_comparison(reports_of("remote_espionage_foreign_ministry.json", rules.profile_ids(), Detail::brief),
                               html(Detail::brief))},
      {"attribution_unknown.assumed.html", render_report(assumed_report(), html(Detail::brief))},
      {"us_election_2016.whatif.html", render_what_if(what_if_table("us_election_2016.json"), html(Detail::brief))},
      {"server_location_unknown.zh.full.html", chinese_page("server_location_unknown.json")},
      {"server_location_unknown.one_way.html", render_report(one_way_report(), html(Detail::brief))},
  };
}

bool updating() {
  const char* update = std::getenv("CYBERNORMS_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

}  // namespace

TEST_CASE("golden HTML: reports, a report with assumptions, a profile comparison and a what-if table of bundled scenarios render as their golden pages") {
  for (const GoldenPage& page : golden_pages()) {
    CAPTURE(page.file);
    const fs::path path = golden_dir / page.file;
    if (updating()) {
      std::ofstream(path, std::ios::binary) << page.rendered;
      MESSAGE("wrote ", path.string());
      continue;
    }
    REQUIRE_MESSAGE(fs::exists(path), "no golden page; regenerate with CYBERNORMS_UPDATE_GOLDEN=1");
    CHECK_MESSAGE(read_text(path) == page.rendered,
                  "the page differs from its golden file; if the change is intended, regenerate with "
                  "CYBERNORMS_UPDATE_GOLDEN=1 and review the diff");
  }
}

TEST_CASE("every HTML sample in docs/html-report.md is part of a page the program writes") {
  const std::string doc = read_text(project_dir / "docs" / "html-report.md");
  REQUIRE_FALSE(doc.empty());
  std::string pages;
  for (const GoldenPage& page : golden_pages()) pages += page.rendered;
  const std::string open = "```html\n";
  std::size_t samples = 0;
  for (std::size_t at = doc.find(open); at != std::string::npos; at = doc.find(open, at)) {
    at += open.size();
    const std::size_t end = doc.find("```", at);
    REQUIRE(end != std::string::npos);
    const std::string sample = doc.substr(at, end - at);
    CAPTURE(sample);
    CHECK(sample.find('<') != std::string::npos);
    CHECK(pages.find(sample) != std::string::npos);
    ++samples;
    at = end + 3;
  }
  CHECK(samples >= 2);
}

TEST_CASE("an HTML report with --explain brief has no proof; with full, one collapsible proof per finding") {
  const Report brief = reports_of("consent_unknown.json", {"default"}, Detail::brief).front();
  const Report full = reports_of("consent_unknown.json", {"default"}, Detail::full).front();
  REQUIRE_FALSE(full.findings.empty());
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count(render_report(brief, html(Detail::brief)), "<details class=\"proof\">") == 0);
  CHECK(count(render_report(full, html(Detail::full)), "<details class=\"proof\">") == full.findings.size());
  CHECK(count(render_report(full, html(Detail::full)), "<article class=\"finding ") == full.findings.size());
}

TEST_CASE("an HTML report under --lang zh is a Chinese page: its language, headings, levels, questions and why-nots") {
  const std::string page = chinese_page("server_location_unknown.json");
  CHECK(page.find("<html lang=\"zh\">") != std::string::npos);
  for (const char* chinese : {"<h2>结论</h2>", "<h2>不涉及</h2>", "<h4>在下列情况下涉及</h4>", "<h4>援引</h4>",
                              "<summary>证明</summary>", ">可能涉及</span>", "<span class=\"element\">归属</span>",
                              "位于何处？", "为何不涉及：最接近的规则是"}) {
    CAPTURE(chinese);
    CHECK(page.find(chinese) != std::string::npos);
  }
  for (const char* english : {">Findings<", ">Not implicated<", ">Implicated if<", ">Cites<", "Why not:", ">possible<",
                              "the nearest rule", "Written by"}) {
    CAPTURE(english);
    CHECK(page.find(english) == std::string::npos);
  }
}
