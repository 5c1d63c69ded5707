// Random stratified programs and fact sets with fixed seeds, for property tests.
#pragma once
#include "base/truth.hpp"
#include "rule_builder.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace cybernorms::testing {

/// A small deterministic generator (xorshift), the same on every platform.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed * 0x9e3779b97f4a7c15ULL + 1) {}
  std::uint32_t below(std::uint32_t bound) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return static_cast<std::uint32_t>(state_ % bound);
  }
  bool chance(std::uint32_t percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

struct RandomFact {
  std::string relation;
  std::vector<std::string> args;
  base::Truth truth = base::Truth::yes;
};

struct RandomCase {
  compile::RuleSet rules;
  std::vector<RandomFact> facts;
  std::vector<std::string> derived;  ///< names of the derived relations
};

namespace detail {

struct Shape {
  std::string name;
  std::size_t arity;
};

inline std::string pick_constant(Random& random) {
  static constexpr const char* constants[] = {"c0", "c1", "c2", "c3"};
  return constants[random.below(4)];
}

inline std::string atom_text(const Shape& shape, Random& random, std::vector<std::string>& bound, bool may_bind) {
  static constexpr const char* variables[] = {"A", "B", "C", "D"};
  std::string text = shape.name + "(";
  for (std::size_t i = 0; i < shape.arity; ++i) {
    std::string term;
    if (random.chance(12)) term = pick_constant(random);
    else if (!may_bind && !bound.empty()) term = bound[random.below(static_cast<std::uint32_t>(bound.size()))];
    else if (!may_bind) term = pick_constant(random);
    else term = variables[random.below(4)];
    if (may_bind && std::isupper(static_cast<unsigned char>(term[0])) &&
        std::find(bound.begin(), bound.end(), term) == bound.end())
      bound.push_back(term);
    text += (i ? ", " : "") + term;
  }
  return text + ")";
}

inline std::string rule_text(const Shape& head, std::size_t head_index, const std::vector<Shape>& base,
                             const std::vector<Shape>& derived, Random& random) {
  std::vector<std::string> bound;
  std::vector<std::string> body;
  const auto positives = 1 + random.below(3);
  for (std::uint32_t i = 0; i < positives; ++i) {
    const bool use_derived = random.chance(45);
    const auto& shape = use_derived ? derived[random.below(static_cast<std::uint32_t>(head_index + 1))]
                                    : base[random.below(static_cast<std::uint32_t>(base.size()))];
    body.push_back(atom_text(shape, random, bound, true));
  }
  if (random.chance(45)) {
    const bool use_derived = head_index > 0 && random.chance(60);
    const auto& shape = use_derived ? derived[random.below(static_cast<std::uint32_t>(head_index))]
                                    : base[random.below(static_cast<std::uint32_t>(base.size()))];
    body.push_back("not " + atom_text(shape, random, bound, false));
  }
  if (random.chance(35) && !bound.empty()) {
    static constexpr const char* ops[] = {"=", "!=", "<", "<=", ">", ">="};
    const auto left = bound[random.below(static_cast<std::uint32_t>(bound.size()))];
    const auto right = random.chance(50) ? pick_constant(random) : bound[random.below(static_cast<std::uint32_t>(bound.size()))];
    body.push_back(left + " " + ops[random.below(6)] + " " + right);
  }
  std::string text = head.name + "(";
  for (std::size_t i = 0; i < head.arity; ++i)
    text += (i ? ", " : "") + (bound.empty() ? pick_constant(random) : bound[random.below(static_cast<std::uint32_t>(bound.size()))]);
  text += ") :- ";
  for (std::size_t i = 0; i < body.size(); ++i) text += (i ? ", " : "") + body[i];
  return text;
}

}  // namespace detail

/// A stratified program over 3 base and 4 derived relations with recursion, negation and
/// comparisons, and a random fact set over 4 ordered constants; `unknown_percent` of the
/// facts are unknown.
inline RandomCase random_case(std::uint64_t seed, std::uint32_t unknown_percent, std::uint32_t fact_count = 18) {
  Random random(seed);
  RuleSetBuilder builder;
  builder.enumeration({"c0", "c1", "c2", "c3"});
  const std::vector<detail::Shape> base{{"b0", 1}, {"b1", 2}, {"b2", 2}};
  std::vector<detail::Shape> derived;
  for (const auto& shape : base) {
    const std::vector<std::string> names{"x", "y"};
    builder.relation(shape.name, {names.begin(), names.begin() + static_cast<long>(shape.arity)});
  }
  RandomCase result;
  for (int i = 0; i < 4; ++i) {
    derived.push_back({"d" + std::to_string(i), 1 + random.below(2)});
    const std::vector<std::string> names{"x", "y"};
    builder.relation(derived.back().name, {names.begin(), names.begin() + static_cast<long>(derived.back().arity)},
                     compile::RelationKind::derived);
    result.derived.push_back(derived.back().name);
  }
  for (std::size_t i = 0; i < derived.size(); ++i) {
    const auto rule_count = 1 + random.below(2);
    for (std::uint32_t r = 0; r < rule_count; ++r)
      builder.rule(derived[i].name + "." + std::to_string(r), detail::rule_text(derived[i], i, base, derived, random));
  }
  result.rules = builder.build();
  for (std::uint32_t i = 0; i < fact_count; ++i) {
    const auto& shape = base[random.below(3)];
    RandomFact fact{shape.name, {}, random.chance(unknown_percent) ? base::Truth::unknown : base::Truth::yes};
    for (std::size_t a = 0; a < shape.arity; ++a) fact.args.push_back(detail::pick_constant(random));
    result.facts.push_back(std::move(fact));
  }
  return result;
}

}  // namespace cybernorms::testing
