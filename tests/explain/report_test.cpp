#include "../infer/rule_builder.hpp"
#include "../infer/session_helpers.hpp"
#include "explain/build_report.hpp"
#include "explain/wording.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace cybernorms;
using namespace cybernorms::testing;
using base::Truth;
using explain::Level;

namespace {

compile::RuleSet sovereignty_rules() {
  RuleSetBuilder b;
  b.relation("act", {"op", "kind"}, compile::RelationKind::base, "{op} involved {kind}");
  b.relation("operated_by", {"op", "group"}, compile::RelationKind::base, "{op} was carried out by {group}");
  b.relation("directed", {"state", "group"}, compile::RelationKind::base, "{state} directed {group}");
  b.relation("affects_state", {"op", "state"}, compile::RelationKind::base, "{op} affected systems in {state}");
  b.relation("consent_given", {"op", "state"}, compile::RelationKind::base, "{state} consented to {op}");
  b.relation("attributed_to", {"op", "state"}, compile::RelationKind::derived, "{op} is attributable to {state}");
  b.principle("non_infringement", {"responsible", "injured", "operation"}, "Non-infringement of sovereignty",
              "{responsible} infringed the sovereignty of {injured} by {operation}");
  b.principle("non_interference", {"responsible", "injured", "operation"}, "Non-interference");
  b.rule("attribution.directed", "attributed_to(Op, S) :- operated_by(Op, G), directed(S, G)",
         "{Op} was carried out by {G}, which {S} directed");
  b.rule("non_infringement.unauthorised_access",
         "non_infringement(S, V, Op) :- attributed_to(Op, S), affects_state(Op, V), S != V, act(Op, unauthorised_access)",
         "{Op}, attributable to {S}, accessed systems in {V} without permission");
  b.exception("consent", "non_infringement", {1, 2}, "(V, Op) :- consent_given(Op, V)", "{V} consented to {Op}");
  b.rule("non_interference.coercion",
         "non_interference(S, V, Op) :- attributed_to(Op, S), affects_state(Op, V), act(Op, coercion)",
         "{Op} coerced {V}");
  return b.build();
}

struct Fixture {
  compile::RuleSet rules = sovereignty_rules();
  infer::Network network{rules};
  infer::Session session{network};
};

}  // namespace

TEST_CASE("an established principle becomes an implicated finding with roles, proof, citations and exceptions checked") {
  Fixture f;
  for (const auto* fact : {"act(op1, unauthorised_access)", "operated_by(op1, apt9)", "directed(a, apt9)",
                           "affects_state(op1, b)"})
    add(f.session, fact);
  f.session.evaluate();
  const auto report = explain::build_report(f.rules, f.session, {"s1", "default"});
  REQUIRE(report.findings.size() == 1);
  const auto& finding = report.findings[0];
  CHECK(finding.principle == "non_infringement");
  CHECK(finding.title == "Non-infringement of sovereignty");
  CHECK(finding.level == Level::implicated);
  CHECK(finding.roles == explain::Bindings{{"responsible", "a"}, {"injured", "b"}, {"operation", "op1"}});
  CHECK(finding.hinge_sets.empty());
  CHECK(finding.citations.size() == 1);
  const auto& proof = finding.proof;
  CHECK(proof.fact.text == "a infringed the sovereignty of b by op1");
  CHECK(proof.rule_id == "non_infringement.unauthorised_access");
  CHECK(proof.because == "op1, attributable to a, accessed systems in b without permission");
  CHECK(proof.bindings == explain::Bindings{{"S", "a"}, {"V", "b"}, {"Op", "op1"}});
  CHECK(proof.citations.front().quote == "quote of non_infringement.unauthorised_access");
  CHECK(proof.absent == std::vector<std::string>{"exception consent does not apply (b, op1)"});
  REQUIRE(proof.premises.size() == 3);
  CHECK(proof.premises[0].because == "op1 was carried out by apt9, which a directed");
  CHECK(proof.premises[0].premises[1].fact.text == "a directed apt9");
  CHECK(proof.premises[0].premises[1].rule_id.empty());
  CHECK(proof.premises[0].premises[1].truth == Truth::yes);
  CHECK(proof.premises[2].fact.text == "op1 involved unauthorised_access");
  CHECK(report.scenario == "s1");
}

TEST_CASE("unknown consent leaves non_infringement possible and names the hinge with the value it needs") {
  Fixture f;
  for (const auto* fact : {"act(op1, unauthorised_access)", "operated_by(op1, apt9)", "directed(a, apt9)",
                           "affects_state(op1, b)"})
    add(f.session, fact);
  add(f.session, "consent_given(op1, b)", Truth::unknown);
  f.session.evaluate();
  const auto report = explain::build_report(f.rules, f.session);
  REQUIRE(report.findings.size() == 1);
  const auto& finding = report.findings[0];
  CHECK(finding.level == Level::possible);
  REQUIRE(finding.hinge_sets.size() == 1);
  CHECK(finding.hinge_sets[0] ==
        std::vector<explain::Hinge>{{{"consent_given", {"op1", "b"}, "b consented to op1"}, false}});
  CHECK(finding.proof.truth == Truth::unknown);
  CHECK(finding.proof.absent == std::vector<std::string>{"exception consent may apply (b, op1)"});
}

TEST_CASE("unknown direction of a group makes attribution and the finding hinge on it being true") {
  Fixture f;
  for (const auto* fact : {"act(op1, unauthorised_access)", "operated_by(op1, apt9)", "affects_state(op1, b)"})
    add(f.session, fact);
  add(f.session, "directed(a, apt9)", Truth::unknown);
  add(f.session, "directed(c, apt9)", Truth::unknown);
  f.session.evaluate();
  explain::ReportOptions options;
  options.max_hinge_sets = 4;
  const auto report = explain::build_report(f.rules, f.session, options);
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].roles[0].second == "a");
  CHECK(report.findings[1].roles[0].second == "c");
  REQUIRE(report.findings[0].hinge_sets.size() == 1);
  CHECK(report.findings[0].hinge_sets[0].front().fact.text == "a directed apt9");
  CHECK(report.findings[0].hinge_sets[0].front().needs_true);
  CHECK(report.findings[0].proof.premises[0].premises[1].truth == Truth::unknown);
}

TEST_CASE("a principle with no finding says which condition of the nearest rule failed") {
  Fixture f;
  for (const auto* fact : {"act(op1, unauthorised_access)", "operated_by(op1, apt9)", "directed(a, apt9)",
                           "affects_state(op1, b)"})
    add(f.session, fact);
  f.session.evaluate();
  const auto report = explain::build_report(f.rules, f.session);
  REQUIRE(report.not_implicated.size() == 1);
  const auto& why = report.not_implicated[0];
  CHECK(why.principle == "non_interference");
  CHECK(why.title == "Non-interference");
  CHECK(why.rule_id == "non_interference.coercion");
  CHECK(why.failed_condition == "act(Op, coercion)");
  CHECK(why.bindings == explain::Bindings{{"S", "a"}, {"V", "b"}, {"Op", "op1"}});
  // Each element in words: the facts that satisfied those that held, and the one that failed.
  REQUIRE(why.held.size() == 2);
  CHECK(why.held[0].written == "attributed_to(Op, S)");
  CHECK(why.held[0].text == "op1 is attributable to a");
  CHECK(why.held[0].fact == explain::FactRef{"attributed_to", {"op1", "a"}, "op1 is attributable to a"});
  CHECK(why.held[1].text == "op1 affected systems in b");
  CHECK(why.failed.written == "act(Op, coercion)");
  CHECK(why.failed.text == "no stated fact says that op1 involved coercion");
  CHECK(why.parameters.empty());
  CHECK(why.profile.empty());
  CHECK(why.text == "the nearest rule is non_interference.coercion; it fails because no stated fact says that op1 "
                    "involved coercion. What held: op1 is attributable to a; op1 affected systems in b.");
  CHECK(explain::why_not_paragraph(why) == why.text);
}

TEST_CASE("a why-not whose nearest rule fails only on a profile parameter names the profile and the value") {
  RuleSetBuilder b;
  b.enumeration({"penetration", "functional_loss"});
  b.relation("act", {"op", "kind"}, compile::RelationKind::base, "{op} involved {kind}");
  b.relation("reached", {"op", "level"}, compile::RelationKind::base, "{op} reached {level}");
  b.relation("breach", {"op"}, compile::RelationKind::derived, "{op} breached sovereignty");
  b.param("espionage_breaches", "true");
  b.param("threshold", "penetration");
  b.profile("tallinn", {"false", "functional_loss"});
  b.rule("breach.intrusion", "breach(Op) :- $threshold($threshold), reached(Op, L), L >= $threshold");
  b.rule("breach.espionage",
         "breach(Op) :- $espionage_breaches($espionage_breaches), act(Op, surveillance), act(Op, data_theft), "
         "$espionage_breaches = true");
  auto rules = b.build();
  rules.params[0].doc = "Remote surveillance as such breaches sovereignty.";
  rules.params[1].doc = "What a remote operation must reach.";
  const infer::Network network(rules);
  infer::Session session(network);
  session.use_profile(*rules.find_profile("tallinn"));
  for (const auto* fact : {"act(op1, surveillance)", "act(op1, data_theft)", "reached(op1, penetration)"})
    add(session, fact);
  session.evaluate();
  const std::vector<std::optional<base::SymbolId>> open{std::nullopt};
  const auto why = explain::why_not(rules, session, *rules.find_relation("breach"), open, "tallinn");
  // Both rules fail only on the profile; the one with more elements held is the nearer.
  CHECK(why.rule_id == "breach.espionage");
  CHECK(why.failed.written == "$espionage_breaches = true");
  CHECK(why.failed.parameter == "espionage_breaches");
  CHECK(why.failed.value == "false");
  REQUIRE(why.parameters.size() == 1);
  CHECK(why.parameters[0] == why.failed);
  CHECK(why.profile == "tallinn");
  CHECK(why.held.size() == 2);
  CHECK(why.text.find("it fails because under tallinn it is not the case that remote surveillance as such breaches "
                      "sovereignty: the profile sets espionage_breaches = false.") != std::string::npos);

  // A threshold compared with a fact's value says both, under the profile.
  const auto rules_one = [&] {
    auto only = rules;
    only.rules.erase(std::remove_if(only.rules.begin(), only.rules.end(),
                                    [](const compile::Rule& rule) { return rule.id == "breach.espionage"; }),
                     only.rules.end());
    return only;
  }();
  const infer::Network threshold_network(rules_one);
  infer::Session threshold_session(threshold_network);
  threshold_session.use_profile(*rules_one.find_profile("tallinn"));
  add(threshold_session, "reached(op1, penetration)");
  threshold_session.evaluate();
  const auto below = explain::why_not(rules_one, threshold_session, *rules_one.find_relation("breach"), open, "tallinn");
  CHECK(below.failed.written == "L >= $threshold");
  CHECK(below.failed.text == "under tallinn penetration is below functional_loss: the profile sets threshold = "
                             "functional_loss (what a remote operation must reach)");
  REQUIRE(below.held.size() == 1);
  CHECK(below.held[0].text == "op1 reached penetration");
}

TEST_CASE("an established exception is the failed condition of a ground why-not") {
  Fixture f;
  for (const auto* fact : {"act(op1, unauthorised_access)", "operated_by(op1, apt9)", "directed(a, apt9)",
                           "affects_state(op1, b)", "consent_given(op1, b)"})
    add(f.session, fact);
  f.session.evaluate();
  const auto goal = ground(f.session, "non_infringement(a, b, op1)");
  const std::vector<std::optional<base::SymbolId>> values(goal.args.begin(), goal.args.end());
  const auto why = explain::why_not(f.rules, f.session, goal.relation, values);
  CHECK(why.failed_condition == "no exception consent(V, Op)");
  CHECK(why.rule_id == "non_infringement.unauthorised_access");
  // The exception reads by its own `because`, as its derivation fills it in.
  CHECK(why.failed.text == "b consented to op1, which excludes it (exception consent)");
}

TEST_CASE("a negated condition that failed names the fact that is there") {
  RuleSetBuilder b;
  b.relation("act", {"op", "kind"}, compile::RelationKind::base, "{op} involved {kind}");
  b.relation("consent_given", {"op", "state"}, compile::RelationKind::base, "{state} consented to {op}");
  b.relation("affects_state", {"op", "state"}, compile::RelationKind::base, "{op} affected systems in {state}");
  b.relation("p", {"op", "state"}, compile::RelationKind::derived);
  b.rule("p.unconsented", "p(Op, S) :- act(Op, intrusion), affects_state(Op, S), not consent_given(Op, S)");
  const auto rules = b.build();
  const infer::Network network(rules);
  infer::Session session(network);
  add(session, "act(op1, intrusion)");
  add(session, "affects_state(op1, arland)");
  add(session, "consent_given(op1, arland)");
  session.evaluate();
  const std::vector<std::optional<base::SymbolId>> goal{std::nullopt, session.intern("arland")};
  const auto why = explain::why_not(rules, session, *rules.find_relation("p"), goal);
  CHECK(why.failed.written == "not consent_given(Op, S)");
  CHECK(why.failed.text == "arland consented to op1, which excludes it");
  CHECK(why.failed.fact.relation == "consent_given");
  REQUIRE(why.held.size() == 2);
  CHECK(why.held[0].text == "op1 involved intrusion");
  CHECK(why.held[1].text == "op1 affected systems in arland");
}

TEST_CASE("a why-not whose goal clashes with every head says so") {
  RuleSetBuilder b;
  b.relation("p", {"x"});
  b.relation("q", {"x"}, compile::RelationKind::derived);
  b.rule("q.fixed", "q(a) :- p(a)");
  const auto rules = b.build();
  const infer::Network network(rules);
  infer::Session session(network);
  session.evaluate();
  const std::vector<std::optional<base::SymbolId>> goal{session.intern("z")};
  const auto why = explain::why_not(rules, session, *rules.find_relation("q"), goal);
  CHECK(why.text == "the nearest rule is q.fixed, which concludes other values");
  const auto none = explain::why_not(rules, session, *rules.find_relation("p"), goal);
  CHECK(none.text == "no rule concludes it");
}

TEST_CASE("a why-not search that runs out of its budget says a nearer rule may exist") {
  RuleSetBuilder b;
  b.relation("a", {"x"});
  b.relation("b", {"y"});
  b.relation("c", {"x", "y"});
  b.relation("goal", {"x"}, compile::RelationKind::derived);
  b.rule("goal.pair", "goal(X) :- a(X), b(Y), c(X, Y)");
  const auto rules = b.build();
  const infer::Network network(rules);
  infer::Session session(network);
  auto why_goal = [&] {
    session.evaluate();
    const std::vector<std::optional<base::SymbolId>> open{std::nullopt};
    return explain::why_not(rules, session, *rules.find_relation("goal"), open);
  };
  add(session, "a(x0)");
  add(session, "b(y0)");
  const auto searched = why_goal();
  CHECK(searched.search_complete);
  CHECK(searched.failed_condition == "c(X, Y)");
  CHECK(searched.text.find("budget") == std::string::npos);
  // 1,000 x 1,000 pairs to try, none of them in c: more than the search may take.
  session.clear();
  for (int i = 0; i < 1000; ++i) {
    add(session, "a(x" + std::to_string(i) + ")");
    add(session, "b(y" + std::to_string(i) + ")");
  }
  const auto cut = why_goal();
  CHECK_FALSE(cut.search_complete);
  CHECK(cut.text.find("The search for the nearest rule stopped at its budget of 200000 steps: a rule may come nearer.") !=
        std::string::npos);
}

TEST_CASE("findings are sorted by principle then roles whatever the order facts were given in") {
  auto report_for = [](bool reversed) {
    Fixture f;
    std::vector<std::string> facts{"act(op1, unauthorised_access)", "act(op2, unauthorised_access)",
                                   "operated_by(op1, g)", "operated_by(op2, g)", "directed(a, g)",
                                   "affects_state(op2, c)", "affects_state(op1, b)", "act(op2, coercion)"};
    if (reversed) std::reverse(facts.begin(), facts.end());
    for (const auto& fact : facts) add(f.session, fact);
    f.session.evaluate();
    std::vector<std::string> lines;
    for (const auto& finding : explain::build_report(f.rules, f.session).findings)
      lines.push_back(finding.principle + " " + finding.proof.fact.text + " " + finding.proof.because);
    return lines;
  };
  const auto forward = report_for(false);
  CHECK(forward == report_for(true));
  CHECK(forward == std::vector<std::string>{
                       "non_infringement a infringed the sovereignty of b by op1 op1, attributable to a, accessed systems in b without permission",
                       "non_infringement a infringed the sovereignty of c by op2 op2, attributable to a, accessed systems in c without permission",
                       "non_interference non_interference(a, c, op2) op2 coerced c"});
}

TEST_CASE("proofs can be left out and further derivations included on request") {
  Fixture f;
  for (const auto* fact : {"act(op1, unauthorised_access)", "operated_by(op1, g1)", "operated_by(op1, g2)",
                           "directed(a, g1)", "directed(a, g2)", "affects_state(op1, b)"})
    add(f.session, fact);
  infer::Options evaluation;
  evaluation.lower_derivations = 4;
  f.session.evaluate(evaluation);
  explain::ReportOptions options;
  options.proofs = false;
  CHECK(explain::build_report(f.rules, f.session, options).findings[0].proof.rule_id.empty());
  options.proofs = true;
  options.max_derivations = 4;
  const auto report = explain::build_report(f.rules, f.session, options);
  CHECK(report.findings[0].other_proofs.empty());
  CHECK(report.findings[0].proof.premises[0].because == "op1 was carried out by g1, which a directed");
  const auto attribution = ground(f.session, "attributed_to(op1, a)");
  const auto fact = *f.session.find_fact(attribution.relation, attribution.args);
  CHECK(explain::build_proof(f.session, fact, 1).because == "op1 was carried out by g2, which a directed");
}

TEST_CASE("a template keeps placeholders it has no value for") {
  CHECK(explain::fill_template("{A} met {B} at {", {{"A", "x"}}) == "x met {B} at {");
}

TEST_CASE("a proof tree is folded at its depth and its step budget, and says so") {
  RuleSetBuilder b;
  b.relation("start", {"n"});
  b.relation("edge", {"from", "to"});
  b.relation("reach", {"n"}, compile::RelationKind::derived, "{n} is reached");
  b.rule("reach.start", "reach(X) :- start(X)");
  b.rule("reach.step", "reach(Y) :- reach(X), edge(X, Y)", "from {X} to {Y}");
  const auto rules = b.build();
  const infer::Network network(rules);
  infer::Session session(network);
  add(session, "start(n0)");
  for (int i = 0; i < 3000; ++i) add(session, "edge(n" + std::to_string(i) + ", n" + std::to_string(i + 1) + ")");
  session.evaluate();
  auto fact_of = [&](const std::string& text) {
    const auto goal = ground(session, text);
    return *session.find_fact(goal.relation, goal.args);
  };
  // The steps down the first premises, the root first.
  auto spine = [](const explain::ProofStep& root) {
    std::vector<const explain::ProofStep*> steps{&root};
    while (!steps.back()->premises.empty()) steps.push_back(&steps.back()->premises.front());
    return steps;
  };
  auto folds = [&](const explain::ProofStep& root) {
    std::size_t count = 0;
    for (const auto* step : spine(root)) count += step->folded != ProofFold::none ? 1 : 0;
    return count;
  };

  SUBCASE("a short proof is whole") {
    const auto whole = explain::build_proof(session, fact_of("reach(n5)"));
    CHECK(spine(whole).size() == 7);  // reach(n5) ... reach(n0), start(n0)
    CHECK(folds(whole) == 0);
  }
  SUBCASE("a deep one stops at the default depth, its last step folded") {
    const auto folded = explain::build_proof(session, fact_of("reach(n3000)"));
    const auto steps = spine(folded);
    REQUIRE(steps.size() == default_proof_depth);
    CHECK(steps.back()->folded == ProofFold::depth);
    CHECK(steps.back()->rule_id == "reach.step");
    CHECK(folds(folded) == 1);
  }
  SUBCASE("a depth asked for is kept up to the largest allowed") {
    CHECK(spine(explain::build_proof(session, fact_of("reach(n3000)"), 0, {.max_depth = 200})).size() == 200);
    const auto deepest = explain::build_proof(session, fact_of("reach(n3000)"), 0, {.max_depth = 1'000'000});
    CHECK(deepest.because == "from n2999 to n3000");
    CHECK(spine(deepest).size() == max_proof_depth);
    CHECK(spine(deepest).back()->folded == ProofFold::depth);
  }
  SUBCASE("the step budget folds the step where it runs out") {
    const auto cut = explain::build_proof(session, fact_of("reach(n3000)"), 0, {.max_depth = 1'000, .max_steps = 10});
    const auto steps = spine(cut);
    CHECK(steps.size() <= 11);
    CHECK(folds(cut) >= 1);
    CHECK(std::any_of(steps.begin(), steps.end(), [](const auto* s) { return s->folded == ProofFold::steps; }));
  }
}
