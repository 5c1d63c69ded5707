// Assumptions: base facts taken as true or false whatever a scenario says of them
// (`eval --assume 'knew_of(op1, arland)=true'`, docs/what-if.md). Read from text, checked
// against the rule set and the scenario, then applied to the scenario's facts before a
// session sees them, so evaluation itself knows nothing of them.
#pragma once
#include "base/diagnostics.hpp"
#include "base/truth.hpp"
#include "compile/rule_set.hpp"
#include "scenario/scenario.hpp"

#include <cybernorms/what_if.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cybernorms::scenario {

/// A fact as written, `rel(a, b)`, split into its parts, each with its byte offset in
/// the text it was read from.
struct WrittenFact {
  std::string relation;
  std::size_t relation_at = 0;
  std::vector<std::string> args;
  std::vector<std::size_t> args_at;
};

/// Where a text stops being what was expected, and what was.
struct SyntaxProblem {
  std::size_t at = 0;
  std::size_t length = 1;
  std::string message;
};

/// Parses a fact as the rule language writes one: a name, then values in parentheses
/// separated by commas (white space allowed). Values are entity ids or enumeration
/// values: letters, digits, `_`, `-`, `.`, `:`.
std::variant<WrittenFact, SyntaxProblem> parse_written_fact(std::string_view text);

/// Reads `FACT=true` / `FACT=false` lines from one source file (blank lines and `#`
/// comments skipped); each malformed line is an E420 with a caret.
std::vector<AssumedFact> read_assumption_lines(const base::SourceFile& source, base::FileId file,
                                               base::Diagnostics& diagnostics);

/// An assumption found to name a base relation of the rule set, read from scenarios,
/// with values the scenario has.
struct CheckedAssumption {
  compile::RelationId relation = 0;
  std::vector<std::string> args;
  bool value = true;
  bool parameter = false;  ///< answers a question of law: the relation is a profile parameter's
};

/// Checks assumptions against the rule set and one loaded scenario: E420 malformed fact,
/// E410 unknown relation (with "did you mean"), E421 a relation not read from scenarios,
/// E411 wrong number of values, E422 a value that is not one of the scenario's entities
/// or of the argument's enumeration, E423 one fact assumed both true and false. Each
/// problem is located at the assumption's span when it has one. Every assumption is
/// checked; the result is meaningful only when no error was added.
std::vector<CheckedAssumption> check_assumptions(const std::vector<AssumedFact>& assumptions,
                                                 const compile::RuleSet& rules, const LoadedScenario& scenario,
                                                 base::Diagnostics& diagnostics);

/// Applies checked assumptions to a scenario's facts (assumptions about a parameter go to
/// `parameter_answers`, for the session to apply over the profile): a fact assumed true is added (or
/// made known, if unknown); a fact assumed false is removed. Where a fact of an exclusive
/// group (the values an unknown scalar attribute could take) is assumed true, the other
/// values of the group become false, since the attribute has one value. Returns what the
/// scenario had said of each assumed fact, in order: yes, unknown, or no (not stated).
std::vector<base::Truth> apply_assumptions(LoadedScenario& scenario, const std::vector<CheckedAssumption>& assumptions);

}  // namespace cybernorms::scenario
