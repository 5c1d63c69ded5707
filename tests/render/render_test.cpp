#include "render/formats.hpp"
#include "render/report_render.hpp"
#include "render/tables.hpp"
#include "base/text_layout.hpp"
#include "report_builder.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace cybernorms;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

/// Columns a line takes, counted independently of the renderer: one per UTF-8 lead
/// byte, two for CJK ideographs (three-byte sequences starting 0xE3..0xE9).
std::size_t columns(const std::string& line) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) continue;
    count += byte >= 0xE3 && byte <= 0xE9 ? 2 : 1;
  }
  return count;
}

std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0;
  for (const auto& line : lines_of(text)) widest = std::max(widest, columns(line));
  return widest;
}

/// A report whose texts are long: long titles, an unbroken 120-character id, a Chinese
/// quote, and a proof 30 steps deep.
explain::Report long_report() {
  explain::Report report = test::sample_report();
  report.findings[0].title += ", read together with the duty not to undermine supply chains of ICT products";
  report.findings[0].roles.back().second = std::string(120, 'x');
  report.findings[0].citations.push_back(
      Citation{"sov3_zh", "网络主权", "各国不得未经许可进入他国网络基础设施，不得侵犯他国主权，也不得干涉他国内政与选举", {}});
  explain::ProofStep* step = &report.findings[0].proof;
  for (int depth = 0; depth < 30; ++depth) {
    step->premises.push_back(test::leaf("step", {"x"}, "a step of a long chain of reasoning that goes on and on"));
    step->premises.back().source = StepSource::rule;
    step->premises.back().rule_id = "chain.step";
    step->premises.back().because = "the previous step held, and so this one holds as well";
    step = &step->premises.back();
  }
  return report;
}

}  // namespace

TEST_CASE("brief text gives each finding's line, hinges, citations and a one-line why-not") {
  const std::string text = render::report_to_text(test::sample_report());
  CHECK(text ==
        "Scenario grid-blackout under profile default: 1 implicated, 1 possible, 1 not\n"
        "  implicated\n"
        "\n"
        "[implicated] non_infringement: Non-infringement of the sovereignty of other\n"
        "    countries\n"
        "  for responsible=a, injured=b, operation=op1\n"
        "  cites sov3, \"The Concept of Sovereignty in Cyberspace / II. Obligations\":\n"
        "        \"Non-infringement of the sovereignty of other countries\"\n"
        "\n"
        "[possible] non_interference: Non-interference in the internal affairs of\n"
        "    other countries\n"
        "  for responsible=a, injured=b, operation=op1\n"
        "  implicated if:\n"
        "     coercion: Was op1 coercive? \u2192 yes\n"
        "  or aims: What did op1 aim at? \u2192 coerce_policy\n"
        "     and consent: Did b consent to op1? \u2192 no\n"
        "  cites sov3, \"The Concept of Sovereignty in Cyberspace / II. Obligations\":\n"
        "        \"Non-interference in the internal affairs of other countries\"\n"
        "\n"
        "[not implicated] use_of_force: Prohibition of the threat or use of force\n"
        "  why not: the nearest rule is use_of_force.physical_damage (physical damage\n"
        "    of significant scale is comparable to a physical attack); it fails because\n"
        "    no stated fact says that op1 caused physical_damage. What held: the profile\n"
        "    sets sovereignty_is_rule = true; op1 is attributable to a.\n");
}

TEST_CASE("full text adds the proof tree down to the scenario facts, with the negations and exceptions it checked") {
  const std::string text = render::report_to_text(test::sample_report(), {render::Detail::full, false, 80});
  CHECK(text.find("  proof:\n"
                  "    - a infringed the sovereignty of b by op1 [rule\n"
                  "      non_infringement.unauthorised_access]\n"
                  "      because op1, attributable to a, accessed systems in b without permission\n"
                  "      checked: exception consent: b consented to op1 (no fact)\n"
                  "      cites sov3, \"The Concept of Sovereignty in Cyberspace / II. Obligations\"\n"
                  "      - op1 is attributable to a [rule attribution.organ]\n"
                  "        because op1 was carried out by unit, an organ of a\n"
                  "        - op1 was carried out by unit [scenario fact]\n"
                  "        - unit is an organ of a [scenario fact]\n"
                  "      - op1 involved unauthorised_access [scenario fact]\n") != std::string::npos);
  CHECK(text.find("      - op1 was coercive [scenario fact, unknown]\n") != std::string::npos);
  CHECK(text.find("  nearest rule use_of_force.physical_damage failed at: effect(Op,\n"
                  "    physical_damage) (with Op=op1, State=a)\n"
                  "  held: $sovereignty_is_rule = true; attributed_to(Op, State)\n") != std::string::npos);
  CHECK(render::report_to_text(test::sample_report()).find("proof:") == std::string::npos);
  CHECK(text.find("another proof:") == std::string::npos);
}

TEST_CASE("full explanations show every derivation the report holds") {
  explain::Report report = test::sample_report();
  report.findings[0].other_proofs.push_back(test::leaf("non_infringement", {"a", "b", "op1"}, "another way"));
  CHECK(render::report_to_text(report, {render::Detail::full, false, 80}).find("  another proof:\n    - another way [scenario fact]\n") !=
        std::string::npos);
  CHECK(render::report_to_markdown(report, render::Detail::full).find("**Another proof**\n\n- another way *(scenario fact)*\n") !=
        std::string::npos);
  const auto json = nlohmann::json::parse(render::report_to_json(report, render::Detail::full));
  CHECK(json["findings"][0]["other_proofs"][0]["fact"]["text"] == "another way");
  CHECK_FALSE(nlohmann::json::parse(render::report_to_json(report, render::Detail::brief))["findings"][0].contains("other_proofs"));
}

TEST_CASE("text fits 80 columns however long the report's texts are") {
  for (const auto detail : {render::Detail::brief, render::Detail::full}) {
    const std::string text = render::report_to_text(long_report(), {detail, false, 80});
    CHECK(widest_line(text) <= 80);
    std::string joined = text;  // the long id is split across lines, not lost
    std::erase_if(joined, [](char c) { return c == ' ' || c == '\n'; });
    CHECK(joined.find(std::string(120, 'x')) != std::string::npos);
  }
  CHECK(widest_line(render::report_to_text(long_report(), {render::Detail::full, false, 40})) <= 40);
}

TEST_CASE("text is coloured only when asked") {
  CHECK(render::report_to_text(test::sample_report()).find('\x1b') == std::string::npos);
  const std::string coloured = render::report_to_text(test::sample_report(), {render::Detail::brief, true, 80});
  CHECK(coloured.find("\x1b[1;31m[implicated]\x1b[0m non_infringement") != std::string::npos);
  CHECK(coloured.find("\x1b[33m[possible]\x1b[0m") != std::string::npos);
}

TEST_CASE("control characters in report texts are shown escaped, never sent to the terminal") {
  explain::Report report = test::sample_report();
  report.scenario = "evil\x1b[2Jid";
  const std::string text = render::report_to_text(report);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("evil\\x1B[2Jid") != std::string::npos);
  CHECK(base::printable("a\xc2\x9b" "b\xff\tc\u00e9") == "a\\xC2\\x9Bb\\xFF\\x09c\u00e9");  // C1 CSI, bad byte, tab
}

TEST_CASE("equal reports render to identical bytes in every format") {
  const auto report = long_report();
  for (const auto detail : {render::Detail::brief, render::Detail::full}) {
    CHECK(render::report_to_text(report, {detail, false, 80}) == render::report_to_text(long_report(), {detail, false, 80}));
    CHECK(render::report_to_json(report, detail) == render::report_to_json(long_report(), detail));
    CHECK(render::report_to_markdown(report, detail) == render::report_to_markdown(long_report(), detail));
  }
  const std::vector<explain::Report> reports{report, test::sample_report("france")};
  CHECK(render::summary_to_text(render::summarise(reports)) == render::summary_to_text(render::summarise(reports)));
  CHECK(render::comparison_to_json(render::compare_profiles(reports)) == render::comparison_to_json(render::compare_profiles(reports)));
}

TEST_CASE("JSON output has the documented keys in a fixed order") {
  const auto json = nlohmann::ordered_json::parse(render::report_to_json(test::sample_report(), render::Detail::full));
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"scenario", "title", "profile", "names", "findings", "questions",
                                         "not_implicated"});
  const auto& finding = json["findings"][1];
  keys.clear();
  for (const auto& [key, value] : finding.items()) keys.push_back(key);
  CHECK(keys ==
        std::vector<std::string>{"principle", "title", "roles", "level", "hinges", "hinge_sets", "citations", "proof",
                                 "other_proofs"});
  CHECK(finding["hinges"].dump() ==
        R"({"routes":[[{"question":0,"answer":"yes","facts":[0],"all":false,"text":"yes"}],)"
        R"([{"question":1,"answer":"yes","facts":[0],"all":false,"text":"coerce_policy"},)"
        R"({"question":2,"answer":"no","facts":[0],"all":false,"text":"no"}]],"total":2,"truncated":false})");
  CHECK(json["questions"][2].dump() ==
        R"({"element":"consent","kind":"fact","text":"Did b consent to op1?","facts":[{"relation":"consent_given","args":["op1","b"],)"
        R"("text":"b consented to op1"}]})");
  CHECK(finding["level"] == "possible");
  CHECK(finding["roles"].dump() == R"({"responsible":"a","injured":"b","operation":"op1"})");
  CHECK(finding["hinge_sets"][1][1].dump() ==
        R"({"fact":{"relation":"consent_given","args":["op1","b"],"text":"b consented to op1"},"needs":false})");
  CHECK(json["findings"][0]["proof"]["premises"][0]["premises"][0]["rule"].is_null());
  CHECK(json["not_implicated"][0]["failed_condition"] == "effect(Op, physical_damage)");
  keys.clear();
  for (const auto& [key, value] : json["not_implicated"][0].items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"principle", "title", "rule", "rule_doc", "failed_condition", "bindings", "held",
                                         "failed", "parameters", "text"});
  CHECK(json["not_implicated"][0]["held"][1].dump() ==
        R"j({"condition":"attributed_to(Op, State)","text":"op1 is attributable to a","fact":{"relation":"attributed_to","args":["op1","a"]}})j");
  CHECK(json["not_implicated"][0]["held"][0].dump() ==
        R"({"condition":"$sovereignty_is_rule = true","text":"the profile sets sovereignty_is_rule = true","parameter":"sovereignty_is_rule","value":"true"})");
  CHECK(json["not_implicated"][0]["failed"]["text"] == "no stated fact says that op1 caused physical_damage");
}

TEST_CASE("brief JSON leaves out the proof, and compact JSON is one line") {
  const std::string brief = render::report_to_json(test::sample_report(), render::Detail::brief);
  CHECK(brief.find('\n') == brief.size() - 1);
  CHECK_FALSE(nlohmann::json::parse(brief)["findings"][0].contains("proof"));
}

TEST_CASE("indented JSON is the same document laid out for people") {
  const auto report = test::sample_report();
  const std::string compact = render::report_to_json(report, render::Detail::full, JsonLayout::compact);
  const std::string indented = render::report_to_json(report, render::Detail::full, JsonLayout::indented);
  CHECK(indented.find("\n  \"findings\": [") != std::string::npos);
  CHECK(indented.size() > compact.size());
  CHECK(nlohmann::json::parse(compact) == nlohmann::json::parse(indented));
  RenderOptions options{Format::json, Detail::full};
  CHECK(render::report(report, options) == compact);
  options.json_layout = JsonLayout::indented;
  CHECK(render::report(report, options) == indented);
}

TEST_CASE("a folded proof step says so in JSON, text and Markdown; a whole one does not") {
  auto report = test::sample_report();
  const std::string whole = render::report_to_json(report, render::Detail::full);
  CHECK(whole.find("\"folded\"") == std::string::npos);
  ProofStep& step = report.findings[0].proof;
  step.premises.clear();
  step.folded = ProofFold::depth;
  const auto json = nlohmann::json::parse(render::report_to_json(report, render::Detail::full));
  CHECK(json["findings"][0]["proof"]["folded"] == "depth");
  CHECK(json["findings"][0]["proof"]["premises"].empty());
  const std::string text = render::report_to_text(report, {render::Detail::full, false, 200});
  CHECK(text.find("premises folded: the proof goes deeper than it is unfolded (--proof-depth") != std::string::npos);
  CHECK(render::report_to_markdown(report, render::Detail::full).find("*premises folded:") != std::string::npos);
  step.folded = ProofFold::steps;
  CHECK(render::report_to_text(report, {render::Detail::full, false, 200}).find("more steps than one tree shows") !=
        std::string::npos);
}

TEST_CASE("JSON output never throws on text that is not UTF-8") {
  explain::Report report = test::sample_report();
  report.findings[0].title = "bad \xff byte";
  CHECK(render::report_to_json(report, render::Detail::brief).find("bad \xEF\xBF\xBD byte") != std::string::npos);
}

TEST_CASE("Markdown gives a section per finding and escapes markup in texts") {
  explain::Report report = test::sample_report();
  report.not_implicated[0].text = "a | b *c*";
  const std::string markdown = render::report_to_markdown(report, render::Detail::brief);
  CHECK(markdown.find("## Scenario `grid-blackout`, profile `default`\n\n"
                      "### Implicated: Non-infringement of the sovereignty of other countries (`non_infringement`)\n\n"
                      "- **For:** responsible=a, injured=b, operation=op1\n") == 0);
  CHECK(markdown.find("- **Or if:** aims: What did op1 aim at? \u2192 coerce\\_policy; and consent: Did b consent to "
                      "op1? \u2192 no\n") != std::string::npos);
  CHECK(markdown.find("| `use_of_force` | a \\| b \\*c\\* |\n") != std::string::npos);
  CHECK(markdown.find("**Proof**") == std::string::npos);
  CHECK(render::report_to_markdown(report, render::Detail::full).find("**Proof**") != std::string::npos);
}

TEST_CASE("the summary table gives each scenario's strongest level per principle") {
  explain::Report second = test::sample_report();
  second.scenario = "second";
  second.findings.push_back(second.findings[1]);
  second.findings.back().roles.back().second = "op2";
  const auto table = render::summarise({test::sample_report(), second}, {"use_of_force", "non_infringement"});
  CHECK(table.principles == std::vector<std::string>{"use_of_force", "non_infringement", "non_interference"});
  CHECK(table.rows[1].cells[2] == render::LevelCell{explain::Level::possible, 2});
  CHECK(render::summary_to_text(table) ==
        "scenario       use_of_force  non_          non_\n"
        "                             infringement  interference\n"
        "-------------  ------------  ------------  ------------\n"
        "grid-blackout  -             impl          poss\n"
        "second         -             impl          poss (2)\n"
        "\n"
        "impl = implicated, poss = possible, - = not implicated\n");
  CHECK(render::summary_to_markdown(table) ==
        "| scenario | `use_of_force` | `non_infringement` | `non_interference` |\n"
        "|---|---|---|---|\n"
        "| grid-blackout | not implicated | implicated | possible |\n"
        "| second | not implicated | implicated | possible (2) |\n");
  const auto json = nlohmann::json::parse(render::summary_to_json(table));
  CHECK(json["rows"][1]["levels"]["non_interference"].dump() == R"({"findings":2,"level":"possible"})");
}

TEST_CASE("a wide summary table is split into blocks that fit the width") {
  std::vector<std::string> many;
  for (int i = 0; i < 12; ++i) many.push_back("principle_number_" + std::to_string(i));
  const auto text = render::summary_to_text(render::summarise({test::sample_report()}, many), 80);
  CHECK(widest_line(text) <= 80);
  CHECK(text.find("principle_\n") != std::string::npos);  // long names wrap at their parts
  CHECK(text.find("number_11") != std::string::npos);
}

TEST_CASE("the profile comparison marks the rows where profiles disagree, and names the parameters that make it") {
  explain::Report france = test::sample_report("france");
  france.findings.pop_back();
  explain::Report by_default = test::sample_report();
  // The possible finding rests on the threshold, which France sets otherwise; the
  // attribution standard is the same under both, so it is not named.
  by_default.findings[1].parameters = {{"threshold", "penetration"}, {"attribution", "strict"}};
  by_default.parameters = {{"attribution", "strict"}, {"threshold", "penetration"}};
  france.parameters = {{"attribution", "strict"}, {"threshold", "functional_loss"}};
  explain::WhyNot not_found;
  not_found.principle = "non_interference";
  not_found.rule_id = "non_interference.coercion";
  not_found.text = "the nearest rule is non_interference.coercion; it fails because no stated fact says that op1 was coercive.";
  france.not_implicated.insert(france.not_implicated.begin(), not_found);
  const auto comparison = render::compare_profiles({by_default, france});
  REQUIRE(comparison.rows.size() == 3);
  CHECK_FALSE(comparison.rows[0].disagree);
  CHECK(comparison.rows[1].disagree);
  CHECK(comparison.rows[1].levels ==
        std::vector<explain::Level>{explain::Level::possible, explain::Level::not_implicated});
  CHECK(render::comparison_to_text(comparison) ==
        "Scenario grid-blackout compared across 2 profiles\n"
        "\n"
        "principle                      default  france\n"
        "-----------------------------  -------  ------\n"
        "non_infringement(a, b, op1)    impl     impl\n"
        "non_interference(a, b, op1) *  poss     -\n"
        "use_of_force                   -        -\n"
        "\n"
        "impl = implicated, poss = possible, - = not implicated\n"
        "* the profiles disagree on this row\n"
        "\n"
        "non_interference(a, b, op1): the profiles differ because threshold is\n"
        "    penetration under default, functional_loss under france\n");
  REQUIRE(comparison.rows[1].reasons.size() == 1);
  CHECK(comparison.rows[1].reasons[0].values == std::vector<std::string>{"penetration", "functional_loss"});
  CHECK(comparison.rows[1].explanations.empty());
  const std::string markdown = render::comparison_to_markdown(comparison);
  CHECK(markdown.find("| non\\_interference(a, b, op1) | possible | not implicated | **differ** |") != std::string::npos);
  CHECK(markdown.find("### Why the profiles differ\n\n- non\\_interference(a, b, op1): the profiles differ because "
                      "threshold is penetration under default, functional\\_loss under france\n") != std::string::npos);
  const auto json = nlohmann::json::parse(render::comparison_to_json(comparison));
  CHECK(json["rows"][1]["agree"] == false);
  CHECK(json["rows"][1]["levels"]["france"] == "not_implicated");
  CHECK(json["rows"][1]["parameters"].dump() ==
        R"([{"parameter":"threshold","values":{"default":"penetration","france":"functional_loss"}}])");
  CHECK(json["rows"][0]["parameters"].empty());

  // Asked for, each profile explains the rows that differ: its finding, or why not.
  const auto explained = render::compare_profiles({by_default, france}, {}, render::Detail::brief);
  REQUIRE(explained.rows[1].explanations.size() == 2);
  CHECK(explained.rows[1].explanations[0].find("possible; implicated if: coercion: Was op1 coercive? \u2192 yes (or 1 other way)") == 0);
  CHECK(explained.rows[1].explanations[1] ==
        "not implicated: the nearest rule is non_interference.coercion; it fails because no stated fact says that op1 "
        "was coercive.");
  CHECK(explained.rows[0].explanations.empty());
  INFO(render::comparison_to_text(explained));
  CHECK(render::comparison_to_text(explained).find("\n  under france: not implicated: the nearest rule is ") !=
        std::string::npos);
}

TEST_CASE("wrapping splits at spaces and breaks only words that cannot fit") {
  CHECK(base::wrap("one two three four", "> ", "  ", 10) == "> one two\n  three\n  four\n");
  CHECK(base::wrap_lines("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
  CHECK(base::wrap_lines("non_infringement.unauthorised", 20) ==
        std::vector<std::string>{"non_infringement.", "unauthorised"});
  CHECK(base::display_width("网络主权") == 8);
  CHECK(base::wrap_lines("网络主权", 5) == std::vector<std::string>{"网络", "主权"});
}

TEST_CASE("Chinese text wraps between characters, filling each line, never before closing punctuation") {
  // After an English word and a space, the rest of the line is filled with wide text.
  CHECK(base::wrap_lines("rule 一国明知其领土正被用于针对另一国", 12) ==
        std::vector<std::string>{"rule 一国明", "知其领土正被", "用于针对另一", "国"});
  // A line never starts with a comma or a closing bracket: the character before goes with it.
  const auto lines = base::wrap_lines("甲乙丙丁，戊己（庚辛）壬癸", 8);
  for (const std::string& line : lines) {
    CAPTURE(line);
    CHECK(base::display_width(line) <= 8);
    CHECK_FALSE(line.starts_with("，"));
    CHECK_FALSE(line.starts_with("）"));
    CHECK_FALSE(line.ends_with("（"));
  }
  std::string joined;
  for (const std::string& line : lines) joined += line;
  CHECK(joined == "甲乙丙丁，戊己（庚辛）壬癸");
  // A straight quote may open or close a quotation: no break beside it, only at the space.
  CHECK(base::wrap_lines("第一,不侵犯他国\": \"各国未经许可不得进入", 10) ==
        std::vector<std::string>{"第一,不侵", "犯他国\":", "\"各国未经", "许可不得进", "入"});
  // English words keep breaking at spaces only.
  CHECK(base::wrap_lines("one two three", 8) == std::vector<std::string>{"one two", "three"});
}
