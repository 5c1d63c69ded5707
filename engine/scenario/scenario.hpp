// Scenario JSON -> base facts, validated against the rule base's declarations only:
// collections come from entity types, attributes from relation bindings
// (docs/scenario-format.md), so no legal vocabulary lives in C++.
#pragma once
#include "base/diagnostics.hpp"
#include "base/truth.hpp"
#include "compile/rule_set.hpp"

#include <cybernorms/input.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::scenario {

/// One base fact read from a scenario. Arguments are strings because entity ids are not
/// in the rule base's symbol table; the engine interns them per session.
struct ScenarioFact {
  compile::RelationId relation = 0;
  std::vector<std::string> args;
  base::Truth truth = base::Truth::yes;  ///< yes or unknown; false facts are not listed
  friend bool operator==(const ScenarioFact&, const ScenarioFact&) = default;
};

/// One object of an entity collection ("operations": [{"id": "op1", ...}]).
struct ScenarioEntity {
  std::string collection;
  std::string id;
  std::string name;  ///< empty when the scenario gives none
  friend bool operator==(const ScenarioEntity&, const ScenarioEntity&) = default;
};

/// What a valid scenario says. Facts come in scenario order: entity by entity, and for
/// each entity its relations in rule-base order. An invalid scenario has no facts.
struct LoadedScenario {
  std::string id;
  /// The document is a JSON object with a string "id" at its top level, so `id` holds it
  /// even when the rest of the scenario is invalid (batch error records name it).
  bool has_id = false;
  std::string title;
  std::string description;
  std::vector<std::string> notes;
  std::vector<std::string> sources;  ///< public reporting the scenario is built on
  std::vector<ScenarioEntity> entities;
  std::vector<ScenarioFact> facts;
  /// Groups of unknown facts (indices into `facts`) of which at most one is true: the
  /// values an unknown scalar attribute could take.
  std::vector<std::vector<std::size_t>> exclusive;
  /// Assumptions that answer a question of law: a parameter relation's value taken as
  /// true or false, applied over the profile's own value when a session takes the profile.
  struct ParameterAnswer {
    compile::RelationId relation = 0;
    std::string value;
    bool holds = true;
    friend bool operator==(const ParameterAnswer&, const ParameterAnswer&) = default;
  };
  std::vector<ParameterAnswer> parameter_answers;
};

/// Bounds that keep any input cheap to reject.
struct ScenarioLimits {
  std::size_t max_bytes = max_input_bytes;  ///< larger documents are refused (E407)
  std::size_t max_depth = 64;           ///< deeper nesting is refused before parsing (E407)
  std::size_t max_facts = 1'000'000;    ///< a scenario expanding to more facts is refused (E407)
  /// How values left open are read. false: each value an attribute may take is an unknown
  /// fact of its own. true: for a type whose values the rule base treats alike
  /// (compile::interchangeable_types), the values the scenario does not name are one
  /// unknown fact with the value `_`, "some value not named", asked once.
  bool open_values_once = false;
};

/// The value of the one unknown fact that stands for the values a scenario leaves open of
/// an interchangeable type: "some value not named" (ScenarioLimits::open_values_once).
inline constexpr std::string_view stand_in_value = "_";

/// Where the reader puts a scenario's facts as it makes them: into a LoadedScenario
/// (ScenarioReader::load), or straight into an evaluation, so that a fact's strings are
/// not copied into a list of their own first. Facts are numbered from 0 in the order
/// given. The views live for the call only.
class FactReceiver {
 public:
  virtual ~FactReceiver() = default;
  /// About how many facts will come, for the receiver to make room.
  virtual void expect(std::size_t /*facts*/) {}
  /// A fact: the entity it is about first, then its value for a two-place relation.
  virtual void add(compile::RelationId relation, std::span<const std::string_view> args, base::Truth truth) = 0;
  /// The facts numbered [first, first + count) are alternatives of which at most one holds.
  virtual void exclusive(std::size_t first, std::size_t count) = 0;
};

namespace detail {
struct Prepared;
}
class JsonParser;  // scenario/json_input.hpp

/// A rule set's scenario vocabulary (collections, attributes, the values they allow),
/// worked out once. Immutable: one reader loads any number of scenarios from any number of
/// threads. The rule set must outlive it. Cheap to copy.
class ScenarioReader {
 public:
  explicit ScenarioReader(const compile::RuleSet& rules);
  /// As load_scenario below, without working out the vocabulary again; with `parser`,
  /// the JSON is parsed with that one (see JsonParser).
  LoadedScenario load(std::string_view text, std::string document_name, base::Diagnostics& diagnostics,
                      const ScenarioLimits& limits = {}, JsonParser* parser = nullptr) const;
  /// The same reading, with the facts and their exclusive groups given to `facts` as they
  /// are made instead of kept in the result (whose `facts` and `exclusive` stay empty).
  /// When `diagnostics` gains an error, what `facts` received is not a scenario's.
  LoadedScenario read(std::string_view text, std::string document_name, base::Diagnostics& diagnostics,
                      const ScenarioLimits& limits, JsonParser* parser, FactReceiver& facts) const;

 private:
  std::shared_ptr<const detail::Prepared> prepared_;
};

/// Parses and validates one scenario. Every problem is appended to `diagnostics` as a
/// pointer diagnostic (E4xx, docs/diagnostics.md) naming `document_name`; all of them are
/// reported, not just the first. Never throws on any input.
LoadedScenario load_scenario(std::string_view text, std::string document_name, const compile::RuleSet& rules,
                             base::Diagnostics& diagnostics, const ScenarioLimits& limits = {});

}  // namespace cybernorms::scenario
