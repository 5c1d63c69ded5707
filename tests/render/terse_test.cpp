#include "render/terse.hpp"
#include "report_builder.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace cybernorms;

namespace {

struct Parsed {
  std::optional<render::TerseFindings> findings;
  std::string diagnostics;
};

Parsed parse(const std::string& text) {
  base::SourceSet sources;
  const base::FileId file = sources.add("expected.txt", text);
  base::Diagnostics diagnostics;
  Parsed parsed;
  parsed.findings = render::parse_terse(sources, file, diagnostics);
  parsed.diagnostics = base::render_text(diagnostics, sources);
  return parsed;
}

std::vector<explain::Report> two_profiles() {
  explain::Report france = test::sample_report("france");
  france.findings.pop_back();
  return {test::sample_report(), france};
}

}  // namespace

TEST_CASE("terse findings are one sorted line per finding under profile headers") {
  CHECK(render::terse_to_text(render::terse_findings(two_profiles())) ==
        "[default]\n"
        "non_infringement responsible=a injured=b operation=op1 implicated\n"
        "non_interference responsible=a injured=b operation=op1 possible\n"
        "[france]\n"
        "non_infringement responsible=a injured=b operation=op1 implicated\n");
}

TEST_CASE("terse findings read back to what was written") {
  auto reports = two_profiles();
  reports[0].findings[0].roles[1].second = "State \"B\" = [x]";
  reports[0].findings[1].roles[2].second = "";
  const auto written = render::terse_findings(reports);
  const std::string text = render::terse_to_text(written);
  CHECK(text.find(R"(injured="State \"B\" = [x]")") != std::string::npos);
  const Parsed parsed = parse(text);
  CHECK(parsed.diagnostics.empty());
  REQUIRE(parsed.findings);
  CHECK(*parsed.findings == written);
  CHECK(render::terse_diff(written, *parsed.findings).empty());
}

TEST_CASE("reading terse findings skips comments and blank lines and sorts the lines") {
  const Parsed parsed = parse("# expected for grid-blackout\n\n[default]\n"
                              "non_interference responsible=a injured=b operation=op1 possible\n"
                              "  non_infringement responsible=a injured=b operation=op1 implicated  \n"
                              "[france]\n"
                              "non_infringement responsible=a injured=b operation=op1 implicated\n");
  REQUIRE(parsed.findings);
  CHECK(*parsed.findings == render::terse_findings(two_profiles()));
}

TEST_CASE("a malformed terse line is reported with its line and column") {
  const Parsed parsed = parse("non_infringement a implicated\n"
                              "[default]\n"
                              "non_infringement responsible=a maybe\n"
                              "non_infringement responsible=\"a implicated\n"
                              "non_infringement responsible=a\n");
  CHECK_FALSE(parsed.findings);
  CHECK(parsed.diagnostics ==
        "expected.txt:1:1: error[E409]: a finding before any [profile] line\n"
        "    1 | non_infringement a implicated\n"
        "      | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "expected.txt:3:32: error[E409]: expected role=value or a level, got 'maybe'\n"
        "    3 | non_infringement responsible=a maybe\n"
        "      |                                ^\n"
        "expected.txt:4:30: error[E409]: unterminated quoted value\n"
        "    4 | non_infringement responsible=\"a implicated\n"
        "      |                              ^\n"
        "expected.txt:5:31: error[E409]: expected a level (implicated, possible or not_implicated) at the end of the line\n"
        "    5 | non_infringement responsible=a\n"
        "      |                               ^\n"
        "4 errors, 0 warnings\n");
}

TEST_CASE("the terse diff names what is missing and what is extra") {
  const auto expected = render::terse_findings(two_profiles());
  auto reports = two_profiles();
  reports[1].findings[0].level = explain::Level::possible;
  reports.pop_back();
  reports.push_back(test::sample_report("germany"));
  reports.back().findings.clear();
  CHECK(render::terse_diff(expected, render::terse_findings(reports)) ==
        std::vector<std::string>{"- [france]", "- [france] non_infringement responsible=a injured=b operation=op1 implicated",
                                 "+ [germany]"});
}
