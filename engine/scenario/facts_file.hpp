// A plain facts file, for `cybernorms eval --rules DIR FACTS`: facts given directly by
// relation, without a scenario's collections and attributes.
//
//   {"facts":   [["act", "op1", "unauthorised_access"], ["attributed_to", "op1", "a"]],
//    "unknown": [["consent_given", "op1", "b"]],
//    "profile": "default"}
//
// "facts" are true, "unknown" are unknown, anything else is false. Both lists and the
// profile are optional. Values are strings (integers and booleans are accepted and read
// as their JSON spelling). They are evaluated like a scenario (api), and their derived
// facts rendered by render/facts_text.cpp.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "base/truth.hpp"
#include "compile/rule_set.hpp"
#include "scenario/scenario.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::scenario {

/// A facts file read: its facts as a scenario without entities (so it is evaluated the
/// way scenarios are), and the profile it names.
struct FactsFile {
  LoadedScenario facts;       ///< in file order: "facts" first, then "unknown"
  std::uint32_t profile = 0;  ///< index into RuleSet::profiles
};

/// Reads and checks a facts file. Problems are pointer diagnostics into `document`:
/// E400 not JSON, E401 wrong JSON type, E402 a value its argument's type does not allow,
/// E403 unknown key, E407 over the size limits, E410 unknown relation (with "did you
/// mean"), E411 wrong number of arguments, E412 unknown profile. Every problem is
/// reported; nullopt when there is any error.
/// `max_bytes` bounds the text (E407 past it).
std::optional<FactsFile> read_facts_file(std::string_view json_text, const std::string& document,
                                         const compile::RuleSet& rules, base::Diagnostics& diagnostics,
                                         std::size_t max_bytes = max_input_bytes);

/// A goal for why-not: a relation and its values, `_` for any value.
struct Goal {
  compile::RelationId relation = 0;
  std::vector<std::optional<std::string>> args;
};

/// Parses `rel(a, b)` (white space allowed, `_` for any value), the goal's text being
/// `source` (file `file` of the caller's SourceSet). E413 when malformed, E410 for an
/// unknown relation (with "did you mean"), E411 for a wrong number of values; each points
/// at the part of the text that is wrong.
std::optional<Goal> parse_goal(const base::SourceFile& source, base::FileId file, const compile::RuleSet& rules,
                               base::Diagnostics& diagnostics);

}  // namespace cybernorms::scenario
