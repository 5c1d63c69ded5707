// The matching core: keys, unification of a step with a fact, candidate cursors.
#include "infer/session.hpp"
#include "rule_builder.hpp"
#include "session_helpers.hpp"

#include <doctest/doctest.h>

using namespace cybernorms;
using namespace cybernorms::testing;
using base::Truth;
using infer::Slot;

namespace {

constexpr Slot constant(std::uint32_t symbol) { return {Slot::Kind::constant, symbol}; }
constexpr Slot bind(std::uint32_t variable) { return {Slot::Kind::bind, variable}; }
constexpr Slot check(std::uint32_t variable) { return {Slot::Kind::check, variable}; }

/// `q(X) :- s(X), p(X, Y), r(Y, b)`: p is looked up by X, r by both of its arguments.
compile::RuleSet join_rules() {
  RuleSetBuilder b;
  b.relation("s", {"x"});
  b.relation("p", {"x", "y"});
  b.relation("r", {"y", "z"});
  b.relation("q", {"x"}, compile::RelationKind::derived);
  b.rule("q", "q(X) :- s(X), p(X, Y), r(Y, b)");
  return b.build();
}

std::vector<infer::FactId> walk(infer::StepCursor cursor) {
  std::vector<infer::FactId> facts;
  for (auto fact = cursor.next(); fact != infer::no_fact; fact = cursor.next()) facts.push_back(fact);
  return facts;
}

}  // namespace

TEST_CASE("a fact is filed under the key its step looks it up by") {
  const auto rules = join_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  add(session, "r(y1, b)");
  const auto& step = network.plans().at(0).steps.at(2);
  REQUIRE(step.index != infer::no_index);
  const auto& index = network.indexes()[step.index];
  CHECK(index.positions == std::vector<std::uint8_t>{0, 1});
  const auto fact = ground(session, "r(y1, b)");
  std::vector<infer::SymbolId> values(network.plans()[0].variable_count, 0);
  values[1] = session.intern("y1");  // Y
  const infer::PlanBindings bindings(values);
  CHECK(infer::step_key(step, index, bindings) == infer::index_key(index, fact.args));
  SUBCASE("an index over every position hashes like the whole fact") {
    CHECK(infer::index_key(index, fact.args) == infer::fact_key(fact.relation, fact.args));
  }
  SUBCASE("keys of two relations with equal values differ") {
    CHECK(infer::fact_key(0, fact.args) != infer::fact_key(1, fact.args));
  }
}

TEST_CASE("in plan order a bind slot takes its argument and a check slot compares") {
  std::vector<infer::SymbolId> values{0, 0};
  infer::PlanBindings bindings(values);
  const std::vector<Slot> slots{constant(7), bind(0), check(0), bind(1)};
  CHECK(infer::unify(slots, std::vector<infer::SymbolId>{7, 3, 3, 4}, bindings));
  CHECK(values == std::vector<infer::SymbolId>{3, 4});
  CHECK_FALSE(infer::unify(slots, std::vector<infer::SymbolId>{8, 3, 3, 4}, bindings));
  CHECK_FALSE(infer::unify(slots, std::vector<infer::SymbolId>{7, 3, 5, 4}, bindings));
}

TEST_CASE("open bindings bind what has no value yet and undo to a mark") {
  infer::OpenBindings bindings(std::vector<std::optional<infer::SymbolId>>{std::nullopt, 5});
  const std::vector<Slot> slots{bind(0), bind(1)};  // values decide, not slot kinds: variable 1 compares
  CHECK_FALSE(infer::unify(slots, std::vector<infer::SymbolId>{3, 6}, bindings));
  bindings.undo(0);
  CHECK_FALSE(bindings.values()[0].has_value());
  const auto mark = bindings.mark();
  CHECK(infer::unify(slots, std::vector<infer::SymbolId>{3, 5}, bindings));
  CHECK(bindings.values()[0] == 3u);
  std::vector<infer::SymbolId> key;
  CHECK(infer::ground_if_bound(slots, bindings, key));
  CHECK(key == std::vector<infer::SymbolId>{3, 5});
  bindings.undo(mark);
  CHECK_FALSE(bindings.values()[0].has_value());
  CHECK(bindings.values()[1] == 5u);
  CHECK_FALSE(infer::ground_if_bound(slots, bindings, key));
}

TEST_CASE("the lower model matches established facts only and negates against the upper one") {
  CHECK(infer::usable_in(infer::Model::lower, Truth::yes));
  CHECK_FALSE(infer::usable_in(infer::Model::lower, Truth::unknown));
  CHECK(infer::usable_in(infer::Model::upper, Truth::unknown));
  CHECK(infer::absent_in(infer::Model::lower, Truth::no));
  CHECK_FALSE(infer::absent_in(infer::Model::lower, Truth::unknown));
  CHECK(infer::absent_in(infer::Model::upper, Truth::unknown));
  CHECK_FALSE(infer::absent_in(infer::Model::upper, Truth::yes));
}

TEST_CASE("a cursor walks a scan in order and an index chain newest first, within its range") {
  const auto rules = join_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  for (const auto* fact : {"p(a, 1)", "p(b, 2)", "p(a, 3)", "p(a, 4)", "p(a, 1)"}) add(session, fact);
  const auto& p = session.facts_of(*rules.find_relation("p"));
  REQUIRE(p.size() == 4);
  CHECK(walk(infer::StepCursor::scan(p, 1, 3)) == std::vector<infer::FactId>{p[1], p[2]});
  CHECK(walk(infer::StepCursor::scan(p, 2, 2)).empty());

  const auto& step = network.plans().at(0).steps.at(1);
  REQUIRE(step.index != infer::no_index);
  std::vector<infer::SymbolId> values(network.plans()[0].variable_count, 0);
  const infer::PlanBindings bindings(values);
  values[0] = session.intern("a");  // X
  CHECK(walk(session.store().candidates(step, bindings, 0, 4)) == std::vector<infer::FactId>{p[3], p[2], p[0]});
  CHECK(walk(session.store().candidates(step, bindings, 1, 3)) == std::vector<infer::FactId>{p[2]});
  CHECK(walk(session.store().candidates(step, bindings, 0, 2)) == std::vector<infer::FactId>{p[0]});
  values[0] = session.intern("b");
  CHECK(walk(session.store().candidates(step, bindings, 0, 4)) == std::vector<infer::FactId>{p[1]});
  CHECK(walk(session.store().candidates(step, bindings, 2, 4)).empty());
  SUBCASE("a step without an index scans its range") {
    infer::Step scan_step = step;
    scan_step.index = infer::no_index;
    CHECK(walk(session.store().candidates(scan_step, bindings, 0, 4)) == std::vector<infer::FactId>(p.begin(), p.end()));
  }
  SUBCASE("open bindings without the key scan too") {
    infer::OpenBindings open(std::vector<std::optional<infer::SymbolId>>(network.plans()[0].variable_count));
    CHECK(walk(session.store().candidates(step, open, 1, 4)) == std::vector<infer::FactId>{p[1], p[2], p[3]});
  }
}
