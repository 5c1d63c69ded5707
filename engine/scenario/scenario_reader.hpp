// Internals of the scenario loader shared by its two files: the vocabulary a rule base
// declares for scenarios, the entities a scenario holds, and where facts are collected.
#pragma once
#include "base/diagnostics.hpp"
#include "compile/rule_set.hpp"
#include "scenario/json_input.hpp"
#include "scenario/json_value.hpp"
#include "scenario/scenario.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cybernorms::scenario::detail {

/// One attribute key of a collection's objects and the relations that read it.
struct BoundAttribute {
  std::string name;
  std::vector<compile::RelationId> relations;  ///< in rule-base order
};

/// A scenario collection ("operations"): its entity type and the relations bound to it.
struct Collection {
  std::string name;
  std::optional<compile::TypeId> type;
  std::vector<compile::RelationId> membership;  ///< relations bound `from C`
  std::vector<BoundAttribute> attributes;       ///< in order of first binding
  /// Indices into `attributes` in the order of their names, the order an object's keys
  /// come in: an object's keys are matched to attributes in one walk of both.
  std::vector<std::size_t> by_name;
  const BoundAttribute* find(std::string_view attribute) const;
};

/// Every collection the rule base declares, in declaration order.
struct Vocabulary {
  std::vector<Collection> collections;
  std::optional<std::size_t> find(std::string_view collection) const;
  /// The collection holding the entities of an entity type.
  std::optional<std::size_t> of_type(compile::TypeId type) const;
};

Vocabulary vocabulary_of(const compile::RuleSet& rules);


/// The keys an entity object may hold besides its attributes.
inline constexpr std::array<std::string_view, 4> entity_header_keys{"id", "name", "description", "notes"};

struct EntityRecord {
  std::string id;
  std::size_t collection = 0;
  std::string pointer;
  JsonValue object;
};

/// The scenario's entities with valid ids, in scenario order, and their ids by collection.
struct EntityIndex {
  std::vector<EntityRecord> records;
  std::vector<EntityRecord> unnamed;  ///< objects whose id is missing, invalid or taken: checked, never referred to
  std::unordered_map<std::string, std::size_t> by_id;
  std::vector<std::vector<std::string>> ids_by_collection;
};

/// What a rule set says about scenarios, worked out once and then only read.
struct Prepared {
  explicit Prepared(const compile::RuleSet& rule_set);
  const compile::RuleSet& rules;
  Vocabulary vocabulary;
  std::vector<std::vector<std::string>> symbol_values;  ///< by TypeId: enumeration values, `true` and `false`
  /// By TypeId: whether the rule base treats the type's values alike
  /// (compile::interchangeable_types), so that its open values can be read as one.
  std::vector<bool> interchangeable;
};

/// By TypeId, the values a type allows in one scenario: its symbols, or for an entity type
/// the ids of its collection; empty for int and string. Points into `prepared` and `entities`.
std::vector<const std::vector<std::string>*> values_by_type(const Prepared& prepared, const EntityIndex& entities);

/// Passes facts on to a receiver up to a limit; past it, keeps count of nothing more and
/// says so (the caller reports E407 once).
class FactSink {
 public:
  FactSink(FactReceiver& out, std::size_t max_facts) : out_(out), max_facts_(max_facts) {}
  /// Adds a fact about one entity, of a one-place relation or with the entity's `value`.
  /// False once the limit is reached: callers stop producing facts.
  bool add(compile::RelationId relation, std::string_view entity, base::Truth truth);
  bool add(compile::RelationId relation, std::string_view entity, std::string_view value, base::Truth truth);
  /// Marks the facts added since `first` as alternatives of which at most one is true.
  void close_exclusive_group(std::size_t first);
  std::size_t size() const { return count_; }
  bool overflowed() const { return overflowed_; }

 private:
  /// Counts one more fact; false past the limit.
  bool admit();
  FactReceiver& out_;
  std::size_t max_facts_;
  std::size_t count_ = 0;
  bool overflowed_ = false;
};

/// Everything reading one attribute needs.
struct Reader {
  const compile::RuleSet& rules;
  const Vocabulary& vocabulary;
  const EntityIndex& entities;
  /// By TypeId: the values the type allows in this scenario (enumeration values, `true`
  /// and `false`, the entities of the type); empty for int and string.
  const std::vector<const std::vector<std::string>*>& values_by_type;
  const std::string& document;
  base::Diagnostics& diagnostics;
  FactSink& sink;
  /// By TypeId, the types whose values a scenario leaves open are read as one unknown
  /// fact with the value `stand_in_value`; null: each value is a fact of its own.
  const std::vector<bool>* stand_in_types = nullptr;
};

/// Turns one attribute of one entity into facts of `relation` (docs/scenario-format.md);
/// `value` is null when the entity leaves the attribute out.
void read_attribute(const Reader& reader, compile::RelationId relation, const std::string& entity,
                    const JsonValue* value, const JsonPath& path);

bool is_unknown_marker(const JsonValue& value);

/// Adds " (did you mean "x"?)" when a close candidate exists, unless `diagnostics` has no
/// room for the message (past its limit, or one that keeps nothing): a search over all
/// the ids of a collection, made for every wrong reference, would be quadratic.
std::string suggestion(const base::Diagnostics& diagnostics, std::string_view wanted,
                       const std::vector<std::string>& candidates);

}  // namespace cybernorms::scenario::detail
