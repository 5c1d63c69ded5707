// A report, a profile comparison and a summary as self-contained HTML pages. Every
// piece of text from the scenario or the rule base goes through html_text.
#include "render/report_html.hpp"

#include "render/html.hpp"
#include "render/report_words.hpp"
#include "render/tables.hpp"
#include "render/what_if_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace cybernorms::render {

namespace {

using explain::Finding;
using explain::Level;
using explain::ProofStep;
using explain::Report;
using explain::WhyNot;

/// Roles by name where the report's scenario names the entity, the id beside it.
std::string roles_html(const Report* report, const std::vector<std::pair<std::string, std::string>>& roles) {
  if (roles.empty()) return {};
  std::string out = "<dl class=\"roles\">";
  for (const auto& [name, value] : roles) {
    const std::string label = report ? label_of(*report, value) : value;
    const std::string shown = label == value ? html_text(value)
                                             : fmt::format("{} <code>{}</code>", html_text(label), html_text(value));
    out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", html_text(name), shown);
  }
  return out + "</dl>\n";
}

/// Roles on one line, by name where the scenario names the entity: "responsible=Arland, ...".
std::string inline_roles_html(const Report* report, const std::vector<std::pair<std::string, std::string>>& roles) {
  std::string out;
  for (const auto& [name, value] : roles)
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", html_text(name),
                       html_text(report ? label_of(*report, value) : value));
  return out;
}

/// A citation with its quoted passage, attributed to its source and section.
std::string citation_html(const Citation& citation) {
  std::string out = "<figure class=\"citation\">";
  if (!citation.quote.empty()) out += fmt::format("<blockquote>{}</blockquote>", html_text(citation.quote));
  return out + fmt::format("<figcaption><cite>{}</cite>, <span class=\"section\">{}</span></figcaption></figure>\n",
                           html_text(citation.source), html_text(citation.section));
}

std::string citations_html(const std::vector<Citation>& citations, const Words& words) {
  if (citations.empty()) return {};
  std::string out = fmt::format("<div class=\"citations\"><h4>{}</h4>\n", html_text(words("html_cites")));
  for (const auto& citation : citations) out += citation_html(citation);
  return out + "</div>\n";
}

/// One answer a way needs: the legal element, the question, and the answer, highlighted.
std::string answer_html(const Report& report, const explain::Answer& answer) {
  const explain::Question& question = report.questions.at(answer.question);
  return fmt::format("<span class=\"element\">{}</span> <span class=\"hinge\">{}</span> "
                     "<span class=\"answer\">\u2192 {}</span>",
                     html_text(question.label), html_text(question.text), html_text(answer.text));
}

/// A possible finding's ways to become implicated, each a list of answers to the report's
/// questions, and a line when the list is not all there is.
std::string hinges_html(const Report& report, const Finding& finding, const Words& words) {
  const std::string limit = routes_limit_words(finding, words);
  if (finding.routes.empty() && limit.empty()) return {};
  std::string out = fmt::format("<div class=\"hinges\"><h4>{}</h4>\n", html_text(words("html_implicated_if")));
  if (!finding.routes.empty()) {
    out += "<ol>\n";
    const std::string and_word = html_text(words("route_and"));
    for (std::size_t r = 0; r < finding.routes.size(); ++r) {
      std::string answers =
          r == 0 ? std::string() : fmt::format("<span class=\"route-or\">{}</span> ", html_text(words("route_or")));
      bool first = true;
      for (const auto& answer : finding.routes[r]) {
        answers += (first ? "" : "<br>" + and_word + " ") + answer_html(report, answer);
        first = false;
      }
      out += "<li>" + answers + "</li>\n";
    }
    out += "</ol>\n";
  }
  if (!limit.empty()) out += fmt::format("<p class=\"limit\">{}</p>\n", html_text(limit));
  return out + "</div>\n";
}

// ---- proof trees ----

bool has_body(const ProofStep& step) {
  return !step.because.empty() || !step.absent.empty() || !step.citations.empty() || !step.premises.empty() ||
         step.folded != ProofFold::none;
}

/// A step: a leaf in one line, a derived step as an open `<details>` whose premises nest
/// inside it, so any subtree folds away.
void proof_html(const ProofStep& step, const Words& words, std::string& out) {
  const std::string unknown = step.truth == Truth::unknown ? " unknown" : "";
  const std::string line = fmt::format("<span class=\"fact\">{}</span><span class=\"source\">[{}]</span>",
                                       html_text(fact_words(step.fact)), html_text(step_source_words(step, words)));
  if (!has_body(step)) {
    out += fmt::format("<div class=\"leaf{}\">{}</div>\n", unknown, line);
    return;
  }
  out += fmt::format("<details class=\"step{}\" open><summary>{}</summary>\n", unknown, line);
  if (!step.because.empty())
    out += fmt::format("<p class=\"because\">{}</p>\n", html_text(words.format("md_because", {{"text", step.because}})));
  for (const auto& absent : step.absent)
    out += fmt::format("<p class=\"checked\">{}</p>\n", html_text(words.format("md_checked", {{"text", absent}})));
  for (const auto& citation : step.citations) {
    out += fmt::format("<p class=\"step-cites\">{} <cite>{}</cite>, {}</p>\n", html_text(words("cites")),
                       html_text(citation.source), html_text(citation.section));
  }
  for (const auto& premise : step.premises) proof_html(premise, words, out);
  if (step.folded != ProofFold::none)
    out += fmt::format("<p class=\"folded\">{}</p>\n", html_text(fold_words(step.folded, words)));
  out += "</details>\n";
}

std::string proof_tree_html(const ProofStep& proof, std::string_view label, const Words& words) {
  std::string out = fmt::format("<details class=\"proof\"><summary>{}</summary>\n", html_text(label));
  proof_html(proof, words, out);
  return out + "</details>\n";
}

std::string finding_heading(Level level, std::string_view title, std::string_view principle, const Words& words) {
  return fmt::format("<h3>{} {} <code>{}</code></h3>\n", level_badge(level, words), html_text(title),
                     html_text(principle));
}

std::string finding_html(const Report& report, const Finding& finding, Detail detail, const Words& words) {
  std::string out = fmt::format("<article class=\"finding {}\">\n", level_class(finding.level));
  out += finding_heading(finding.level, finding.title, finding.principle, words);
  out += roles_html(&report, finding.roles);
  out += hinges_html(report, finding, words);
  out += citations_html(finding.citations, words);
  if (detail == Detail::full) {
    out += proof_tree_html(finding.proof, words("md_proof"), words);
    for (const auto& other : finding.other_proofs) out += proof_tree_html(other, words("md_another_proof"), words);
  }
  return out + "</article>\n";
}

std::string why_not_html(const WhyNot& why, Detail detail, const Words& words) {
  std::string out =
      "<article class=\"why-not\">\n" + finding_heading(Level::not_implicated, why.title, why.principle, words);
  out += fmt::format("<p class=\"why\">{}</p>\n",
                     html_text(words.format("html_why_not", {{"text", why_not_words(why, words)}})));
  if (detail == Detail::full && !why.rule_id.empty()) {
    out += fmt::format("<p class=\"nearest\">{}</p>\n", html_text(failed_condition_words(why, words)));
  }
  return out + "</article>\n";
}

std::size_t count_level(const Report& report, Level level) {
  return static_cast<std::size_t>(std::count_if(report.findings.begin(), report.findings.end(),
                                                 [&](const Finding& finding) { return finding.level == level; }));
}

std::string counts_words(const Report& report, const Words& words = Words()) {
  return words.format("html_counts", {{"implicated", std::to_string(count_level(report, Level::implicated))},
                                      {"possible", std::to_string(count_level(report, Level::possible))},
                                      {"not_implicated", std::to_string(report.not_implicated.size())}});
}

/// A report's findings, then why each other principle is not implicated.
std::string report_sections(const Report& report, Detail detail, const Words& words) {
  std::string out = fmt::format("<section class=\"findings\">\n<h2>{}</h2>\n", html_text(words("html_findings")));
  if (report.findings.empty()) out += fmt::format("<p>{}</p>\n", html_text(words("md_nothing_found")));
  for (const auto& finding : report.findings) out += finding_html(report, finding, detail, words);
  out += "</section>\n";
  if (report.not_implicated.empty()) return out;
  out += fmt::format("<section class=\"not-implicated\">\n<h2>{}</h2>\n", html_text(words("md_not_implicated")));
  for (const auto& why : report.not_implicated) out += why_not_html(why, detail, words);
  return out + "</section>\n";
}

// ---- tables ----

/// Each principle's title, as the reports give it.
std::map<std::string, std::string> principle_titles(const std::vector<Report>& reports) {
  std::map<std::string, std::string> titles;
  for (const auto& report : reports) {
    for (const auto& finding : report.findings) titles.emplace(finding.principle, finding.title);
    for (const auto& why : report.not_implicated) titles.emplace(why.principle, why.title);
  }
  return titles;
}

std::string title_of(const std::map<std::string, std::string>& titles, const std::string& principle) {
  const auto found = titles.find(principle);
  return found == titles.end() ? principle : found->second;
}

// Table cells go one to a line, so that the page diffs well and reads as source.
std::string comparison_table(const ProfileComparison& comparison, const std::map<std::string, std::string>& titles,
                             const Report* named) {
  std::string out = "<div class=\"table-scroll\"><table class=\"comparison\">\n<thead><tr>\n<th scope=\"col\">principle</th>\n"
                    "<th scope=\"col\">for</th>\n";
  for (const auto& profile : comparison.profiles) {
    out += fmt::format("<th scope=\"col\"><code>{}</code></th>\n", html_text(profile));
  }
  out += "<th scope=\"col\">profiles</th>\n</tr></thead>\n<tbody>\n";
  for (const auto& row : comparison.rows) {
    out += fmt::format("<tr{}>\n<th scope=\"row\">{} <code>{}</code></th>\n<td class=\"roles-cell\">{}</td>\n",
                       row.disagree ? " class=\"differ\"" : "", html_text(title_of(titles, row.principle)),
                       html_text(row.principle), inline_roles_html(named, row.roles));
    for (const Level level : row.levels) out += "<td>" + level_badge(level) + "</td>\n";
    out += fmt::format("<td class=\"agreement\">{}</td>\n</tr>\n", row.disagree ? "differ" : "agree");
  }
  return out + "</tbody>\n</table></div>\n";
}

/// For each row the profiles disagree on, the parameters whose values make the difference.
std::string differences_html(const ProfileComparison& comparison, const std::map<std::string, std::string>& titles,
                             const Report* named) {
  std::string out;
  for (const auto& row : comparison.rows) {
    if (!row.disagree) continue;
    out += fmt::format("<li><strong>{}</strong> <span class=\"for-roles\">({})</span>: {}</li>\n",
                       html_text(title_of(titles, row.principle)), inline_roles_html(named, row.roles),
                       html_text(reasons_words(row, comparison.profiles)));
  }
  if (out.empty()) return out;
  return "<h3>Why the profiles differ</h3>\n<ul class=\"differences\">\n" + out + "</ul>\n";
}

std::string summary_cell(const LevelCell& cell) {
  if (cell.findings <= 1) return level_badge(cell.level);
  return fmt::format("{} <span class=\"count\">({} findings)</span>", level_badge(cell.level), cell.findings);
}

}  // namespace

std::string report_to_html(const Report& report, Detail detail, const Words& words) {
  const std::string title =
      report.title.empty() ? html_text(words("html_scenario")) + " " : html_text(report.title) + " ";
  std::string body = fmt::format(
      "<header>\n<h1>{}<span class=\"id\">{}</span></h1>\n<p class=\"meta\">{}</p>\n</header>\n<main>\n", title,
      html_text(report.scenario),
      html_text(words.format("html_profile_counts", {{"profile", report.profile}, {"counts", counts_words(report, words)}})));
  body += assumptions_to_html(report.assumptions) + report_sections(report, detail, words) + "</main>\n" +
          level_legend_html(words);
  return html_page(words.format("html_title", {{"scenario", report.scenario}, {"profile", report.profile}}), body,
                   PageKind::text, words.language());
}

std::string comparison_to_html(const std::vector<Report>& reports, const std::vector<std::string>& principle_order,
                               Detail detail) {
  const ProfileComparison comparison = compare_profiles(reports, principle_order);
  std::string body = fmt::format(
      "<header>\n<h1>Scenario <span class=\"id\">{}</span> compared across {} profiles</h1>\n<p class=\"meta\">A row "
      "shaded and marked <strong>differ</strong> is one where the profiles disagree.</p>\n</header>\n<main>\n"
      "<section class=\"comparison\">\n<h2>Levels by profile</h2>\n",
      html_text(comparison.scenario), comparison.profiles.size());
  const Report* named = reports.empty() ? nullptr : &reports.front();
  body += comparison_table(comparison, principle_titles(reports), named);
  body += differences_html(comparison, principle_titles(reports), named);
  body += "</section>\n";
  body += "<section class=\"profiles\">\n<h2>Findings under each profile</h2>\n";
  for (const auto& report : reports) {
    body += fmt::format("<details class=\"profile\"><summary>Profile <code>{}</code>: {}</summary>\n",
                        html_text(report.profile), counts_words(report));
    for (const auto& finding : report.findings) body += finding_html(report, finding, detail, Words());
    for (const auto& why : report.not_implicated) body += why_not_html(why, detail, Words());
    body += "</details>\n";
  }
  body += "</section>\n</main>\n" + level_legend_html();
  return html_page(fmt::format("Scenario {} compared across profiles", comparison.scenario), body, PageKind::tables);
}

std::string summary_to_html(const std::vector<Report>& reports, const std::vector<std::string>& principle_order) {
  const SummaryTable table = summarise(reports, principle_order);
  const auto titles = principle_titles(reports);
  std::string body = fmt::format(
      "<header>\n<h1>Summary of {} {}</h1>\n<p class=\"meta\">One row per report, one column per principle: the "
      "strongest level among the principle's findings.</p>\n</header>\n<main>\n<div class=\"table-scroll\">"
      "<table class=\"summary\">\n<thead><tr>\n<th scope=\"col\">scenario</th>\n<th scope=\"col\">profile</th>\n",
      table.rows.size(), table.rows.size() == 1 ? "report" : "reports");
  for (const auto& principle : table.principles) {
    body += fmt::format("<th scope=\"col\"><code>{}</code></th>\n", html_text(principle));
  }
  body += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    body += fmt::format("<tr>\n<th scope=\"row\">{}</th>\n<td><code>{}</code></td>\n", html_text(row.scenario),
                        html_text(row.profile));
    for (const auto& cell : row.cells) body += "<td>" + summary_cell(cell) + "</td>\n";
    body += "</tr>\n";
  }
  body += "</tbody>\n</table></div>\n<section class=\"principles\">\n<h2>Principles</h2>\n<dl>\n";
  for (const auto& principle : table.principles) {
    body += fmt::format("<dt><code>{}</code></dt><dd>{}</dd>\n", html_text(principle), html_text(title_of(titles, principle)));
  }
  body += "</dl>\n</section>\n</main>\n" + level_legend_html();
  return html_page(fmt::format("Summary of {} {}", table.rows.size(), table.rows.size() == 1 ? "report" : "reports"), body,
                   PageKind::tables);
}

}  // namespace cybernorms::render
