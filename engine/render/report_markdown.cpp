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

std::string level_heading(explain::Level level) {
  std::string word(to_string(level));
  word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

std::string citations_markdown(const std::vector<Citation>& citations, std::string_view indent) {
  std::string out;
  for (const auto& citation : citations) {
    out += fmt::format("{}- **Cites:** {}\n", indent, markdown_text(citation_words(citation, true)));
  }
  return out;
}

void proof_markdown(const ProofStep& step, std::size_t depth, std::string& out) {
  const std::string indent(2 * std::min<std::size_t>(depth, 40), ' ');
  out += fmt::format("{}- {} *({})*", indent, markdown_text(fact_words(step.fact)), markdown_text(step_source_words(step)));
  if (!step.because.empty()) out += fmt::format(": because {}", markdown_text(step.because));
  out += '\n';
  for (const auto& absent : step.absent) out += fmt::format("{}  - checked: {}\n", indent, markdown_text(absent));
  for (const auto& premise : step.premises) proof_markdown(premise, depth + 1, out);
  if (step.folded != ProofFold::none) out += fmt::format("{}  - *{}*\n", indent, markdown_text(fold_words(step.folded)));
}

std::string finding_markdown(const explain::Report& report, const Finding& finding, Detail detail) {
  std::string out = fmt::format("### {}: {} ({})\n\n", level_heading(finding.level), markdown_text(finding.title),
                                markdown_code(finding.principle));
  out += fmt::format("- **For:** {}\n", markdown_text(roles_words(report, finding.roles)));
  for (std::size_t i = 0; i < finding.routes.size(); ++i) {
    std::string answers;
    for (const auto& answer : finding.routes[i])
      answers += (answers.empty() ? "" : "; and ") + markdown_text(answer_words(report, answer));
    out += fmt::format("- **{}** {}\n", i == 0 ? "Implicated if:" : "Or if:", answers);
  }
  const auto limit = routes_limit_words(finding);
  if (!limit.empty()) out += fmt::format("- **Not all shown:** {}\n", markdown_text(limit));
  out += citations_markdown(finding.citations, "");
  if (detail == Detail::full) {
    out += "\n**Proof**\n\n";
    proof_markdown(finding.proof, 0, out);
    for (const auto& other : finding.other_proofs) {
      out += "\n**Another proof**\n\n";
      proof_markdown(other, 0, out);
    }
  }
  return out + '\n';
}

std::string why_not_markdown(const std::vector<WhyNot>& not_implicated, Detail detail) {
  if (not_implicated.empty()) return {};
  std::string out = detail == Detail::full ? "### Not implicated\n\n| principle | why not | nearest rule |\n|---|---|---|\n"
                                           : "### Not implicated\n\n| principle | why not |\n|---|---|\n";
  for (const auto& why : not_implicated) {
    out += fmt::format("| {} | {} |", markdown_code(why.principle), markdown_text(why_not_words(why)));
    if (detail == Detail::full) {
      std::string nearest = why.rule_id.empty() ? "" : failed_condition_words(why);
      if (!why.held.empty()) nearest += "; held: " + held_conditions_words(why);
      out += fmt::format(" {} |", markdown_text(nearest));
    }
    out += '\n';
  }
  return out + '\n';
}

}  // namespace

std::string report_to_markdown(const explain::Report& report, Detail detail) {
  std::string out = report.title.empty()
                        ? fmt::format("## Scenario {}, profile {}\n\n", markdown_code(report.scenario),
                                      markdown_code(report.profile))
                        : fmt::format("## {} ({}), profile {}\n\n", markdown_text(report.title),
                                      markdown_code(report.scenario), markdown_code(report.profile));
  out += assumptions_to_markdown(report.assumptions);
  if (report.findings.empty()) out += "No principle is implicated or possible.\n\n";
  for (const auto& finding : report.findings) out += finding_markdown(report, finding, detail);
  out += why_not_markdown(report.not_implicated, detail);
  return out;
}

}  // namespace cybernorms::render
