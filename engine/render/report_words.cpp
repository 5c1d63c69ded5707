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

std::string step_source_words(const explain::ProofStep& step) {
  const bool unknown = step.truth == Truth::unknown;
  switch (step.source) {
    case StepSource::profile: return "profile";
    case StepSource::scenario: return unknown ? "scenario fact, unknown" : "scenario fact";
    case StepSource::rule: break;
  }
  return fmt::format("rule {}{}", printable(step.rule_id), unknown ? ", possible" : "");
}

std::string hinge_words(const explain::Hinge& hinge) {
  return fmt::format("{} (unknown, needs to be {})", fact_words(hinge.fact), hinge.needs_true ? "true" : "false");
}

std::string hinge_condition_words(const explain::Hinge& hinge) {
  return fmt::format("{} is {}", explain::plain_fact(hinge.fact.relation, hinge.fact.args),
                     hinge.needs_true ? "true" : "false");
}

std::string hinge_set_words(const std::vector<explain::Hinge>& hinges) {
  std::string out;
  for (const auto& hinge : hinges) out += (out.empty() ? "" : " and ") + hinge_words(hinge);
  return out;
}

namespace {

std::string_view stopped_words(HingeLimit limit) {
  switch (limit) {
    case HingeLimit::none: break;
    case HingeLimit::work_budget: return "stopped at its work budget";
    case HingeLimit::depth: return "stopped at a chain of derivations deeper than it follows";
    case HingeLimit::derivations: return "met a fact with more derivations than evaluation keeps";
    case HingeLimit::sets_per_fact: return "met a fact with more sets than it keeps";
  }
  return "";
}

}  // namespace

std::string hinge_limit_words(std::size_t listed, std::size_t found, HingeLimit limit) {
  std::string out;
  if (found > listed) out = fmt::format("{} more {} of hinges, not shown", found - listed, found - listed == 1 ? "set" : "sets");
  if (limit == HingeLimit::none) return out;
  if (!out.empty()) out += "; ";
  return out + fmt::format("the search for what this hinges on {}: {}", stopped_words(limit),
                           found == 0 ? "it may hinge on sets not found" : "there may be more");
}

std::string answer_words(const explain::Report& report, const explain::Answer& answer, bool with_element) {
  const explain::Question& question = report.questions.at(answer.question);
  const std::string asked = with_element ? fmt::format("{}: {}", question.element, question.text) : question.text;
  return fmt::format("{} \u2192 {}", printable(asked), printable(answer.text));
}

std::string routes_limit_words(const explain::Finding& finding) {
  std::string out;
  const std::size_t hidden = finding.routes_found - std::min(finding.routes_found, finding.routes.size());
  if (hidden > 0) out = fmt::format("and {} more {}, not shown (--hinge-sets)", hidden, hidden == 1 ? "way" : "ways");
  if (finding.hinge_limit == HingeLimit::none) return out;
  if (!out.empty()) out += "; ";
  return out + fmt::format("the search for what this hinges on {}: {}", stopped_words(finding.hinge_limit),
                           finding.routes_found == 0 ? "it may hinge on questions not found" : "there may be more");
}

std::string label_of(const explain::Report& report, const std::string& id) {
  for (const auto& [named, name] : report.names)
    if (named == id) return name;
  return id;
}

std::string roles_words(const explain::Report& report, const std::vector<std::pair<std::string, std::string>>& roles) {
  std::string out;
  for (const auto& [role, value] : roles)
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", printable(role), printable(label_of(report, value)));
  return out;
}

std::string fold_words(ProofFold fold) {
  switch (fold) {
    case ProofFold::none: return {};
    case ProofFold::depth:
      return fmt::format("premises folded: the proof goes deeper than it is unfolded (--proof-depth, {} steps by "
                         "default)",
                         default_proof_depth);
    case ProofFold::steps:
      return fmt::format("premises folded: the proof has more steps than one tree shows ({})",
                         explain::default_proof_steps);
  }
  return {};
}

std::string citation_words(const Citation& citation, bool with_quote) {
  std::string out = fmt::format("{}, \"{}\"", printable(citation.source), printable(citation.section));
  if (with_quote && !citation.quote.empty()) out += fmt::format(": \"{}\"", printable(citation.quote));
  return out;
}

std::string pairs_words(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) out += fmt::format("{}{}={}", out.empty() ? "" : ", ", printable(name), printable(value));
  return out;
}

std::string roles_words(const std::vector<std::pair<std::string, std::string>>& roles) { return pairs_words(roles); }

std::string why_not_words(const explain::WhyNot& why) {
  if (!why.text.empty()) return printable(why.text);
  if (why.rule_id.empty()) return "no rule concludes it";
  return fmt::format("rule {} failed at {}", printable(why.rule_id), printable(why.failed_condition));
}

std::string failed_condition_words(const explain::WhyNot& why) {
  std::string out = fmt::format("nearest rule {} failed at: {}", printable(why.rule_id), printable(why.failed_condition));
  if (!why.bindings.empty()) out += fmt::format(" (with {})", pairs_words(why.bindings));
  return out;
}

std::string held_conditions_words(const explain::WhyNot& why) {
  std::string out;
  for (const auto& element : why.held) out += (out.empty() ? "" : "; ") + printable(element.written);
  return out;
}

}  // namespace cybernorms::render
