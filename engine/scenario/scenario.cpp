// The scenario document: its header keys, its collections and their entities. Attribute
// values become facts in scenario_values.cpp.
#include "scenario/scenario.hpp"
#include "base/text_layout.hpp"
#include "compile/interchangeable.hpp"

#include "scenario/json_input.hpp"
#include "scenario/scenario_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace cybernorms::scenario {

using base::brief;
using base::truncated;

namespace detail {

const BoundAttribute* Collection::find(std::string_view attribute) const {
  const auto found = std::find_if(attributes.begin(), attributes.end(),
                                  [&](const BoundAttribute& bound) { return bound.name == attribute; });
  return found == attributes.end() ? nullptr : &*found;
}

std::optional<std::size_t> Vocabulary::find(std::string_view collection) const {
  const auto found = std::find_if(collections.begin(), collections.end(),
                                  [&](const Collection& c) { return c.name == collection; });
  if (found == collections.end()) return std::nullopt;
  return static_cast<std::size_t>(found - collections.begin());
}

std::optional<std::size_t> Vocabulary::of_type(compile::TypeId type) const {
  const auto found = std::find_if(collections.begin(), collections.end(),
                                  [&](const Collection& c) { return c.type == type; });
  if (found == collections.end()) return std::nullopt;
  return static_cast<std::size_t>(found - collections.begin());
}

namespace {

Collection& collection_named(Vocabulary& vocabulary, const std::string& name) {
  if (const auto index = vocabulary.find(name)) return vocabulary.collections[*index];
  vocabulary.collections.push_back(Collection{name, std::nullopt, {}, {}, {}});
  return vocabulary.collections.back();
}

void add_binding(Collection& collection, compile::RelationId id, const compile::Binding& binding) {
  if (binding.attribute.empty()) {
    collection.membership.push_back(id);
    return;
  }
  auto found = std::find_if(collection.attributes.begin(), collection.attributes.end(),
                            [&](const BoundAttribute& bound) { return bound.name == binding.attribute; });
  if (found == collection.attributes.end()) {
    collection.attributes.push_back(BoundAttribute{binding.attribute, {}});
    found = collection.attributes.end() - 1;
  }
  found->relations.push_back(id);
}

void sort_by_name(Collection& collection) {
  collection.by_name.resize(collection.attributes.size());
  for (std::size_t i = 0; i < collection.by_name.size(); ++i) collection.by_name[i] = i;
  std::sort(collection.by_name.begin(), collection.by_name.end(), [&](std::size_t a, std::size_t b) {
    return collection.attributes[a].name < collection.attributes[b].name;
  });
}

}  // namespace

Vocabulary vocabulary_of(const compile::RuleSet& rules) {
  Vocabulary vocabulary;
  for (compile::TypeId id = 0; id < rules.types.size(); ++id) {
    const compile::Type& type = rules.types[id];
    if (type.kind != compile::TypeKind::entity || type.collection.empty()) continue;
    Collection& collection = collection_named(vocabulary, type.collection);
    if (!collection.type) collection.type = id;
  }
  for (compile::RelationId id = 0; id < rules.relations.size(); ++id) {
    const auto& binding = rules.relations[id].binding;
    if (binding) add_binding(collection_named(vocabulary, binding->collection), id, *binding);
  }
  for (Collection& collection : vocabulary.collections) sort_by_name(collection);
  return vocabulary;
}

Prepared::Prepared(const compile::RuleSet& rule_set)
    : rules(rule_set),
      vocabulary(vocabulary_of(rule_set)),
      symbol_values(rule_set.types.size()),
      interchangeable(compile::interchangeable_types(rule_set)) {
  for (compile::TypeId id = 0; id < rules.types.size(); ++id) {
    for (const auto symbol : rules.types[id].values) symbol_values[id].push_back(rules.symbols.name(symbol));
  }
}

std::vector<const std::vector<std::string>*> values_by_type(const Prepared& prepared, const EntityIndex& entities) {
  std::vector<const std::vector<std::string>*> values(prepared.rules.types.size());
  for (compile::TypeId id = 0; id < values.size(); ++id) {
    const compile::Type& type = prepared.rules.types[id];
    const auto collection = type.kind == compile::TypeKind::entity ? prepared.vocabulary.find(type.collection)
                                                                    : std::nullopt;
    values[id] = collection ? &entities.ids_by_collection.at(*collection) : &prepared.symbol_values[id];
  }
  return values;
}

bool FactSink::admit() {
  if (count_ >= max_facts_) {
    overflowed_ = true;
    return false;
  }
  ++count_;
  return true;
}

bool FactSink::add(compile::RelationId relation, std::string_view entity, base::Truth truth) {
  if (!admit()) return false;
  out_.add(relation, std::span<const std::string_view>(&entity, 1), truth);
  return true;
}

bool FactSink::add(compile::RelationId relation, std::string_view entity, std::string_view value, base::Truth truth) {
  if (!admit()) return false;
  const std::array<std::string_view, 2> args{entity, value};
  out_.add(relation, args, truth);
  return true;
}

void FactSink::close_exclusive_group(std::size_t first) {
  if (count_ < first + 2) return;
  out_.exclusive(first, count_ - first);
}

}  // namespace detail

namespace {

using detail::EntityIndex;
using detail::Vocabulary;

constexpr std::array<std::string_view, 6> header_keys{"$schema", "id", "title", "description", "notes", "sources"};

/// Everything the loader of one document shares.
struct Loading {
  const detail::Prepared& prepared;
  const compile::RuleSet& rules;
  const Vocabulary& vocabulary;
  const std::string& document;
  base::Diagnostics& diagnostics;
};

void type_error(const Loading& loading, const std::string& pointer, std::string_view expected, const JsonValue& got) {
  loading.diagnostics.pointer_error("E401", loading.document, pointer, "expected {}, got {}", expected, shown(got));
}

std::optional<std::string> read_text(const Loading& loading, const JsonValue& object, std::string_view key,
                                     const std::string& pointer) {
  const auto found = object.find(key);
  if (!found) return std::nullopt;
  if (found->is_string()) return std::string(found->string());
  type_error(loading, child_pointer(pointer, key), "a string", *found);
  return std::nullopt;
}

std::vector<std::string> read_texts(const Loading& loading, const JsonValue& object, std::string_view key,
                                    const std::string& pointer, bool single_allowed) {
  const auto found = object.find(key);
  if (!found) return {};
  if (single_allowed && found->is_string()) return {std::string(found->string())};
  if (found->is_array()) {
    std::vector<std::string> texts;
    bool all_strings = true;
    found->for_each_element([&](std::size_t, JsonValue item) {
      all_strings = all_strings && item.is_string();
      if (all_strings) texts.emplace_back(item.string());
    });
    if (all_strings) return texts;
  }
  type_error(loading, child_pointer(pointer, key), single_allowed ? "a string or an array of strings" : "an array of strings",
             *found);
  return {};
}

std::vector<std::string> top_level_keys(const Vocabulary& vocabulary) {
  std::vector<std::string> keys(header_keys.begin(), header_keys.end());
  for (const auto& collection : vocabulary.collections) keys.push_back(collection.name);
  return keys;
}

std::string listed(const std::vector<std::string>& keys) { return fmt::format("{}", fmt::join(keys, ", ")); }

void unknown_key(const Loading& loading, const std::string& pointer, const std::string& key, std::string_view where,
                 const std::vector<std::string>& allowed) {
  const std::string hint = detail::suggestion(loading.diagnostics, key, allowed);
  loading.diagnostics.pointer_error("E403", loading.document, child_pointer(pointer, key), "unknown key \"{}\" {}{}",
                                    brief(key), where,
                                    hint.empty() ? "; expected one of " + truncated(listed(allowed), 400) : hint);
}

bool is_top_level_key(const Vocabulary& vocabulary, std::string_view key) {
  return std::find(header_keys.begin(), header_keys.end(), key) != header_keys.end() || vocabulary.find(key).has_value();
}

void check_top_level_keys(const Loading& loading, const JsonValue& root) {
  for (const std::string_view key : sorted_keys(root)) {
    if (!is_top_level_key(loading.vocabulary, key)) {
      unknown_key(loading, "", std::string(key), "in the scenario", top_level_keys(loading.vocabulary));
    }
  }
}

void read_header(const Loading& loading, const JsonValue& root, LoadedScenario& scenario) {
  if (!root.contains("id")) {
    loading.diagnostics.pointer_error("E406", loading.document, "", "missing required key \"id\" (the scenario's id)");
  }
  if (auto id = read_text(loading, root, "id", "")) {
    scenario.id = std::move(*id);
    scenario.has_id = true;
  }
  read_text(loading, root, "$schema", "");
  scenario.title = read_text(loading, root, "title", "").value_or("");
  scenario.description = read_text(loading, root, "description", "").value_or("");
  scenario.notes = read_texts(loading, root, "notes", "", true);
  scenario.sources = read_texts(loading, root, "sources", "", false);
}

// ---- entities ----

std::optional<std::string> read_entity_id(const Loading& loading, const JsonValue& object, const std::string& pointer) {
  if (!object.contains("id")) {
    loading.diagnostics.pointer_error("E406", loading.document, pointer, "missing required key \"id\"");
    return std::nullopt;
  }
  const auto id = read_text(loading, object, "id", pointer);
  // `_` is the value that stands for the values a scenario leaves open (stand_in_value),
  // and "any value" in a why-not goal: no entity may be called so.
  if (id && (id->empty() || *id == "unknown" || *id == stand_in_value)) {
    loading.diagnostics.pointer_error("E402", loading.document, child_pointer(pointer, "id"),
                                      "an id must be a non-empty string other than \"unknown\" and \"_\", got {}",
                                      shown(*object.find("id")));
    return std::nullopt;
  }
  return id;
}

/// Moves an entity into the index; false (after reporting it, and leaving `record` as it
/// was) when its id is taken.
bool register_entity(const Loading& loading, EntityIndex& index, detail::EntityRecord& record) {
  const auto [found, inserted] = index.by_id.emplace(record.id, index.records.size());
  if (!inserted) {
    loading.diagnostics.pointer_error("E405", loading.document, child_pointer(record.pointer, "id"),
                                      "duplicate id \"{}\" (first used at {})", brief(record.id),
                                      index.records[found->second].pointer);
    return false;
  }
  index.ids_by_collection[record.collection].push_back(record.id);
  index.records.push_back(std::move(record));
  return true;
}

void read_entity(const Loading& loading, EntityIndex& index, std::size_t collection, const JsonValue& object,
                 const std::string& pointer, LoadedScenario& scenario) {
  if (!object.is_object()) {
    type_error(loading, pointer, "an object with an \"id\"", object);
    return;
  }
  auto id = read_entity_id(loading, object, pointer);
  const auto name = read_text(loading, object, "name", pointer);
  read_text(loading, object, "description", pointer);
  read_texts(loading, object, "notes", pointer, true);
  detail::EntityRecord record{id.value_or(""), collection, pointer, object};
  if (!id) {
    index.unnamed.push_back(std::move(record));
    return;
  }
  if (register_entity(loading, index, record)) {
    scenario.entities.push_back(
        ScenarioEntity{loading.vocabulary.collections[collection].name, std::move(*id), name.value_or("")});
  } else {
    index.unnamed.push_back(std::move(record));
  }
}

EntityIndex read_entities(const Loading& loading, const JsonValue& root, LoadedScenario& scenario) {
  EntityIndex index;
  index.ids_by_collection.resize(loading.vocabulary.collections.size());
  for (std::size_t c = 0; c < loading.vocabulary.collections.size(); ++c) {
    const std::string& name = loading.vocabulary.collections[c].name;
    const auto found = root.find(name);
    if (!found) continue;
    const std::string pointer = child_pointer("", name);
    if (!found->is_array()) {
      type_error(loading, pointer, "an array of objects", *found);
      continue;
    }
    found->for_each_element([&](std::size_t i, JsonValue entity) {
      read_entity(loading, index, c, entity, child_pointer(pointer, i), scenario);
    });
  }
  return index;
}

// ---- attributes ----

std::vector<std::string> entity_keys(const detail::Collection& collection) {
  std::vector<std::string> keys(detail::entity_header_keys.begin(), detail::entity_header_keys.end());
  for (const auto& attribute : collection.attributes) keys.push_back(attribute.name);
  return keys;
}

bool is_entity_header_key(std::string_view key) {
  const auto& header = detail::entity_header_keys;
  return std::find(header.begin(), header.end(), key) != header.end();
}

/// An entity object's keys sorted out: the value of each attribute of its collection
/// (null where the object leaves it out), and the keys that are neither an attribute nor
/// a header key. Each key is looked up among the collection's attribute names, which are
/// sorted; of a key met twice the last value stays (the duplicate was reported when the
/// document was read).
struct EntityKeys {
  std::vector<JsonValue> values;         ///< by attribute, in the collection's order
  std::vector<bool> present;             ///< by attribute: whether the object has it
  std::vector<std::string_view> unknown;  ///< sorted, each once, as messages list them
  const JsonValue* value(std::size_t attribute) const { return present[attribute] ? &values[attribute] : nullptr; }
};

EntityKeys sort_entity_keys(const detail::Collection& collection, const JsonValue& object) {
  EntityKeys keys;
  keys.values.resize(collection.attributes.size());
  keys.present.assign(collection.attributes.size(), false);
  const auto& by_name = collection.by_name;
  const auto name_below = [&](std::size_t attribute, std::string_view key) {
    return collection.attributes[attribute].name < key;
  };
  object.for_each_member([&](std::string_view key, JsonValue value) {
    const auto found = std::lower_bound(by_name.begin(), by_name.end(), key, name_below);
    if (found != by_name.end() && collection.attributes[*found].name == key) {
      keys.values[*found] = value;
      keys.present[*found] = true;
    } else if (!is_entity_header_key(key)) {
      keys.unknown.push_back(key);
    }
  });
  if (!keys.unknown.empty()) {
    std::sort(keys.unknown.begin(), keys.unknown.end());
    keys.unknown.erase(std::unique(keys.unknown.begin(), keys.unknown.end()), keys.unknown.end());
  }
  return keys;
}

/// Reports the entity's unknown keys, then turns its attributes into facts.
void read_attributes(const detail::Reader& reader, const Loading& loading, const detail::EntityRecord& record) {
  const detail::Collection& collection = loading.vocabulary.collections[record.collection];
  const EntityKeys keys = sort_entity_keys(collection, record.object);
  for (const std::string_view key : keys.unknown) {
    unknown_key(loading, record.pointer, std::string(key), fmt::format("in {}", collection.name),
                entity_keys(collection));
  }
  for (const auto relation : collection.membership) reader.sink.add(relation, record.id, base::Truth::yes);
  const JsonPath entity_path(record.pointer);
  // One attribute read by several relations: report its problems once (the others go
  // to diagnostics that keep nothing, so they cost no suggestions either).
  base::Diagnostics repeated(0);
  for (std::size_t a = 0; a < collection.attributes.size(); ++a) {
    const detail::BoundAttribute& attribute = collection.attributes[a];
    const JsonPath path = entity_path.child(attribute.name);
    for (std::size_t i = 0; i < attribute.relations.size(); ++i) {
      const detail::Reader quiet{reader.rules, reader.vocabulary, reader.entities, reader.values_by_type,
                                 reader.document, i == 0 ? reader.diagnostics : repeated, reader.sink,
                                 reader.stand_in_types};
      detail::read_attribute(quiet, attribute.relations[i], record.id, keys.value(a), path);
    }
  }
}

/// Room for one fact from each relation of each entity, so the facts rarely move as they
/// are added (an unknown value or a list gives more, a false flag none).
std::size_t expected_facts(const Vocabulary& vocabulary, const EntityIndex& index) {
  std::size_t count = 0;
  for (const auto& record : index.records) {
    const detail::Collection& collection = vocabulary.collections[record.collection];
    count += collection.membership.size();
    for (const auto& attribute : collection.attributes) count += attribute.relations.size();
  }
  return count;
}

void read_all_attributes(const Loading& loading, const EntityIndex& index, FactReceiver& facts,
                         const ScenarioLimits& limits) {
  const std::size_t max_facts = limits.max_facts;
  facts.expect(std::min(expected_facts(loading.vocabulary, index), max_facts));
  const auto values = detail::values_by_type(loading.prepared, index);
  detail::FactSink sink(facts, max_facts);
  const auto* stand_ins = limits.open_values_once ? &loading.prepared.interchangeable : nullptr;
  const detail::Reader reader{loading.rules, loading.vocabulary, index, values, loading.document, loading.diagnostics,
                              sink, stand_ins};
  for (const auto& record : index.records) {
    read_attributes(reader, loading, record);
    if (sink.overflowed()) {
      loading.diagnostics.pointer_error("E407", loading.document, record.pointer,
                                        "the scenario expands to more than {} facts", max_facts);
      return;
    }
  }
  // Objects without a usable id are checked all the same; their facts go, with the
  // scenario's, since it has errors.
  for (const auto& record : index.unnamed) {
    read_attributes(reader, loading, record);
    if (sink.overflowed()) return;
  }
}

}  // namespace

ScenarioReader::ScenarioReader(const compile::RuleSet& rules)
    : prepared_(std::make_shared<const detail::Prepared>(rules)) {}

namespace {

/// Facts kept in the scenario read.
class CollectedFacts final : public FactReceiver {
 public:
  explicit CollectedFacts(LoadedScenario& scenario) : scenario_(scenario) {}
  void expect(std::size_t facts) override { scenario_.facts.reserve(facts); }
  void add(compile::RelationId relation, std::span<const std::string_view> args, base::Truth truth) override {
    ScenarioFact& fact = scenario_.facts.emplace_back();
    fact.relation = relation;
    fact.truth = truth;
    fact.args.assign(args.begin(), args.end());
  }
  void exclusive(std::size_t first, std::size_t count) override {
    std::vector<std::size_t> group(count);
    for (std::size_t i = 0; i < count; ++i) group[i] = first + i;
    scenario_.exclusive.push_back(std::move(group));
  }

 private:
  LoadedScenario& scenario_;
};

}  // namespace

LoadedScenario ScenarioReader::load(std::string_view text, std::string document_name, base::Diagnostics& diagnostics,
                                    const ScenarioLimits& limits, JsonParser* parser) const {
  LoadedScenario facts_of;  // the facts, moved into the scenario read
  CollectedFacts collected(facts_of);
  const std::size_t errors_before = diagnostics.error_count();
  LoadedScenario scenario = read(text, std::move(document_name), diagnostics, limits, parser, collected);
  if (diagnostics.error_count() == errors_before) {
    scenario.facts = std::move(facts_of.facts);
    scenario.exclusive = std::move(facts_of.exclusive);
  }
  return scenario;
}

LoadedScenario ScenarioReader::read(std::string_view text, std::string document_name, base::Diagnostics& diagnostics,
                                    const ScenarioLimits& limits, JsonParser* parser, FactReceiver& facts) const {
  LoadedScenario scenario;
  const auto document =
      read_document(text, document_name, JsonLimits{limits.max_bytes, limits.max_depth}, diagnostics, parser);
  if (!document) return scenario;
  const JsonValue root = document->root();
  const Loading loading{*prepared_, prepared_->rules, prepared_->vocabulary, document_name, diagnostics};
  if (!root.is_object()) {
    type_error(loading, "", "a JSON object (the scenario)", root);
    return scenario;
  }
  check_top_level_keys(loading, root);
  read_header(loading, root, scenario);
  const EntityIndex index = read_entities(loading, root, scenario);
  read_all_attributes(loading, index, facts, limits);
  return scenario;
}

LoadedScenario load_scenario(std::string_view text, std::string document_name, const compile::RuleSet& rules,
                             base::Diagnostics& diagnostics, const ScenarioLimits& limits) {
  return ScenarioReader(rules).load(text, std::move(document_name), diagnostics, limits);
}

}  // namespace cybernorms::scenario
