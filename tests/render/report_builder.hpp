// Reports built by hand, so renderer tests need no engine.
#pragma once
#include "explain/report.hpp"

#include <string>

namespace cybernorms::test {

inline Citation sov3_obligations(std::string quote) {
  return Citation{"sov3", "The Concept of Sovereignty in Cyberspace / II. Obligations", std::move(quote), {}};
}

inline explain::ProofStep leaf(std::string relation, std::vector<std::string> args, std::string text,
                               Truth truth = Truth::yes) {
  explain::ProofStep step;
  step.fact = explain::FactRef{std::move(relation), std::move(args), std::move(text)};
  step.truth = truth;
  return step;
}

/// One implicated and one possible finding, and one principle not implicated.
inline explain::Report sample_report(std::string profile = "default") {
  explain::Report report;
  report.scenario = "grid-blackout";
  report.profile = std::move(profile);

  explain::Finding implicated;
  implicated.principle = "non_infringement";
  implicated.title = "Non-infringement of the sovereignty of other countries";
  implicated.roles = {{"responsible", "a"}, {"injured", "b"}, {"operation", "op1"}};
  implicated.level = explain::Level::implicated;
  implicated.citations = {sov3_obligations("Non-infringement of the sovereignty of other countries")};
  implicated.proof = leaf("non_infringement", {"a", "b", "op1"}, "a infringed the sovereignty of b by op1");
  implicated.proof.source = StepSource::rule;
  implicated.proof.rule_id = "non_infringement.unauthorised_access";
  implicated.proof.because = "op1, attributable to a, accessed systems in b without permission";
  implicated.proof.bindings = {{"State", "a"}, {"Victim", "b"}, {"Op", "op1"}};
  implicated.proof.citations = {
      sov3_obligations("No country shall without permission access the cyberinfrastructure of another country")};
  implicated.proof.absent = {"exception consent: b consented to op1 (no fact)"};
  explain::ProofStep attributed = leaf("attributed_to", {"op1", "a"}, "op1 is attributable to a");
  attributed.source = StepSource::rule;
  attributed.rule_id = "attribution.organ";
  attributed.because = "op1 was carried out by unit, an organ of a";
  attributed.premises = {leaf("conducted_by", {"op1", "unit"}, "op1 was carried out by unit"),
                         leaf("organ_of", {"unit", "a"}, "unit is an organ of a")};
  implicated.proof.premises = {attributed, leaf("act", {"op1", "unauthorised_access"}, "op1 involved unauthorised_access")};
  report.findings.push_back(implicated);

  explain::Finding possible;
  possible.principle = "non_interference";
  possible.title = "Non-interference in the internal affairs of other countries";
  possible.roles = {{"responsible", "a"}, {"injured", "b"}, {"operation", "op1"}};
  possible.level = explain::Level::possible;
  possible.hinge_sets = {{{explain::FactRef{"coercive", {"op1"}, "op1 was coercive"}, true}},
                         {{explain::FactRef{"aim", {"op1", "coerce_policy"}, "op1 aimed at coerce_policy"}, true},
                          {explain::FactRef{"consent_given", {"op1", "b"}, "b consented to op1"}, false}}};
  // The same two sets as answers to the report's questions, as explain::QuestionBook words them.
  report.questions = {
      explain::Question{"coercion", "coercion", "Was op1 coercive?", {possible.hinge_sets[0][0].fact}, false, {}},
      explain::Question{"aims", "aims", "What did op1 aim at?", {possible.hinge_sets[1][0].fact}, false, {}},
      explain::Question{"consent", "consent", "Did b consent to op1?", {possible.hinge_sets[1][1].fact}, false, {}}};
  possible.routes = {{explain::Answer{0, true, {0}, false, "yes"}},
                     {explain::Answer{1, true, {0}, false, "coerce_policy"}, explain::Answer{2, false, {0}, false, "no"}}};
  possible.routes_found = 2;
  possible.citations = {sov3_obligations("Non-interference in the internal affairs of other countries")};
  possible.proof = leaf("non_interference", {"a", "b", "op1"}, "a interfered in the internal affairs of b by op1",
                        Truth::unknown);
  possible.proof.source = StepSource::rule;
  possible.proof.rule_id = "non_interference.coercion";
  possible.proof.because = "op1, attributable to a, was coercive as to b's internal affairs";
  possible.proof.premises = {leaf("coercive", {"op1"}, "op1 was coercive", Truth::unknown)};
  report.findings.push_back(possible);

  explain::WhyNot why;
  why.principle = "use_of_force";
  why.title = "Prohibition of the threat or use of force";
  why.rule_id = "use_of_force.physical_damage";
  why.failed_condition = "effect(Op, physical_damage)";
  why.rule_doc = "Physical damage of significant scale is comparable to a physical attack.";
  why.bindings = {{"Op", "op1"}, {"State", "a"}};
  why.held = {{"$sovereignty_is_rule = true", "the profile sets sovereignty_is_rule = true", {}, "sovereignty_is_rule",
               "true"},
              {"attributed_to(Op, State)", "op1 is attributable to a",
               {"attributed_to", {"op1", "a"}, "op1 is attributable to a"}, "", ""}};
  why.failed = {"effect(Op, physical_damage)", "no stated fact says that op1 caused physical_damage", {}, "", ""};
  why.text = "the nearest rule is use_of_force.physical_damage (physical damage of significant scale is comparable to "
             "a physical attack); it fails because no stated fact says that op1 caused physical_damage. What held: "
             "the profile sets sovereignty_is_rule = true; op1 is attributable to a.";
  report.not_implicated.push_back(why);
  return report;
}

}  // namespace cybernorms::test
