// The hinge search says when it stopped short: at its work budget, its depth, a fact's
// kept derivations or the sets it keeps per fact; and that it was complete otherwise.
#include "infer/hinges.hpp"
#include "infer/session.hpp"
#include "rule_builder.hpp"
#include "session_helpers.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cybernorms;
using namespace cybernorms::testing;
using base::Truth;

namespace {

infer::FactId fact_of(infer::Session& session, std::string_view text) {
  const auto fact = ground(session, text);
  return *session.find_fact(fact.relation, fact.args);
}

// reach(n0) holds; reach passes along edges; only the first edge is unknown.
void add_chain(infer::Session& session, int length) {
  add(session, "start(n0)");
  for (int i = 0; i < length; ++i)
    add(session, "edge(n" + std::to_string(i) + ", n" + std::to_string(i + 1) + ")", i == 0 ? Truth::unknown : Truth::yes);
}

compile::RuleSet chain_rules() {
  RuleSetBuilder b;
  b.relation("start", {"n"});
  b.relation("edge", {"from", "to"});
  b.relation("reach", {"n"}, compile::RelationKind::derived);
  b.rule("reach.start", "reach(X) :- start(X)");
  b.rule("reach.step", "reach(Y) :- reach(X), edge(X, Y)");
  return b.build();
}

// `any` holds for a group with any one unknown member; `both` needs two unknowns at once;
// `lonely` needs `any` false.
compile::RuleSet alternatives_rules() {
  RuleSetBuilder b;
  b.relation("group", {"g"});
  b.relation("member", {"g", "m"});
  b.relation("a", {"g"});
  b.relation("b", {"g"});
  b.relation("any", {"g"}, compile::RelationKind::derived);
  b.relation("both", {"g"}, compile::RelationKind::derived);
  b.relation("lonely", {"g"}, compile::RelationKind::derived);
  b.rule("any", "any(G) :- member(G, M)");
  b.rule("both", "both(G) :- a(G), b(G)");
  b.rule("lonely", "lonely(G) :- group(G), not any(G)");
  return b.build();
}

void add_members(infer::Session& session, int count) {
  add(session, "group(g)");
  for (int i = 0; i < count; ++i) add(session, "member(g, m" + std::to_string(i) + ")", Truth::unknown);
}

}  // namespace

TEST_CASE("a chain of derivations deeper than the search follows is reported cut at its depth, not as no set") {
  const auto rules = chain_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  add_chain(session, 3000);
  REQUIRE_FALSE(session.evaluate().has_value());
  infer::HingeSearch search(session);
  const auto far = fact_of(session, "reach(n3000)");
  REQUIRE(session.truth(far) == Truth::unknown);
  const auto deep = search.find(far, 4);
  CHECK(deep.sets.empty());
  CHECK_FALSE(deep.complete());
  CHECK(deep.cut == infer::hinge_cut::depth);
  SUBCASE("a fact near the unknown is found, and complete") {
    const auto near = search.find(fact_of(session, "reach(n5)"), 4);
    CHECK(near.sets.size() == 1);
    CHECK(near.complete());
  }
}

TEST_CASE("a search out of work budget says so, and the same search within it is complete") {
  const auto rules = alternatives_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  add(session, "a(g)", Truth::unknown);
  add(session, "b(g)", Truth::unknown);
  REQUIRE_FALSE(session.evaluate().has_value());
  const auto both = fact_of(session, "both(g)");
  const auto starved = infer::HingeSearch(session, 8, 0).find(both, 4);
  CHECK(starved.sets.empty());
  CHECK(starved.cut == infer::hinge_cut::work);
  // Four steps: both(g), a(g) and b(g) searched, and {a} merged with {b}.
  const auto short_by_one = infer::HingeSearch(session, 8, 3).find(both, 4);
  CHECK(short_by_one.cut == infer::hinge_cut::work);
  const auto fed = infer::HingeSearch(session, 8, 4).find(both, 4);
  CHECK(fed.sets.size() == 1);
  CHECK(fed.complete());
}

TEST_CASE("a list cut to the sets asked for says how many were found") {
  const auto rules = alternatives_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  add_members(session, 6);
  REQUIRE_FALSE(session.evaluate().has_value());
  const auto result = infer::HingeSearch(session).find(fact_of(session, "any(g)"), 4);
  CHECK(result.sets.size() == 4);
  CHECK(result.found == 6);
  CHECK(result.complete());
  SUBCASE("more minimal sets than the search keeps per fact leave it incomplete") {
    const auto kept = infer::HingeSearch(session, 5).find(fact_of(session, "any(g)"), 4);
    CHECK(kept.found == 5);
    CHECK(kept.cut == infer::hinge_cut::sets);
  }
}

TEST_CASE("derivations past those kept leave a search incomplete, whether it needs the fact true or false") {
  const auto rules = alternatives_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  add_members(session, 3);
  infer::Options options;
  options.upper_derivations = 2;
  REQUIRE_FALSE(session.evaluate(options).has_value());
  infer::HingeSearch search(session);
  const auto any = search.find(fact_of(session, "any(g)"), 4);
  CHECK(any.sets.size() == 2);
  CHECK(any.cut == infer::hinge_cut::derivations);
  const auto lonely = search.find(fact_of(session, "lonely(g)"), 4);
  CHECK(lonely.sets.empty());
  CHECK(lonely.cut == infer::hinge_cut::derivations);
  SUBCASE("with every derivation kept, the same facts are complete") {
    infer::Session all(network);
    add_members(all, 3);
    REQUIRE_FALSE(all.evaluate().has_value());
    infer::HingeSearch full(all);
    CHECK(full.find(fact_of(all, "any(g)"), 4).complete());
    const auto refuted = full.find(fact_of(all, "lonely(g)"), 4);
    CHECK(refuted.complete());
    CHECK(refuted.sets.size() == 1);
  }
}

TEST_CASE("a search through a cycle of possible facts ends within its budget, and says it was cut") {
  // Transitive closure over unknown links: every path through the cycle of reach facts is
  // a path the search may follow, and their number grows exponentially with the nodes.
  RuleSetBuilder b;
  b.relation("link", {"x", "y"});
  b.relation("reach", {"x", "y"}, compile::RelationKind::derived);
  b.rule("reach.link", "reach(X, Y) :- link(X, Y)");
  b.rule("reach.join", "reach(X, Z) :- reach(X, Y), reach(Y, Z)");
  const auto rules = b.build();
  const infer::Network network(rules);
  infer::Session session(network);
  constexpr int nodes = 8;
  for (int x = 0; x < nodes; ++x)
    for (int y = 0; y < nodes; ++y)
      add(session, "link(n" + std::to_string(x) + ", n" + std::to_string(y) + ")", Truth::unknown);
  session.evaluate();

  SUBCASE("small budgets stop it, on the first fact and on every one after") {
    infer::HingeSearch search(session, 8, 1'000);
    const auto first = search.find(fact_of(session, "reach(n0, n7)"), 4);
    CHECK((first.cut & infer::hinge_cut::work) != 0);
    CHECK_FALSE(first.complete());
    for (int y = 0; y < nodes; ++y) {
      const auto later = search.find(fact_of(session, "reach(n1, n" + std::to_string(y) + ")"), 4);
      CHECK_FALSE(later.complete());
      for (const auto& set : later.sets) CHECK_FALSE(set.empty());
    }
  }
  SUBCASE("the default budget stops it too, and what it found is still sufficient") {
    infer::HingeSearch search(session);
    const auto fact = fact_of(session, "reach(n2, n5)");
    const auto result = search.find(fact, 4);
    CHECK_FALSE(result.complete());
    for (const auto& set : result.sets)
      for (const auto& literal : set) CHECK(session.base_truth(literal.fact) == Truth::unknown);
  }
}

TEST_CASE("a restarted search finds what a new search finds, with its whole budget again") {
  const auto rules = alternatives_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  add_members(session, 3);
  add(session, "a(g)", Truth::unknown);
  add(session, "b(g)", Truth::unknown);
  REQUIRE_FALSE(session.evaluate().has_value());
  const auto both = fact_of(session, "both(g)");
  const auto lonely = fact_of(session, "lonely(g)");
  // both(g) takes four steps of the budget of seven (three facts searched, one merge),
  // lonely(g) seven (lonely, any and three members searched, two merges): not both in one search.
  infer::HingeSearch reused(session, 8, 7);
  CHECK(reused.find(both, 4).complete());
  CHECK(reused.find(lonely, 4).cut == infer::hinge_cut::work);
  reused.restart();
  const auto again = reused.find(lonely, 4);
  const auto fresh = infer::HingeSearch(session, 8, 7).find(lonely, 4);
  CHECK(again.complete());
  CHECK(again.sets.size() == 1);
  CHECK(again.sets == fresh.sets);
  CHECK(again.cut == fresh.cut);
  CHECK(again.found == fresh.found);
}

TEST_CASE("a derivation whose every set includes one already found adds nothing, nor the limits of its premises") {
  // claim(g) holds on flag(g) alone, or on flag(g) and one of six members: every set of
  // the second derivation includes {flag(g)}, so the search stops it at its first premise,
  // before it meets more members than it keeps per fact (five here).
  RuleSetBuilder b;
  b.relation("flag", {"g"});
  b.relation("member", {"g", "m"});
  b.relation("wide", {"g"}, compile::RelationKind::derived);
  b.relation("claim", {"g"}, compile::RelationKind::derived);
  b.rule("wide", "wide(G) :- member(G, M)");
  b.rule("claim.flag", "claim(G) :- flag(G)");
  b.rule("claim.member", "claim(G) :- flag(G), wide(G)");
  const auto rules = b.build();
  const infer::Network network(rules);
  infer::Session session(network);
  add(session, "flag(g)", Truth::unknown);
  for (int i = 0; i < 6; ++i) add(session, "member(g, m" + std::to_string(i) + ")", Truth::unknown);
  REQUIRE_FALSE(session.evaluate().has_value());
  infer::HingeSearch search(session, 5);
  const auto claim = search.find(fact_of(session, "claim(g)"), 4);
  REQUIRE(claim.sets.size() == 1);
  CHECK(claim.sets.front() == infer::HingeSet{{fact_of(session, "flag(g)"), true}});
  CHECK(claim.found == 1);
  CHECK(claim.complete());
  SUBCASE("the premise searched alone still says it was cut") {
    CHECK(search.find(fact_of(session, "wide(g)"), 4).cut == infer::hinge_cut::sets);
  }
}
