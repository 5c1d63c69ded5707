// A report as JSON: keys in a fixed order (ordered_json keeps insertion order), items in
// the report's own deterministic order. The shape is in docs/scenario-format.md.
#include "render/report_render.hpp"

#include "render/json_text.hpp"
#include "render/what_if_render.hpp"

#include <nlohmann/json.hpp>

namespace cybernorms::render {

namespace {

using nlohmann::ordered_json;

ordered_json pairs_json(const std::vector<std::pair<std::string, std::string>>& pairs) {
  ordered_json out = ordered_json::object();
  for (const auto& [name, value] : pairs) out[name] = value;
  return out;
}

ordered_json fact_json(const explain::FactRef& fact) {
  return ordered_json{{"relation", fact.relation}, {"args", fact.args}, {"text", fact.text}};
}

ordered_json citations_json(const std::vector<Citation>& citations) {
  ordered_json out = ordered_json::array();
  for (const auto& c : citations) out.push_back({{"source", c.source}, {"section", c.section}, {"quote", c.quote}});
  return out;
}

ordered_json hinge_sets_json(const std::vector<std::vector<explain::Hinge>>& sets) {
  ordered_json out = ordered_json::array();
  for (const auto& set : sets) {
    ordered_json hinges = ordered_json::array();
    for (const auto& hinge : set) hinges.push_back({{"fact", fact_json(hinge.fact)}, {"needs", hinge.needs_true}});
    out.push_back(std::move(hinges));
  }
  return out;
}

ordered_json proof_json(const explain::ProofStep& step) {
  ordered_json premises = ordered_json::array();
  for (const auto& premise : step.premises) premises.push_back(proof_json(premise));
  ordered_json out{{"fact", fact_json(step.fact)},
                      {"truth", to_string(step.truth)},
                      {"rule", step.rule_id.empty() ? ordered_json(nullptr) : ordered_json(step.rule_id)},
                      {"because", step.because},
                      {"bindings", pairs_json(step.bindings)},
                      {"citations", citations_json(step.citations)},
                      {"absent", step.absent},
                      {"premises", std::move(premises)}};
  // Only a folded step says so, as only a cut hinge search does.
  if (step.folded != ProofFold::none) out["folded"] = to_string(step.folded);
  return out;
}

// Only a list cut short says so, so findings whose sets are all listed keep their shape.
void add_hinge_limits(const explain::Finding& finding, ordered_json& out) {
  if (finding.hinge_sets_found > finding.hinge_sets.size()) out["hinge_sets_found"] = finding.hinge_sets_found;
  if (finding.hinges_complete()) return;
  out["hinges_complete"] = false;
  out["hinge_limit"] = to_string(finding.hinge_limit);
}

// The routes as answers to the report's questions; `truncated` with the total when the
// list was cut to --hinge-sets.
ordered_json routes_json(const explain::Finding& finding) {
  ordered_json routes = ordered_json::array();
  for (const auto& route : finding.routes) {
    ordered_json answers = ordered_json::array();
    for (const auto& answer : route)
      answers.push_back({{"question", answer.question},
                         {"answer", answer.yes ? "yes" : "no"},
                         {"facts", answer.facts},
                         {"all", answer.all},
                         {"text", answer.text}});
    routes.push_back(std::move(answers));
  }
  return ordered_json{{"routes", std::move(routes)},
                      {"total", finding.routes_found},
                      {"truncated", finding.routes_truncated()}};
}

ordered_json questions_json(const std::vector<explain::Question>& questions) {
  ordered_json out = ordered_json::array();
  for (const auto& question : questions) {
    ordered_json facts = ordered_json::array();
    for (const auto& fact : question.facts) facts.push_back(fact_json(fact));
    ordered_json entry{{"element", question.element},
                       {"kind", question.of_law ? "law" : "fact"},
                       {"text", question.text},
                       {"facts", std::move(facts)}};
    if (question.of_law) entry["positions"] = question.positions;
    out.push_back(std::move(entry));
  }
  return out;
}

ordered_json finding_json(const explain::Finding& finding, Detail detail) {
  ordered_json out{{"principle", finding.principle},
                   {"title", finding.title},
                   {"roles", pairs_json(finding.roles)},
                   {"level", level_token(finding.level)}};
  if (finding.pooled)
    out["pooled"] = ordered_json{{"role", finding.pooled->role},
                                 {"question", finding.pooled->question},
                                 {"candidates", finding.pooled->candidates}};
  out["hinges"] = routes_json(finding);
  out["hinge_sets"] = hinge_sets_json(finding.hinge_sets);
  add_hinge_limits(finding, out);
  out["citations"] = citations_json(finding.citations);
  if (detail == Detail::full) {
    out["proof"] = proof_json(finding.proof);
    ordered_json others = ordered_json::array();
    for (const auto& proof : finding.other_proofs) others.push_back(proof_json(proof));
    out["other_proofs"] = std::move(others);
  }
  return out;
}

/// An element of a why-not's nearest rule: as written, in words, and the fact or the
/// parameter behind it where there is one.
ordered_json element_json(const RuleElement& element) {
  ordered_json out{{"condition", element.written}, {"text", element.text}};
  if (!element.fact.relation.empty())
    out["fact"] = ordered_json{{"relation", element.fact.relation}, {"args", element.fact.args}};
  if (!element.parameter.empty()) {
    out["parameter"] = element.parameter;
    out["value"] = element.value;
  }
  return out;
}

ordered_json why_not_json(const explain::WhyNot& why) {
  ordered_json held = ordered_json::array();
  for (const auto& element : why.held) held.push_back(element_json(element));
  ordered_json parameters = ordered_json::array();
  for (const auto& element : why.parameters) parameters.push_back(element_json(element));
  ordered_json out{{"principle", why.principle},
                   {"title", why.title},
                   {"rule", why.rule_id.empty() ? ordered_json(nullptr) : ordered_json(why.rule_id)},
                   {"rule_doc", why.rule_doc},
                   {"failed_condition", why.failed_condition},
                   {"bindings", pairs_json(why.bindings)},
                   {"held", std::move(held)},
                   {"failed", why.failed.written.empty() ? ordered_json(nullptr) : element_json(why.failed)},
                   {"parameters", std::move(parameters)}};
  // Only a why-not a parameter failed names the profile, as only a cut search says so.
  if (!why.profile.empty()) out["profile"] = why.profile;
  out["text"] = why.text;
  if (!why.search_complete) out["search_complete"] = false;
  return out;
}

}  // namespace

std::string_view level_token(explain::Level level) {
  switch (level) {
    case explain::Level::implicated: return "implicated";
    case explain::Level::possible: return "possible";
    case explain::Level::not_implicated: return "not_implicated";
  }
  return "?";
}

std::string report_to_json(const explain::Report& report, Detail detail, JsonLayout layout) {
  ordered_json findings = ordered_json::array();
  for (const auto& finding : report.findings) findings.push_back(finding_json(finding, detail));
  ordered_json not_implicated = ordered_json::array();
  for (const auto& why : report.not_implicated) not_implicated.push_back(why_not_json(why));
  ordered_json out{{"scenario", report.scenario},
                   {"title", report.title},
                   {"profile", report.profile},
                   {"names", pairs_json(report.names)}};
  // Only a report that made assumptions lists them, so other reports keep their shape.
  if (!report.assumptions.empty()) out["assumptions"] = assumptions_to_json(report.assumptions);
  out["findings"] = std::move(findings);
  out["questions"] = questions_json(report.questions);
  out["not_implicated"] = std::move(not_implicated);
  return json_text(out, layout);
}

}  // namespace cybernorms::render
