// Reports in Chinese (`--lang zh`) of bundled scenarios against golden files, and the
// language lookup behind them. Regenerate the golden files after an intended change:
//   CYBERNORMS_REGENERATE_GOLDEN=1 build/tests/test_api -tc='*golden*'
// then read the diff before committing it.
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace cybernorms;
using namespace cybernorms::api_test;

namespace {

const fs::path golden_dir = project_dir / "tests" / "api" / "golden_zh";

struct GoldenCase {
  const char* scenario;
  const char* profile;
  std::size_t max_hinge_sets = 0;  ///< 0: the default; else the list is cut to this many ways
};

/// Unknown attribution, unknown consent, an outcome resting on a profile parameter
/// (espionage under tallinn_majority, where espionage_breaches = false), due diligence
/// with knowledge unknown, a case with several principles implicated, and a list of ways
/// cut to one (its golden files end in `.one_way`).
constexpr GoldenCase golden_cases[] = {
    {"attribution_unknown", "default"},
    {"consent_unknown", "default"},
    {"remote_espionage_foreign_ministry", "tallinn_majority"},
    {"remote_espionage_foreign_ministry", "default"},
    {"due_diligence_knowledge_unknown", "default"},
    {"estonia_2007", "default"},
    {"server_location_unknown", "default", 1},
};

bool regenerating() { return std::getenv("CYBERNORMS_REGENERATE_GOLDEN") != nullptr; }

Report report_in(const std::string& scenario, const std::string& profile, const std::string& language,
                 std::size_t max_hinge_sets = 0) {
  EvaluateOptions options;
  options.profile = profile;
  if (max_hinge_sets > 0) options.max_hinge_sets = max_hinge_sets;
  options.language = language;
  const fs::path path = project_dir / "scenarios" / (scenario + ".json");
  const Evaluation evaluation = project_rule_base().evaluate(read_text(path), path.string(), options);
  REQUIRE_MESSAGE(evaluation.ok(), render_text(evaluation.diagnostics, SourceSet{}));
  return *evaluation.report;
}

std::string rendered(const Report& report, Format format, Detail detail, const std::string& language) {
  RenderOptions options;
  options.format = format;
  options.detail = detail;
  options.json_layout = JsonLayout::indented;
  options.words = project_rule_base().words(language);
  return render_report(report, options);
}

/// Compares `actual` with the golden file, or writes it when regenerating.
void check_golden(const fs::path& file, const std::string& actual) {
  if (regenerating()) {
    std::ofstream(file, std::ios::binary) << actual;
    return;
  }
  REQUIRE_MESSAGE(fs::exists(file), file.string(), " is missing: run with CYBERNORMS_REGENERATE_GOLDEN=1");
  CHECK(read_text(file) == actual);
}

}  // namespace

TEST_CASE("Chinese reports of bundled scenarios equal their golden files (text, Markdown, JSON)") {
  for (const GoldenCase& golden : golden_cases) {
    const std::string base =
        std::string(golden.scenario) + "." + golden.profile + (golden.max_hinge_sets > 0 ? ".one_way" : "");
    CAPTURE(base);
    const Report report = report_in(golden.scenario, golden.profile, "zh", golden.max_hinge_sets);
    if (golden.max_hinge_sets > 0)
      CHECK(std::any_of(report.findings.begin(), report.findings.end(),
                        [](const Finding& finding) { return finding.routes_truncated(); }));
    check_golden(golden_dir / (base + ".txt"), rendered(report, Format::text, Detail::full, "zh"));
    check_golden(golden_dir / (base + ".md"), rendered(report, Format::markdown, Detail::brief, "zh"));
    check_golden(golden_dir / (base + ".json"), rendered(report, Format::json, Detail::brief, "zh"));
  }
}

TEST_CASE("a Chinese report says in Chinese what the English one says, with the same ids and levels") {
  const Report english = report_in("attribution_unknown", "default", "en");
  const Report chinese = report_in("attribution_unknown", "default", "zh");
  REQUIRE(english.findings.size() == chinese.findings.size());
  REQUIRE_FALSE(chinese.findings.empty());
  for (std::size_t i = 0; i < english.findings.size(); ++i) {
    CHECK(english.findings[i].principle == chinese.findings[i].principle);
    CHECK(english.findings[i].level == chinese.findings[i].level);
    CHECK(english.findings[i].roles == chinese.findings[i].roles);
  }
  CHECK(chinese.findings.front().title == "不侵犯他国");
  const std::string text = rendered(chinese, Format::text, Detail::brief, "zh");
  CHECK(text.find("(attribution_unknown)，适用立场 default") != std::string::npos);
  CHECK(text.find("[可能涉及]") != std::string::npos);
  CHECK(text.find("在下列情况下涉及：") != std::string::npos);
  // JSON keeps its keys and ids; its texts follow the language.
  const auto json = nlohmann::json::parse(rendered(chinese, Format::json, Detail::brief, "zh"));
  CHECK(json["findings"][0]["principle"] == "non_infringement");
  CHECK(json["findings"][0]["title"] == "不侵犯他国");
  CHECK(json["findings"][0]["level"] == "possible");
}

TEST_CASE("under zh the Chinese text of the primary source is cited first, the English after it") {
  const Report chinese = report_in("estonia_2007", "default", "zh");
  const Report english = report_in("estonia_2007", "default", "en");
  REQUIRE_FALSE(chinese.findings.empty());
  const auto& cited = chinese.findings.front().citations;
  REQUIRE(cited.size() >= 2);
  CHECK(cited.front().source == "sov3_zh");
  CHECK(cited.back().source != "sov3_zh");
  CHECK(english.findings.front().citations.front().source != "sov3_zh");
  CHECK(cited.size() == english.findings.front().citations.size());
}

TEST_CASE("the outcome that rests on a profile parameter names the parameter in Chinese") {
  const Report report = report_in("remote_espionage_foreign_ministry", "tallinn_majority", "zh");
  const std::string text = rendered(report, Format::text, Detail::full, "zh");
  CHECK(text.find("[不涉及] non_infringement: 不侵犯他国") != std::string::npos);
  CHECK(text.find("为何不涉及：") != std::string::npos);
  // The why-not paragraph reads in Chinese, the parameter and profile named by their ids.
  const auto why = std::find_if(report.not_implicated.begin(), report.not_implicated.end(),
                                [](const auto& w) { return w.principle == "non_infringement"; });
  REQUIRE(why != report.not_implicated.end());
  CHECK(why->text.starts_with("最接近的规则是 non_infringement."));
  CHECK(why->text.find("在立场 tallinn_majority 下") != std::string::npos);
  CHECK(why->text.find("立场设定 espionage_breaches = false") != std::string::npos);
  CHECK(why->text.find("the profile sets") == std::string::npos);
  CHECK(why->text.find("nearest rule") == std::string::npos);
}

TEST_CASE("under zh the hinges are asked in Chinese, their elements named in Chinese, answered 是 or 否") {
  const Report report = report_in("attribution_unknown", "default", "zh");
  REQUIRE_FALSE(report.questions.empty());
  const auto attribution = std::find_if(report.questions.begin(), report.questions.end(),
                                        [](const Question& q) { return q.element == "attribution"; });
  REQUIRE(attribution != report.questions.end());
  CHECK(attribution->label == "归属");
  CHECK(attribution->text.find("的行为是否可归因于") != std::string::npos);
  bool answered_yes = false;
  for (const Finding& finding : report.findings)
    for (const Route& route : finding.routes)
      for (const Answer& answer : route) answered_yes = answered_yes || answer.text == "是";
  CHECK(answered_yes);
  // JSON keeps the element's id; the text is the Chinese question.
  const auto json = nlohmann::json::parse(rendered(report, Format::json, Detail::brief, "zh"));
  CHECK(json["questions"][0]["element"] == report.questions[0].element);
  CHECK(json["questions"][0]["text"] == report.questions[0].text);
  const Report english = report_in("attribution_unknown", "default", "en");
  REQUIRE_FALSE(english.questions.empty());
  CHECK(english.questions[0].label == english.questions[0].element);
  CHECK(english.questions[0].text != report.questions[0].text);
}

TEST_CASE("an unknown language is E418 naming the languages there are; English is always there") {
  EvaluateOptions options;
  options.language = "fr";
  const fs::path path = project_dir / "scenarios" / "attribution_unknown.json";
  const Evaluation evaluation = project_rule_base().evaluate(read_text(path), path.string(), options);
  REQUIRE_FALSE(evaluation.ok());
  const std::string message = render_text(evaluation.diagnostics, SourceSet{});
  CHECK(message.find("E418") != std::string::npos);
  CHECK(message.find("no language named 'fr': the rule base has en, zh") != std::string::npos);
  CHECK(project_rule_base().languages() == std::vector<std::string>{"en", "zh"});
  CHECK(project_rule_base().words("zh")("implicated") == "涉及");
  CHECK(project_rule_base().words("en")("implicated") == "implicated");
}

TEST_CASE("the bundled rule base translates every text and word into Chinese (no W010 under --lang zh)") {
  SourceSet sources;
  Diagnostics diagnostics(100000);
  LoadOptions options;
  options.languages = {"zh"};
  REQUIRE(RuleBase::load({project_dir / "rules"}, sources, diagnostics, options).has_value());
  const std::string shown = render_text(diagnostics, sources);
  CHECK_MESSAGE(shown.find("W010") == std::string::npos, shown);
}

TEST_CASE("check --lang zh warns about an untranslated question and an element without a Chinese name") {
  const fs::path folder = fs::temp_directory_path() / "cybernorms_w010_questions";
  fs::remove_all(folder);
  fs::create_directories(folder);
  std::ofstream(folder / "base.cnr") << R"(language zh "中文" {
}
entity actor from actors
entity state from states
relation organ_of(actor: actor, state: state)
  "{actor} is an organ of {state}"
    zh "{actor} 是 {state} 的国家机关"
  from actors.organ_of[]
  question attribution "Is the conduct of {actor} attributable to {state}?"
)";
  SourceSet sources;
  Diagnostics diagnostics(1000);
  LoadOptions options;
  options.languages = {"zh"};
  static_cast<void>(RuleBase::load({folder}, sources, diagnostics, options));
  const std::string shown = render_text(diagnostics, sources);
  CHECK_MESSAGE(shown.find("W010]: the question of relation 'organ_of' has no translation into 'zh'") !=
                    std::string::npos,
                shown);
  CHECK_MESSAGE(shown.find("W010]: language 'zh' has no name for the question element 'attribution'") !=
                    std::string::npos,
                shown);
  fs::remove_all(folder);
}
