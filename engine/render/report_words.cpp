#include "render/report_words.hpp"

#include "base/text_layout.hpp"
#include "explain/build_report.hpp"
#include "explain/wording.hpp"

#include <fmt/format.h>

namespace cybernorms::render {

using base::printable;

std::string fact_words(const explain::FactRef& fact) {
  if (!fact.text.empty()) return printable(fact.text);
  std::string args;
  for (const auto& arg : fact.args) args += (args.empty() ? "" : ", ") + printable(arg);
  return fmt::format("{}({})", printable(fact.relation), args);
}

std::string step_source_words(const explain::ProofStep& step, const Words& words) {
  const bool unknown = step.truth == Truth::unknown;
  switch (step.source) {
    case StepSource::profile: return std::string(words("from_profile"));
    case StepSource::scenario: return std::string(words(unknown ? "from_scenario_unknown" : "from_scenario"));
    case StepSource::rule: break;
  }
  return words.format(unknown ? "from_rule_possible" : "from_rule", {{"rule", printable(step.rule_id)}});
}

std::string hinge_words(const explain::Hinge& hinge, const Words& words) {
  return words.format("hinge", {{"fact", fact_words(hinge.fact)}, {"value", words(hinge.needs_true ? "true" : "false")}});
}

std::string_view level_words(Level level, const Words& words) {
  switch (level) {
    case Level::implicated: return words("implicated");
    case Level::possible: return words("possible");
    case Level::not_implicated: return words("not_implicated");
  }
  return "?";
}

std::string hinge_condition_words(const explain::Hinge& hinge) {
  return fmt::format("{} is {}", explain::plain_fact(hinge.fact.relation, hinge.fact.args),
                     hinge.needs_true ? "true" : "false");
}

std::string hinge_set_words(const std::vector<explain::Hinge>& hinges, const Words& words) {
  std::string out;
  for (const auto& hinge : hinges) {
    if (!out.empty()) out += words("hinge_and");
    out += hinge_words(hinge, words);
  }
  return out;
}

namespace {

std::string_view stopped_words(HingeLimit limit, const Words& words) {
  switch (limit) {
    case HingeLimit::none: break;
    case HingeLimit::work_budget: return words("stopped_work_budget");
    case HingeLimit::depth: return words("stopped_depth");
    case HingeLimit::derivations: return words("stopped_derivations");
    case HingeLimit::sets_per_fact: return words("stopped_sets_per_fact");
  }
  return "";
}

}  // namespace

std::string hinge_limit_words(std::size_t listed, std::size_t found, HingeLimit limit, const Words& words) {
  std::string out;
  if (found > listed)
    out = words.format(found - listed == 1 ? "more_hinge_set" : "more_hinge_sets", {{"count", fmt::format("{}", found - listed)}});
  if (limit == HingeLimit::none) return out;
  if (!out.empty()) out += "; ";
  return out + words.format("hinge_search_stopped",
                            {{"reason", stopped_words(limit, words)},
                             {"consequence", words(found == 0 ? "may_hinge_on_unfound" : "may_hinge_on_more")}});
}

std::string answer_words(const explain::Report& report, const explain::Answer& answer, bool with_element) {
  const explain::Question& question = report.questions.at(answer.question);
  const std::string asked = with_element ? fmt::format("{}: {}", question.label, question.text) : question.text;
  return fmt::format("{} \u2192 {}", printable(asked), printable(answer.text));
}

std::string routes_limit_words(const explain::Finding& finding, const Words& words) {
  std::string out;
  const std::size_t hidden = finding.routes_found - std::min(finding.routes_found, finding.routes.size());
  if (hidden > 0) out = words.format(hidden == 1 ? "more_way" : "more_ways", {{"count", fmt::format("{}", hidden)}});
  if (finding.hinge_limit == HingeLimit::none) return out;
  if (!out.empty()) out += "; ";
  return out + words.format("hinge_search_stopped",
                            {{"reason", stopped_words(finding.hinge_limit, words)},
                             {"consequence", words(finding.routes_found == 0 ? "may_hinge_on_unfound"
                                                                            : "may_hinge_on_more")}});
}

std::string label_of(const explain::Report& report, const std::string& id) {
  for (const auto& [named, name] : report.names)
    if (named == id) return name;
  return id;
}

std::string roles_words(const explain::Report& report, const std::vector<std::pair<std::string, std::string>>& roles,
                        const Words& words) {
  std::vector<std::pair<std::string, std::string>> labelled;
  for (const auto& [role, value] : roles) labelled.emplace_back(role, label_of(report, value));
  return roles_words(labelled, words);
}

std::string fold_words(ProofFold fold, const Words& words) {
  switch (fold) {
    case ProofFold::none: return {};
    case ProofFold::depth: return words.format("folded_depth", {{"steps", fmt::format("{}", default_proof_depth)}});
    case ProofFold::steps:
      return words.format("folded_steps", {{"steps", fmt::format("{}", explain::default_proof_steps)}});
  }
  return {};
}

std::string citation_words(const Citation& citation, bool with_quote) {
  std::string out = fmt::format("{}, \"{}\"", printable(citation.source), printable(citation.section));
  if (with_quote && !citation.quote.empty()) out += fmt::format(": \"{}\"", printable(citation.quote));
  return out;
}

std::string pairs_words(const std::vector<std::pair<std::string, std::string>>& pairs, const Words& words) {
  std::string out;
  for (const auto& [name, value] : pairs)
    out += fmt::format("{}{}={}", out.empty() ? std::string_view() : words("list_separator"), printable(name), printable(value));
  return out;
}

std::string roles_words(const std::vector<std::pair<std::string, std::string>>& roles, const Words& words) {
  return pairs_words(roles, words);
}

std::string why_not_words(const explain::WhyNot& why, const Words& words) {
  if (!why.text.empty()) return printable(why.text);
  if (why.rule_id.empty()) return std::string(words("no_rule_concludes"));
  return words.format("rule_failed_at", {{"rule", printable(why.rule_id)}, {"condition", printable(why.failed_condition)}});
}

std::string failed_condition_words(const explain::WhyNot& why, const Words& words) {
  if (why.bindings.empty())
    return words.format("nearest_rule", {{"rule", printable(why.rule_id)}, {"condition", printable(why.failed_condition)}});
  return words.format("nearest_rule_with", {{"rule", printable(why.rule_id)},
                                            {"condition", printable(why.failed_condition)},
                                            {"bindings", pairs_words(why.bindings, words)}});
}

std::string held_conditions_words(const explain::WhyNot& why) {
  std::string out;
  for (const auto& element : why.held) out += (out.empty() ? "" : "; ") + printable(element.written);
  return out;
}

}  // namespace cybernorms::render
