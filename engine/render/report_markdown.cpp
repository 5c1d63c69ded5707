// A report as Markdown: one section per report, a subsection per finding.
#include "render/markdown.hpp"
#include "render/report_render.hpp"
#include "render/report_words.hpp"
#include "render/what_if_render.hpp"
#include "base/text_layout.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cybernorms::render {

using base::printable;

std::string markdown_text(std::string_view text) {
  constexpr std::string_view special = "\\`*_[]<>|~";
  std::string out;
  for (const char c : printable(text)) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      if (special.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  std::string safe = printable(text);
  std::replace(safe.begin(), safe.end(), '`', '\'');
  return "`" + safe + "`";
}

namespace {

using explain::Finding;
using explain::ProofStep;
using explain::WhyNot;

/// The level as a heading: its word with an initial capital (a script without case is left as it is).
std::string level_heading(explain::Level level, const Words& words) {
  std::string word(level_words(level, words));
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

std::string citations_markdown(const std::vector<Citation>& citations, std::string_view indent, const Words& words) {
  std::string out;
  for (const auto& citation : citations) {
    out += fmt::format("{}- **{}** {}\n", indent, words("md_cites"), markdown_text(citation_words(citation, true)));
  }
  return out;
}

void proof_markdown(const ProofStep& step, std::size_t depth, const Words& words, std::string& out) {
  const std::string indent(2 * std::min<std::size_t>(depth, 40), ' ');
  out += fmt::format("{}- {} *({})*", indent, markdown_text(fact_words(step.fact)),
                     markdown_text(step_source_words(step, words)));
  if (!step.because.empty()) out += ": " + words.format("md_because", {{"text", markdown_text(step.because)}});
  out += '\n';
  for (const auto& absent : step.absent)
    out += fmt::format("{}  - {}\n", indent, words.format("md_checked", {{"text", markdown_text(absent)}}));
  for (const auto& premise : step.premises) proof_markdown(premise, depth + 1, words, out);
  if (step.folded != ProofFold::none)
    out += fmt::format("{}  - *{}*\n", indent, markdown_text(fold_words(step.folded, words)));
}

std::string finding_markdown(const explain::Report& report, const Finding& finding, Detail detail,
                             const Words& words) {
  std::string out = fmt::format("### {}: {} ({})\n\n", level_heading(finding.level, words), markdown_text(finding.title),
                                markdown_code(finding.principle));
  out += fmt::format("- **{}** {}\n", words("md_for"), markdown_text(roles_words(report, finding.roles, words)));
  for (std::size_t i = 0; i < finding.routes.size(); ++i) {
    std::string answers;
    for (const auto& answer : finding.routes[i])
      answers += (answers.empty() ? "" : fmt::format("; {} ", words("route_and"))) +
                 markdown_text(answer_words(report, answer));
    out += fmt::format("- **{}** {}\n", words(i == 0 ? "md_implicated_if" : "md_or_if"), answers);
  }
  const auto limit = routes_limit_words(finding, words);
  if (!limit.empty()) out += fmt::format("- **{}** {}\n", words("md_not_all_shown"), markdown_text(limit));
  out += citations_markdown(finding.citations, "", words);
  if (detail == Detail::full) {
    out += fmt::format("\n**{}**\n\n", words("md_proof"));
    proof_markdown(finding.proof, 0, words, out);
    for (const auto& other : finding.other_proofs) {
      out += fmt::format("\n**{}**\n\n", words("md_another_proof"));
      proof_markdown(other, 0, words, out);
    }
  }
  return out + '\n';
}

std::string why_not_markdown(const std::vector<WhyNot>& not_implicated, Detail detail, const Words& words) {
  if (not_implicated.empty()) return {};
  std::string out = fmt::format("### {}\n\n| {} | {} |", words("md_not_implicated"), words("column_principle"),
                                words("column_why_not"));
  out += detail == Detail::full ? fmt::format(" {} |\n|---|---|---|\n", words("column_nearest_rule")) : "\n|---|---|\n";
  for (const auto& why : not_implicated) {
    out += fmt::format("| {} | {} |", markdown_code(why.principle), markdown_text(why_not_words(why, words)));
    if (detail == Detail::full) {
      std::string nearest = why.rule_id.empty() ? "" : failed_condition_words(why, words);
      if (!why.held.empty()) nearest += "; held: " + held_conditions_words(why);
      out += fmt::format(" {} |", markdown_text(nearest));
    }
    out += '\n';
  }
  return out + '\n';
}

}  // namespace

std::string report_to_markdown(const explain::Report& report, Detail detail, const Words& words) {
  const std::string scenario = report.title.empty()
                                   ? markdown_code(report.scenario)
                                   : fmt::format("{} ({})", markdown_text(report.title), markdown_code(report.scenario));
  std::string out = "## " + words.format("md_heading", {{"scenario", scenario},
                                                        {"profile", markdown_code(report.profile)}}) +
                    "\n\n";
  out += assumptions_to_markdown(report.assumptions);
  if (report.findings.empty()) out += fmt::format("{}\n\n", words("md_nothing_found"));
  for (const auto& finding : report.findings) out += finding_markdown(report, finding, detail, words);
  out += why_not_markdown(report.not_implicated, detail, words);
  return out;
}

}  // namespace cybernorms::render
