// HTML reports of bundled scenarios against golden pages (tests/golden/html/), and the
// samples of docs/html-report.md against what the program writes. To regenerate the
// golden pages after an intended change, run this program with CYBERNORMS_UPDATE_GOLDEN=1
// and review the diff:
//   CYBERNORMS_UPDATE_GOLDEN=1 build/tests/test_api -tc='*golden HTML*'
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>

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
  };
}

bool updating() {
  const char* update = std::getenv("CYBERNORMS_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

}  // namespace

TEST_CASE("golden HTML: reports and a profile comparison of bundled scenarios render as their golden pages") {
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
