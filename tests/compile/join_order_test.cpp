// Body ordering: the near-linear greedy order equals the plain greedy scan it replaces,
// on random bodies, and a body of 40,000 atoms orders completely.
#include "compile/lower.hpp"
#include "generated_rules.hpp"
#include "compile_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <tuple>

using namespace cybernorms;
using namespace cybernorms::compile;

namespace {

/// The greedy order as a plain scan (quadratic): filters as soon as their variables are
/// bound, in body order; then the best positive atom (parameter, bound arguments, fewer
/// free variables; the first written among equals). The reference the fast order must equal.
std::vector<Literal> reference_order(std::vector<Literal> pending, std::size_t variable_count,
                                     const std::vector<Relation>& relations) {
  std::vector<bool> bound(variable_count, false);
  std::vector<Literal> ordered;
  const auto needs = [](const Literal& literal) {
    std::vector<Term> terms;
    if (const auto* atom = std::get_if<AtomLiteral>(&literal)) terms = atom->args;
    if (const auto* compare = std::get_if<CompareLiteral>(&literal)) terms = {compare->left, compare->right};
    return terms;
  };
  const auto positive = [](const Literal& literal) {
    const auto* atom = std::get_if<AtomLiteral>(&literal);
    return atom != nullptr && !atom->negated;
  };
  const auto place = [&](std::size_t index) {
    if (positive(pending[index]))
      for (const Term& term : std::get<AtomLiteral>(pending[index]).args)
        if (term.is_variable()) bound[term.value] = true;
    ordered.push_back(pending[index]);
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(index));
  };
  const auto place_filters = [&] {
    for (std::size_t i = 0; i < pending.size();) {
      const auto terms = needs(pending[i]);
      const bool ready =
          std::all_of(terms.begin(), terms.end(), [&](const Term& t) { return !t.is_variable() || bound[t.value]; });
      if (!positive(pending[i]) && ready) place(i);
      else ++i;
    }
  };
  const auto score = [&](const AtomLiteral& atom) {
    std::size_t bound_args = 0;
    std::vector<std::uint32_t> free;
    for (const Term& term : atom.args) {
      if (!term.is_variable() || bound[term.value]) ++bound_args;
      else if (std::find(free.begin(), free.end(), term.value) == free.end()) free.push_back(term.value);
    }
    return std::tuple{relations[atom.relation].kind == RelationKind::parameter, bound_args, variable_count - free.size()};
  };
  place_filters();
  for (;;) {
    std::optional<std::size_t> best;
    std::tuple<bool, std::size_t, std::size_t> best_score;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (!positive(pending[i])) continue;
      const auto candidate = score(std::get<AtomLiteral>(pending[i]));
      if (!best || candidate > best_score) {
        best = i;
        best_score = candidate;
      }
    }
    if (!best) break;
    place(*best);
    place_filters();
  }
  ordered.insert(ordered.end(), pending.begin(), pending.end());
  return ordered;
}

std::string literal_text(const Literal& literal) {
  const auto term_text = [](const Term& term) { return fmt::format("{}{}", term.is_variable() ? "V" : "c", term.value); };
  if (const auto* compare = std::get_if<CompareLiteral>(&literal))
    return fmt::format("{} {} {}", term_text(compare->left), static_cast<int>(compare->op), term_text(compare->right));
  const auto& atom = std::get<AtomLiteral>(literal);
  std::vector<std::string> args;
  for (const Term& term : atom.args) args.push_back(term_text(term));
  return fmt::format("{}r{}({})", atom.negated ? "not " : "", atom.relation, fmt::join(args, ","));
}

std::vector<std::string> texts(const std::vector<Literal>& body) {
  std::vector<std::string> out;
  for (const Literal& literal : body) out.push_back(literal_text(literal));
  return out;
}

}  // namespace

TEST_CASE("the body order equals the plain greedy scan on random bodies") {
  std::vector<Relation> relations(4);
  relations[3].kind = RelationKind::parameter;
  std::mt19937 random(20261201);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t variable_count = 1 + random() % 6;
    std::vector<std::string> names;
    for (std::size_t v = 0; v < variable_count; ++v) names.push_back(fmt::format("V{}", v));
    const auto term = [&] {
      return random() % 4 == 0 ? Term::constant(static_cast<std::uint32_t>(random() % 3))
                               : Term::variable(static_cast<std::uint32_t>(random() % variable_count));
    };
    std::vector<Literal> body;
    const std::size_t size = 1 + random() % 9;
    for (std::size_t i = 0; i < size; ++i) {
      if (random() % 5 == 0) {
        body.push_back(CompareLiteral{CompareOp::ne, term(), term(), {}});
        continue;
      }
      AtomLiteral atom;
      atom.relation = static_cast<RelationId>(random() % relations.size());
      const std::size_t arity = atom.relation == 3 ? 1 : 1 + random() % 3;
      for (std::size_t a = 0; a < arity; ++a) atom.args.push_back(term());
      atom.negated = atom.relation != 3 && random() % 4 == 0;
      body.push_back(atom);
    }
    const auto expected = texts(reference_order(body, variable_count, relations));
    const auto actual = texts(order_body(body, names, relations));
    INFO("trial ", trial, ": ", fmt::format("{}", fmt::join(texts(body), " and ")));
    REQUIRE(actual == expected);
  }
}

TEST_CASE("a rule of 40,000 conjoined atoms checks and orders every atom after the one binding it") {
  const auto checked = testing::check_text(testing::long_body_rule_file(40'000));
  INFO(base::render_text(checked.diagnostics, checked.sources));
  REQUIRE(checked.rules.has_value());
  const auto& rules = *checked.rules;
  const auto found = std::find_if(rules.rules.begin(), rules.rules.end(), [](const Rule& r) { return r.id == "harm.long"; });
  REQUIRE(found != rules.rules.end());
  CHECK(found->body.size() == 40'000 + 3'999);
  // The chain is followed from its start: each linked atom finds its first state bound.
  std::vector<bool> bound(found->variable_names.size(), false);
  std::size_t unbound_first = 0;
  for (const Literal& literal : found->body) {
    const auto* atom = std::get_if<AtomLiteral>(&literal);
    if (atom == nullptr || atom->negated) continue;
    if (atom->args.size() == 3 && atom->args[1].is_variable() && !bound[atom->args[1].value]) ++unbound_first;
    for (const Term& term : atom->args)
      if (term.is_variable()) bound[term.value] = true;
  }
  CHECK(unbound_first == 0);
}
