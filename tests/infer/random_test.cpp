// Property tests on random stratified programs against a plain reference evaluator.
#include "infer/hinges.hpp"
#include "infer/session.hpp"
#include "random_program.hpp"
#include "reference.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

using namespace cybernorms;
using namespace cybernorms::testing;
using base::Truth;

namespace {

using Settling = std::map<ReferenceFact, bool>;  // unknown base fact -> settled value

// Loads the case's facts into a session, with some unknowns settled.
void load(infer::Session& session, const RandomCase& random_case, const Settling& settled = {}) {
  const auto& rules = session.network().rules();
  for (const auto& fact : random_case.facts) {
    ReferenceFact key{*rules.find_relation(fact.relation), {}};
    for (const auto& arg : fact.args) key.second.push_back(session.intern(arg));
    auto truth = fact.truth;
    if (const auto found = settled.find(key); found != settled.end() && truth == Truth::unknown)
      truth = found->second ? Truth::yes : Truth::no;
    session.add_fact(key.first, key.second, truth);
  }
}

ReferenceModel model(const infer::Session& session, bool lower_only) {
  ReferenceModel facts;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
    if (lower_only && session.truth(fact) != Truth::yes) continue;
    const auto args = session.args(fact);
    facts.insert({session.relation_of(fact), {args.begin(), args.end()}});
  }
  return facts;
}

std::vector<ReferenceFact> unknown_base_facts(const infer::Session& session) {
  std::vector<ReferenceFact> unknowns;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact)
    if (session.base_truth(fact) == Truth::unknown && session.truth(fact) == Truth::unknown) {
      const auto args = session.args(fact);
      unknowns.push_back({session.relation_of(fact), {args.begin(), args.end()}});
    }
  return unknowns;
}

// The reference model of a total settling: every unknown given a value.
ReferenceModel settled_model(const RandomCase& random_case, const std::vector<ReferenceFact>& unknowns, std::uint64_t bits,
                             const infer::Network& network) {
  infer::Session session(network);
  Settling settling;
  for (std::size_t i = 0; i < unknowns.size(); ++i) settling[unknowns[i]] = (bits >> i) & 1;
  load(session, random_case, settling);
  return ReferenceEvaluator(random_case.rules).evaluate(model(session, true));
}

bool is_subset(const ReferenceModel& small, const ReferenceModel& large) {
  return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

// Every derivation's body holds under its bindings in the model it was found in, and each
// negated atom's fact, as the derivation recorded it, is the one stored now (or none).
bool derivation_holds(const infer::Session& session, infer::FactId fact, const infer::Derivation& derivation) {
  const auto& rule = session.network().rules().rules[derivation.rule];
  auto value = [&](const compile::Term& term) { return term.is_variable() ? derivation.bindings[term.value] : term.value; };
  for (std::size_t i = 0; i < rule.head_args.size(); ++i)
    if (value(rule.head_args[i]) != session.args(fact)[i]) return false;
  std::size_t premise = 0;
  std::size_t negation = 0;
  for (const auto& literal : rule.body) {
    if (const auto* compare = std::get_if<compile::CompareLiteral>(&literal)) {
      const auto l = session.order_key(value(compare->left));
      const auto r = session.order_key(value(compare->right));
      const auto left = value(compare->left);
      const auto right = value(compare->right);
      const bool holds = compare->op == compile::CompareOp::eq   ? left == right
                         : compare->op == compile::CompareOp::ne ? left != right
                         : !l || !r                              ? false
                         : compare->op == compile::CompareOp::lt ? *l < *r
                         : compare->op == compile::CompareOp::le ? *l <= *r
                         : compare->op == compile::CompareOp::gt ? *l > *r
                                                                 : *l >= *r;
      if (!holds) return false;
      continue;
    }
    const auto& atom = std::get<compile::AtomLiteral>(literal);
    std::vector<base::SymbolId> args;
    for (const auto& term : atom.args) args.push_back(value(term));
    const auto truth = session.truth_of(atom.relation, args);
    if (atom.negated) {
      if (truth == Truth::yes || (truth == Truth::unknown && !derivation.in_upper_model)) return false;
      const auto stored = session.find_fact(atom.relation, args);
      if (negation >= derivation.negated.size() || derivation.negated[negation++] != stored.value_or(infer::no_fact))
        return false;
      continue;
    }
    const auto used = derivation.premises[premise++];
    if (session.relation_of(used) != atom.relation || !std::ranges::equal(session.args(used), args)) return false;
    if (!derivation.in_upper_model && session.truth(used) != Truth::yes) return false;
  }
  return negation == derivation.negated.size();
}

// Follows first derivations down; every leaf is a base fact and no step repeats a fact.
bool leaves_are_base(const infer::Session& session, infer::FactId fact, std::vector<bool>& visiting) {
  const auto derivations = session.derivations(fact);
  if (derivations.empty()) return session.base_truth(fact) != Truth::no;
  if (visiting[fact]) return false;
  visiting[fact] = true;
  bool all = true;
  for (const auto premise : derivations.front().premises) all = all && leaves_are_base(session, premise, visiting);
  visiting[fact] = false;
  return all;
}

}  // namespace

TEST_CASE("without unknowns both models equal a naive reference evaluation on 400 random programs") {
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    const auto generated = random_case(seed, 0);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    const auto expected = ReferenceEvaluator(generated.rules).evaluate(model(session, true));
    INFO("seed " << seed);
    CHECK(model(session, true) == expected);
    CHECK(model(session, false) == expected);
  }
}

TEST_CASE("for every settling of the unknowns the lower model is below and the upper model above, on 250 programs") {
  for (std::uint64_t seed = 1001; seed <= 1250; ++seed) {
    const auto generated = random_case(seed, 35);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    const auto lower = model(session, true);
    const auto upper = model(session, false);
    const auto unknowns = unknown_base_facts(session);
    const bool enumerate = unknowns.size() <= 6;
    const std::uint64_t settlings = enumerate ? (1ULL << unknowns.size()) : 48;
    Random random(seed);
    for (std::uint64_t i = 0; i < settlings; ++i) {
      const std::uint64_t bits = enumerate ? i : (std::uint64_t{random.below(1u << 16)} << 16 | random.below(1u << 16));
      const auto settled = settled_model(generated, unknowns, bits, network);
      INFO("seed " << seed << " settling " << bits);
      CHECK(is_subset(lower, settled));
      CHECK(is_subset(settled, upper));
    }
  }
}

TEST_CASE("settling a possible fact's hinge sets makes it established, on 250 programs") {
  std::size_t checked = 0;
  for (std::uint64_t seed = 2001; seed <= 2250; ++seed) {
    const auto generated = random_case(seed, 35);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
      if (session.truth(fact) != Truth::unknown || session.base_truth(fact) != Truth::no) continue;
      const auto args = session.args(fact);
      const ReferenceFact goal{session.relation_of(fact), {args.begin(), args.end()}};
      for (const auto& set : session.hinges(fact, 4)) {
        Settling settling;
        for (const auto& hinge : set) {
          const auto hinge_args = session.args(hinge.fact);
          settling[{session.relation_of(hinge.fact), {hinge_args.begin(), hinge_args.end()}}] = hinge.needs_true;
          CHECK(session.base_truth(hinge.fact) == Truth::unknown);
        }
        infer::Session settled(network);
        load(settled, generated, settling);
        REQUIRE_FALSE(settled.evaluate().has_value());
        INFO("seed " << seed);
        CHECK(settled.truth_of(goal.first, goal.second) == Truth::yes);
        ++checked;
      }
    }
  }
  CHECK(checked > 200);
}

TEST_CASE("a possible fact has a hinge set exactly when some settling of the unknowns establishes it, on 150 programs") {
  for (std::uint64_t seed = 2501; seed <= 2650; ++seed) {
    const auto generated = random_case(seed, 30);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    const auto unknowns = unknown_base_facts(session);
    if (unknowns.size() > 8) continue;
    std::vector<ReferenceModel> settled;
    for (std::uint64_t bits = 0; bits < (1ULL << unknowns.size()); ++bits)
      settled.push_back(settled_model(generated, unknowns, bits, network));
    for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
      if (session.truth(fact) != Truth::unknown) continue;
      const auto args = session.args(fact);
      const ReferenceFact goal{session.relation_of(fact), {args.begin(), args.end()}};
      const bool can_hold = std::any_of(settled.begin(), settled.end(), [&](const auto& m) { return m.contains(goal); });
      INFO("seed " << seed << " fact " << fact);
      CHECK(session.hinges(fact, 1).empty() == !can_hold);
    }
  }
}

TEST_CASE("settling some unknowns never turns an established fact possible nor adds a possible one, on 250 programs") {
  for (std::uint64_t seed = 3001; seed <= 3250; ++seed) {
    const auto generated = random_case(seed, 35);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    const auto unknowns = unknown_base_facts(session);
    Random random(seed);
    Settling settling;
    for (const auto& unknown : unknowns)
      if (random.chance(50)) settling[unknown] = random.chance(50);
    infer::Session partly(network);
    load(partly, generated, settling);
    REQUIRE_FALSE(partly.evaluate().has_value());
    INFO("seed " << seed);
    CHECK(is_subset(model(session, true), model(partly, true)));
    CHECK(is_subset(model(partly, false), model(session, false)));
  }
}

TEST_CASE("every derivation's body holds under its bindings and proofs end in base facts, on 250 programs") {
  for (std::uint64_t seed = 4001; seed <= 4250; ++seed) {
    const auto generated = random_case(seed, 25);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    infer::Options options;
    options.lower_derivations = 4;
    REQUIRE_FALSE(session.evaluate(options).has_value());
    std::vector<bool> visiting(session.fact_count(), false);
    for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
      INFO("seed " << seed << " fact " << fact);
      for (const auto& derivation : session.derivations(fact)) CHECK(derivation_holds(session, fact, derivation));
      CHECK(leaves_are_base(session, fact, visiting));
      if (session.base_truth(fact) == Truth::no) CHECK_FALSE(session.derivations(fact).empty());
    }
  }
}

TEST_CASE("why-not finds a full match exactly for the goals in the upper model, on 150 programs") {
  const std::vector<std::string> constants{"c0", "c1", "c2", "c3"};
  for (std::uint64_t seed = 5001; seed <= 5150; ++seed) {
    const auto generated = random_case(seed, 30);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    for (const auto& name : generated.derived) {
      const auto relation = *generated.rules.find_relation(name);
      const auto arity = generated.rules.relations[relation].arity();
      for (std::size_t combination = 0; combination < (arity == 1 ? 4u : 16u); ++combination) {
        std::vector<base::SymbolId> args;
        for (std::size_t i = 0; i < arity; ++i) args.push_back(session.intern(constants[(combination >> (2 * i)) & 3]));
        const std::vector<std::optional<base::SymbolId>> goal(args.begin(), args.end());
        const auto misses = session.why_not(relation, goal);
        REQUIRE_FALSE(misses.empty());
        const bool matched = misses.front().head_matches && !misses.front().failed_literal.has_value();
        INFO("seed " << seed << " " << name);
        CHECK(matched == (session.truth_of(relation, args) != Truth::no));
      }
    }
  }
}

TEST_CASE("no literal of a hinge set can be left out, on 150 programs") {
  std::size_t checked = 0;
  for (std::uint64_t seed = 6001; seed <= 6150; ++seed) {
    const auto generated = random_case(seed, 35);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
      if (session.truth(fact) != Truth::unknown || session.base_truth(fact) != Truth::no) continue;
      const auto args = session.args(fact);
      const ReferenceFact goal{session.relation_of(fact), {args.begin(), args.end()}};
      for (const auto& set : session.hinges(fact, 2)) {
        for (std::size_t left_out = 0; left_out < set.size(); ++left_out) {
          Settling settling;
          for (std::size_t i = 0; i < set.size(); ++i) {
            if (i == left_out) continue;
            const auto hinge_args = session.args(set[i].fact);
            settling[{session.relation_of(set[i].fact), {hinge_args.begin(), hinge_args.end()}}] = set[i].needs_true;
          }
          infer::Session settled(network);
          load(settled, generated, settling);
          REQUIRE_FALSE(settled.evaluate().has_value());
          INFO("seed " << seed);
          CHECK(settled.truth_of(goal.first, goal.second) != Truth::yes);
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("a session cleared and reused gives the same models as a fresh one, on 150 programs") {
  for (std::uint64_t seed = 7001; seed <= 7150; ++seed) {
    auto generated = random_case(seed, 30, 30);
    const infer::Network network(generated.rules);
    infer::Session reused(network);
    load(reused, generated);
    REQUIRE_FALSE(reused.evaluate().has_value());
    RandomCase fewer = generated;
    fewer.facts.resize(generated.facts.size() / 3);
    reused.clear();
    load(reused, fewer);
    REQUIRE_FALSE(reused.evaluate().has_value());
    infer::Session fresh(network);
    load(fresh, fewer);
    REQUIRE_FALSE(fresh.evaluate().has_value());
    INFO("seed " << seed);
    CHECK(model(reused, true) == model(fresh, true));
    CHECK(model(reused, false) == model(fresh, false));
  }
}

TEST_CASE("a hinge search that says it is complete finds a set exactly when some settling establishes the fact, "
          "under tight limits, on 150 programs") {
  std::size_t complete = 0;
  std::size_t cut_short = 0;
  for (std::uint64_t seed = 8001; seed <= 8150; ++seed) {
    const auto generated = random_case(seed, 30);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    infer::Options options;
    options.upper_derivations = 1 + seed % 3;  // few derivations kept, so some facts lack the rest
    REQUIRE_FALSE(session.evaluate(options).has_value());
    const auto unknowns = unknown_base_facts(session);
    if (unknowns.size() > 8) continue;
    std::vector<ReferenceModel> settled;
    for (std::uint64_t bits = 0; bits < (1ULL << unknowns.size()); ++bits)
      settled.push_back(settled_model(generated, unknowns, bits, network));
    // A small budget and few sets kept per fact, shared by every fact as in a report.
    infer::HingeSearch search(session, 1 + seed % 2, seed % 40);
    for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
      if (session.truth(fact) != Truth::unknown) continue;
      const auto args = session.args(fact);
      const ReferenceFact goal{session.relation_of(fact), {args.begin(), args.end()}};
      const bool can_hold = std::any_of(settled.begin(), settled.end(), [&](const auto& m) { return m.contains(goal); });
      const auto result = search.find(fact, 1);
      INFO("seed " << seed << " fact " << fact << " cut " << int(result.cut));
      CHECK(result.found >= result.sets.size());
      if (!result.complete()) {
        ++cut_short;
        continue;
      }
      ++complete;
      CHECK(result.sets.empty() == !can_hold);
    }
  }
  // Both kinds occur, so the property is tested on complete searches among cut ones.
  CHECK(complete > 100);
  CHECK(cut_short > 20);
}

TEST_CASE("hinge sets come smallest first, then by literals, none including another, and one search shared by "
          "every fact, or restarted between them, finds what a search of its own does, on 200 programs") {
  const auto includes = [](const infer::HingeSet& large, const infer::HingeSet& small) {
    return std::includes(large.begin(), large.end(), small.begin(), small.end());
  };
  std::size_t families = 0;
  for (std::uint64_t seed = 9001; seed <= 9200; ++seed) {
    const auto generated = random_case(seed, 35);
    const infer::Network network(generated.rules);
    infer::Session session(network);
    load(session, generated);
    REQUIRE_FALSE(session.evaluate().has_value());
    infer::HingeSearch shared(session, 32);
    infer::HingeSearch restarted(session, 32);
    for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
      if (session.truth(fact) != Truth::unknown) continue;
      const auto own = infer::HingeSearch(session, 32).find(fact, 32);
      restarted.restart();
      const auto again = restarted.find(fact, 32);
      const auto kept = shared.find(fact, 32);
      INFO("seed " << seed << " fact " << fact);
      CHECK(again.sets == own.sets);
      CHECK(again.found == own.found);
      CHECK(again.cut == own.cut);
      // A shared search remembers families built for earlier facts; on a cycle of
      // derivations that may leave sets out, never add any.
      if (kept.complete() && own.complete()) CHECK(kept.sets == own.sets);
      for (std::size_t i = 0; i < own.sets.size(); ++i) {
        CHECK(std::is_sorted(own.sets[i].begin(), own.sets[i].end()));
        if (i > 0) {
          const auto& before = own.sets[i - 1];
          const auto& set = own.sets[i];
          CHECK((before.size() < set.size() || (before.size() == set.size() && before < set)));
        }
        for (std::size_t j = 0; j < own.sets.size(); ++j)
          if (i != j) CHECK_FALSE(includes(own.sets[j], own.sets[i]));
      }
      if (own.sets.size() > 1) ++families;
    }
  }
  CHECK(families > 20);
}
