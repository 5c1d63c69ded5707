// The HTML renderer on hand-built reports: untrusted text is escaped wherever it goes,
// every element opened is closed in order, and pages load nothing from elsewhere.
#include "render/formats.hpp"
#include "render/html.hpp"
#include "render/report_html.hpp"
#include "report_builder.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

using namespace cybernorms;

namespace {

/// Elements HTML never closes.
const std::set<std::string> void_elements{"meta", "br", "hr", "img", "link", "input", "wbr"};

/// Where the tags of `html` do not nest (an element closed out of order, or left open),
/// or empty when they do. The style sheet is skipped; comments and the doctype are not tags.
std::string nesting_problem(const std::string& html) {
  std::vector<std::string> open;
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    if (html.compare(at, 2, "<!") == 0) continue;
    const std::size_t end = html.find('>', at);
    if (end == std::string::npos) return "a tag runs to the end of the page";
    const bool closing = html[at + 1] == '/';
    const std::size_t name_start = at + (closing ? 2 : 1);
    const std::size_t name_end = html.find_first_of(" >", name_start);
    const std::string name = html.substr(name_start, name_end - name_start);
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) return "a '<' that starts no tag at " + std::to_string(at);
    if (closing) {
      if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">");
      open.pop_back();
    } else if (!void_elements.contains(name)) {
      open.push_back(name);
      if (name == "style") at = html.find("</style>", at) - 1;
    }
  }
  return open.empty() ? std::string() : "<" + open.back() + "> is never closed";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// The sample report with markup, quotes, ampersands and control characters in every
/// piece of text that comes from the scenario or the rule base.
explain::Report hostile_report() {
  explain::Report report = test::sample_report();
  report.scenario = "<script>alert(1)</script>";
  report.profile = "\"><img src=x>";
  auto& finding = report.findings.front();
  finding.title = "Title & <b>bold</b>";
  finding.roles.front().second = "a'<i>\x01";
  finding.citations.front().quote = "quote </blockquote><a href=\"https://example.org\">";
  finding.proof.because = "because <details>";
  report.questions.front().text = "Was op1 </li></ol> coercive?";
  report.questions.front().label = "<em>coercion</em>";
  report.not_implicated.front().text = "not </article> here";
  return report;
}

}  // namespace

TEST_CASE("an HTML report escapes the text of the scenario and the rule base everywhere it goes") {
  for (const Detail detail : {Detail::brief, Detail::full}) {
    const std::string page = render::report_to_html(hostile_report(), detail);
    CAPTURE(page);
    CHECK(nesting_problem(page).empty());
    CHECK(count(page, "<script") == 0);
    CHECK(count(page, "<img") == 0);
    CHECK(count(page, "<a ") == 0);
    CHECK(page.find("quote &lt;/blockquote&gt;&lt;a href=&quot;https://example.org&quot;&gt;") != std::string::npos);
    CHECK(count(page, "&lt;script&gt;alert(1)&lt;/script&gt;") == 2);  // title and heading
    CHECK(page.find("&quot;&gt;&lt;img src=x&gt;") != std::string::npos);
    CHECK(page.find("Title &amp; &lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
    CHECK(page.find("a&#39;&lt;i&gt;\\x01") != std::string::npos);
    CHECK(page.find("Was op1 &lt;/li&gt;&lt;/ol&gt; coercive?") != std::string::npos);
    CHECK(page.find("&lt;em&gt;coercion&lt;/em&gt;") != std::string::npos);
    CHECK(page.find("not &lt;/article&gt; here") != std::string::npos);
  }
  const std::string full = render::report_to_html(hostile_report(), Detail::full);
  CHECK(full.find("because because &lt;details&gt;") != std::string::npos);
}

TEST_CASE("an HTML report shows each finding's level in words and colour, hinges, quotes and why-not") {
  const std::string page = render::report_to_html(test::sample_report(), Detail::full);
  CHECK(nesting_problem(page).empty());
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(page.find("<title>Scenario grid-blackout under profile default</title>") != std::string::npos);
  CHECK(page.find("<article class=\"finding implicated\">\n<h3><span class=\"level implicated\">implicated</span> "
                  "Non-infringement of the sovereignty of other countries <code>non_infringement</code></h3>") !=
        std::string::npos);
  CHECK(page.find("<span class=\"level possible\">possible</span>") != std::string::npos);
  CHECK(page.find("<span class=\"level not-implicated\">not implicated</span> Prohibition of the threat or use of "
                  "force") != std::string::npos);
  CHECK(count(page, "<div class=\"hinges\">") == 1);
  CHECK(page.find("<li><span class=\"route-or\">or</span> <span class=\"element\">aims</span> <span class=\"hinge\">What did op1 aim at?</span> "
                  "<span class=\"answer\">\u2192 coerce_policy</span><br>and <span class=\"element\">consent</span> "
                  "<span class=\"hinge\">Did b consent to op1?</span> <span class=\"answer\">\u2192 no</span></li>") !=
        std::string::npos);
  CHECK(page.find("<blockquote>Non-interference in the internal affairs of other countries</blockquote><figcaption>"
                  "<cite>sov3</cite>, <span class=\"section\">The Concept of Sovereignty in Cyberspace / II. "
                  "Obligations</span></figcaption>") != std::string::npos);
  CHECK(count(page, "<details class=\"proof\">") == 2);
  CHECK(page.find("<p class=\"why\">Why not: the nearest rule is use_of_force.physical_damage (physical damage of "
                  "significant scale is comparable to a physical attack); it fails because no stated fact says that op1 "
                  "caused physical_damage. What held: the profile sets sovereignty_is_rule = true; op1 is attributable "
                  "to a.</p>") != std::string::npos);
  CHECK(page.find("nearest rule use_of_force.physical_damage failed at: effect(Op, physical_damage)") !=
        std::string::npos);
  CHECK(render::report_to_html(test::sample_report(), Detail::brief).find("nearest rule use_of_force.physical_damage failed at") ==
        std::string::npos);
}

TEST_CASE("an HTML report says when a finding's hinge sets are not all listed") {
  explain::Report report = test::sample_report();
  report.findings[1].routes_found = 5;
  report.findings[1].hinge_limit = HingeLimit::work_budget;
  const std::string page = render::report_to_html(report, Detail::brief);
  CHECK(page.find("<p class=\"limit\">and 3 more ways, not shown (--hinge-sets); the search for what this hinges "
                  "on stopped at its work budget: there may be more</p>") != std::string::npos);
}

TEST_CASE("HTML pages load nothing from elsewhere and forbid it to the browser") {
  const std::vector<explain::Report> reports{test::sample_report("default"), test::sample_report("france")};
  for (const std::string& page : {render::report_to_html(reports.front(), Detail::full),
                                  render::comparison_to_html(reports, {}, Detail::brief),
                                  render::summary_to_html(reports, {})}) {
    CHECK(nesting_problem(page).empty());
    CHECK(page.find("content=\"default-src 'none'; style-src 'unsafe-inline'\"") != std::string::npos);
    for (const char* external : {"src=", "href=", "<script", "<link", "@import", "url("}) {
      CAPTURE(external);
      CHECK(count(page, external) == 0);
    }
  }
}

TEST_CASE("an HTML comparison marks the rows where profiles differ and a summary has a cell per principle") {
  explain::Report france = test::sample_report("france");
  france.findings.pop_back();  // non_interference is not found under france
  const std::string comparison = render::comparison_to_html({test::sample_report("default"), france}, {}, Detail::brief);
  CHECK(comparison.find("<tr class=\"differ\">\n<th scope=\"row\">Non-interference in the internal affairs of other "
                        "countries <code>non_interference</code></th>\n<td class=\"roles-cell\">responsible=a, injured=b, "
                        "operation=op1</td>\n<td><span class=\"level possible\">possible</span></td>\n<td><span "
                        "class=\"level not-implicated\">not implicated</span></td>\n<td class=\"agreement\">differ</td>\n"
                        "</tr>") != std::string::npos);
  CHECK(count(comparison, "<details class=\"profile\">") == 2);

  const std::string summary = render::summary_to_html({test::sample_report("default"), france}, {"use_of_force"});
  CHECK(summary.find("<th scope=\"col\"><code>use_of_force</code></th>\n<th scope=\"col\"><code>non_infringement</code>"
                     "</th>\n<th scope=\"col\"><code>non_interference</code></th>\n") != std::string::npos);
  CHECK(summary.find("<tr>\n<th scope=\"row\">grid-blackout</th>\n<td><code>france</code></td>\n<td><span class=\"level "
                     "not-implicated\">not implicated</span></td>\n<td><span class=\"level implicated\">implicated</span>"
                     "</td>\n<td><span class=\"level not-implicated\">not implicated</span></td>\n</tr>") != std::string::npos);
}

TEST_CASE("the format table offers html for reports, comparisons and summaries") {
  CHECK(parse_format("html") == Format::html);
  CHECK(format_name(Format::html) == "html");
  for (const Output output : {Output::report, Output::comparison, Output::summary}) {
    const auto names = format_names(output);
    CHECK(std::find(names.begin(), names.end(), "html") != names.end());
  }
  const auto diagnostics = format_names(Output::diagnostics);
  CHECK(std::find(diagnostics.begin(), diagnostics.end(), "html") == diagnostics.end());
}
