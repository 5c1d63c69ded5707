// A report as text for an 80-column terminal.
#include "render/report_render.hpp"
#include "render/report_words.hpp"
#include "render/what_if_render.hpp"
#include "base/text_layout.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cybernorms::render {

using base::printable;
using base::wrap;

namespace {

using explain::Finding;
using explain::Level;
using explain::ProofStep;
using explain::Report;
using explain::WhyNot;

constexpr std::string_view reset = "\x1b[0m";

std::string_view colour_of(Level level) {
  switch (level) {
    case Level::implicated: return "\x1b[1;31m";
    case Level::possible: return "\x1b[33m";
    case Level::not_implicated: return "\x1b[2m";
  }
  return "";
}

/// Colours the first occurrence of `label` (wrapping never splits it: it starts a line).
std::string coloured(std::string text, std::string_view label, Level level, bool colour) {
  const std::size_t at = text.find(label);
  if (!colour || at == std::string::npos) return text;
  text.insert(at + label.size(), reset);
  text.insert(at, colour_of(level));
  return text;
}

std::string heading(const Report& report, const TextOptions& options) {
  const auto count = [&](Level level) {
    return std::count_if(report.findings.begin(), report.findings.end(),
                         [&](const Finding& finding) { return finding.level == level; });
  };
  const std::string named = report.title.empty() ? report.scenario : fmt::format("{} ({})", report.title, report.scenario);
  const std::string line = options.words.format(
      "report_heading", {{"scenario", printable(named)},
                         {"profile", printable(report.profile)},
                         {"implicated", fmt::format("{}", count(Level::implicated))},
                         {"possible", fmt::format("{}", count(Level::possible))},
                         {"not_implicated", fmt::format("{}", report.not_implicated.size())}});
  return wrap(line, "", "  ", options.width);
}

/// Each way the finding becomes implicated, as the answers it needs, then what is not shown.
std::string hinges_text(const Report& report, const Finding& finding, const TextOptions& options) {
  const Words& words = options.words;
  std::string out;
  if (!finding.routes.empty()) out += "  " + std::string(words("implicated_if")) + "\n";
  const std::string or_lead = fmt::format("  {:<3}", words("route_or"));
  const std::string and_lead = fmt::format("     {} ", words("route_and"));
  for (std::size_t i = 0; i < finding.routes.size(); ++i) {
    const auto& route = finding.routes[i];
    for (std::size_t k = 0; k < route.size(); ++k) {
      const std::string lead = k > 0 ? and_lead : i == 0 ? "     " : or_lead;
      out += wrap(answer_words(report, route[k]), lead, "         ", options.width);
    }
  }
  const auto limit = routes_limit_words(finding, words);
  if (!limit.empty()) out += wrap(limit, "  ", "    ", options.width);
  return out;
}

std::string citations_text(const std::vector<Citation>& citations, std::string_view indent, bool quotes,
                           const TextOptions& options) {
  std::string out;
  const std::string_view cites = options.words("cites");
  const std::string first = std::string(indent) + std::string(cites) + " ";
  const std::string next = std::string(indent) + std::string(base::display_width(cites) + 1, ' ');
  for (const auto& citation : citations) out += wrap(citation_words(citation, quotes), first, next, options.width);
  return out;
}

// ---- proof trees (full detail) ----

/// Indentation for a depth, capped so deep proofs still leave room for their text.
std::string indent_for(std::size_t depth, const TextOptions& options) {
  return std::string(std::min(4 + 2 * depth, options.width / 2), ' ');
}

void proof_text(const ProofStep& step, std::size_t depth, const TextOptions& options, std::string& out) {
  const std::string indent = indent_for(depth, options);
  const std::string inner = indent_for(depth + 1, options);
  const Words& words = options.words;
  out += wrap(fmt::format("{} [{}]", fact_words(step.fact), step_source_words(step, words)), indent + "- ", inner,
              options.width);
  if (!step.because.empty())
    out += wrap(words.format("step_because", {{"text", printable(step.because)}}), inner, inner + "  ", options.width);
  for (const auto& absent : step.absent)
    out += wrap(words.format("checked", {{"text", printable(absent)}}), inner, inner + "  ", options.width);
  out += citations_text(step.citations, inner, false, options);
  for (const auto& premise : step.premises) proof_text(premise, depth + 1, options, out);
  if (step.folded != ProofFold::none) out += wrap(fold_words(step.folded, words), inner, inner + "  ", options.width);
}

std::string finding_text(const Report& report, const Finding& finding, const TextOptions& options) {
  const Words& words = options.words;
  const std::string label = fmt::format("[{}]", level_words(finding.level, words));
  std::string out = coloured(
      wrap(fmt::format("{} {}: {}", label, printable(finding.principle), printable(finding.title)), "", "    ",
           options.width),
      label, finding.level, options.colour);
  out += wrap(words.format("finding_for", {{"roles", roles_words(report, finding.roles, words)}}), "  ", "      ",
              options.width);
  out += hinges_text(report, finding, options);
  out += citations_text(finding.citations, "  ", true, options);
  if (options.detail == Detail::full) {
    out += fmt::format("  {}\n", words("proof"));
    proof_text(finding.proof, 0, options, out);
    for (const auto& other : finding.other_proofs) {
      out += fmt::format("  {}\n", words("another_proof"));
      proof_text(other, 0, options, out);
    }
  }
  return out;
}

std::string why_not_text(const WhyNot& why, const TextOptions& options) {
  const Words& words = options.words;
  const std::string label = fmt::format("[{}]", level_words(Level::not_implicated, words));
  std::string out = coloured(wrap(fmt::format("{} {}: {}", label, printable(why.principle), printable(why.title)), "",
                                  "    ", options.width),
                             label, Level::not_implicated, options.colour);
  out += wrap(words.format("why_not", {{"text", why_not_words(why, words)}}), "  ", "    ", options.width);
  if (options.detail == Detail::full && !why.rule_id.empty()) {
    out += wrap(failed_condition_words(why, words), "  ", "    ", options.width);
    if (!why.held.empty()) out += wrap("held: " + held_conditions_words(why), "  ", "    ", options.width);
  }
  return out;
}

}  // namespace

std::string report_to_text(const Report& report, const TextOptions& options) {
  std::string out = heading(report, options) + assumptions_to_text(report.assumptions, options.width);
  for (const auto& finding : report.findings) out += '\n' + finding_text(report, finding, options);
  for (const auto& why : report.not_implicated) out += '\n' + why_not_text(why, options);
  return out;
}

}  // namespace cybernorms::render
