// Reports of bundled scenarios in English, as text, Markdown and JSON, against golden
// files: unknown attribution, unknown consent, an outcome that rests on a profile
// parameter, due diligence with knowledge unknown, and a list of ways cut to one
// (`--hinge-sets 1`). Regenerate after an intended change, then read the diff:
//   CYBERNORMS_REGENERATE_GOLDEN=1 build/tests/test_api -tc='*English golden*'
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/render.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

const fs::path golden_dir = project_dir / "tests" / "api" / "golden_en";

struct GoldenCase {
  const char* scenario;
  const char* profile;
  std::size_t ways;  ///< EvaluateOptions::max_hinge_sets
  const char* name;  ///< the golden files' stem
};

constexpr GoldenCase golden_cases[] = {
    {"attribution_unknown", "default", 4, "attribution_unknown"},
    {"consent_unknown", "default", 4, "consent_unknown"},
    {"remote_espionage_foreign_ministry", "tallinn_majority", 4, "remote_espionage_foreign_ministry.tallinn_majority"},
    {"due_diligence_knowledge_unknown", "default", 4, "due_diligence_knowledge_unknown"},
    {"server_location_unknown", "default", 1, "server_location_unknown.one_way"},
};

Report report_of(const GoldenCase& golden) {
  EvaluateOptions options;
  options.profile = golden.profile;
  options.max_hinge_sets = golden.ways;
  const fs::path path = project_dir / "scenarios" / (std::string(golden.scenario) + ".json");
  const Evaluation evaluation = project_rule_base().evaluate(read_text(path), path.string(), options);
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return *evaluation.report;
}

std::string rendered(const Report& report, Format format, Detail detail) {
  RenderOptions options;
  options.format = format;
  options.detail = detail;
  options.json_layout = JsonLayout::indented;
  return render_report(report, options);
}

void check_golden(const fs::path& file, const std::string& actual) {
  if (std::getenv("CYBERNORMS_REGENERATE_GOLDEN") != nullptr) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << actual;
    return;
  }
  REQUIRE_MESSAGE(fs::exists(file), file.string(), " is missing: run with CYBERNORMS_REGENERATE_GOLDEN=1");
  CHECK(read_text(file) == actual);
}

}  // namespace

TEST_CASE("English golden reports: text with proofs, Markdown and JSON of five bundled scenarios") {
  for (const GoldenCase& golden : golden_cases) {
    CAPTURE(golden.name);
    const Report report = report_of(golden);
    check_golden(golden_dir / (std::string(golden.name) + ".txt"), rendered(report, Format::text, Detail::full));
    check_golden(golden_dir / (std::string(golden.name) + ".md"), rendered(report, Format::markdown, Detail::brief));
    check_golden(golden_dir / (std::string(golden.name) + ".json"), rendered(report, Format::json, Detail::brief));
  }
}

TEST_CASE("a list of ways cut to one says how many there are, in text and JSON") {
  const Report report = report_of(golden_cases[4]);
  const auto cut = std::find_if(report.findings.begin(), report.findings.end(),
                                [](const Finding& finding) { return finding.routes_truncated(); });
  REQUIRE(cut != report.findings.end());
  CHECK(cut->routes.size() == 1);
  const std::string more = "and " + std::to_string(cut->routes_found - 1) + " more way";
  CHECK(rendered(report, Format::text, Detail::brief).find(more) != std::string::npos);
  const auto json = nlohmann::json::parse(rendered(report, Format::json, Detail::brief));
  const auto index = static_cast<std::size_t>(cut - report.findings.begin());
  CHECK(json["findings"][index]["hinges"]["truncated"] == true);
  CHECK(json["findings"][index]["hinges"]["total"] == cut->routes_found);
  // Every question a listed way answers is one of the report's, in words, with its facts.
  for (const auto& way : json["findings"][index]["hinges"]["routes"])
    for (const auto& answer : way) {
      const auto& question = json["questions"][answer["question"].get<std::size_t>()];
      CHECK_FALSE(question["text"].get<std::string>().empty());
      for (const auto& fact : answer["facts"]) CHECK(fact.get<std::size_t>() < question["facts"].size());
    }
}

TEST_CASE("a way that needs a group to be neither an organ of a state nor directed by it asks one question") {
  const Report report = report_of(golden_cases[4]);
  bool seen = false;
  for (const Finding& finding : report.findings)
    for (const Route& route : finding.routes)
      for (const Answer& answer : route) {
        if (!answer.all || answer.yes) continue;
        seen = true;
        CHECK(answer.facts.size() >= 2);
        CHECK(report.questions.at(answer.question).element == "attribution");
        std::size_t asked = 0;
        for (const Answer& other : route) asked += other.question == answer.question;
        CHECK(asked == 1);
      }
  CHECK(seen);
}
