// A plain facts file, for `cybernorms eval --rules DIR FACTS`: facts given directly by
// relation, without a scenario's collections and attributes.
//
//   {"facts":   [["act", "op1", "unauthorised_access"], ["attributed_to", "op1", "a"]],
//    "unknown": [["consent_given", "op1", "b"]],
//    "profile": "default"}
//
// "facts" are true, "unknown" are unknown, anything else is false. Both lists and the
// profile are optional. Values are strings (integers and booleans are accepted and read
// as their JSON spelling). The text renderings below are what the command prints.
#pragma once
#include "base/diagnostics.hpp"
#include "base/truth.hpp"
#include "compile/rule_set.hpp"
#include "infer/session.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::io {

/// One fact of a facts file, checked against the rule base.
struct PlainFact {
  compile::RelationId relation = 0;
  std::vector<std::string> args;
  base::Truth truth = base::Truth::yes;
  friend bool operator==(const PlainFact&, const PlainFact&) = default;
};

struct FactsFile {
  std::vector<PlainFact> facts;  ///< in file order: "facts" first, then "unknown"
  std::uint32_t profile = 0;     ///< index into RuleSet::profiles
};

/// Reads and checks a facts file. Problems are pointer diagnostics into `document`:
/// E400 not JSON, E401 wrong JSON type, E402 a value its argument's type does not allow,
/// E403 unknown key, E407 over the size limits, E410 unknown relation (with "did you
/// mean"), E411 wrong number of arguments, E412 unknown profile. Every problem is
/// reported; nullopt when there is any error.
std::optional<FactsFile> read_facts_file(std::string_view json_text, const std::string& document,
                                         const compile::RuleSet& rules, base::Diagnostics& diagnostics);

/// Puts the file's profile and facts into a fresh (or cleared) session, ready to evaluate.
void load_facts(const FactsFile& file, infer::Session& session);

/// Every derived fact of an evaluated session, one per line, sorted by relation (rule-base
/// order) then values: `attributed_to(op1, a): established` or, for a possible fact,
/// `non_infringement(a, b, op1): possible, if consent_given(op1, b) is false` (up to
/// `max_hinge_sets` alternatives joined by "; or if"). Empty text when nothing was derived.
std::string render_derived_facts(const infer::Session& session, std::size_t max_hinge_sets = 1);

/// A goal for why-not: a relation and its values, `_` for any value.
struct Goal {
  compile::RelationId relation = 0;
  std::vector<std::optional<std::string>> args;
};

/// Parses `rel(a, b)` (white space allowed, `_` for any value). E413 when malformed, E410
/// for an unknown relation, E411 for a wrong number of values; diagnostics name `document`.
std::optional<Goal> parse_goal(std::string_view text, const std::string& document, const compile::RuleSet& rules,
                               base::Diagnostics& diagnostics);

/// Whether a goal holds in an evaluated session, and if not why not, as a few lines:
///
///   non_interference(a, b, op1) is not derived
///     nearest rule: non_interference.coercion
///     failed condition: act(Op, coercion)
///     bindings: S = a, V = b, Op = op1
///
/// A goal that holds reads `... is established` or `... is possible, if ...`. The goal's
/// values are interned in the session.
std::string render_why_not(infer::Session& session, const Goal& goal, std::size_t max_hinge_sets = 1);

}  // namespace cybernorms::io
