// Attribute values -> facts: scalars, yes/no attributes and lists, with "unknown" and
// defaults, as docs/scenario-format.md describes.
#include "base/names.hpp"
#include "scenario/json_input.hpp"
#include "scenario/scenario_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <set>

namespace cybernorms::scenario::detail {

using base::brief;

namespace {

using compile::RelationId;
using compile::TypeId;
using compile::TypeKind;

constexpr std::size_t max_values_listed = 12;

const compile::Type& type_of(const Reader& reader, RelationId relation, std::size_t argument) {
  return reader.rules.types.at(reader.rules.relations.at(relation).arg_types.at(argument));
}

const std::vector<std::string>& allowed_values(const Reader& reader, RelationId relation, std::size_t argument) {
  return *reader.values_by_type.at(reader.rules.relations.at(relation).arg_types.at(argument));
}

/// The names of an enumeration's (or bool's) values, in declared order.
const std::vector<std::string>& symbol_names(const Reader& reader, const compile::Type& type) {
  const auto id = static_cast<TypeId>(&type - reader.rules.types.data());
  return *reader.values_by_type.at(id);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max_values_listed; ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > max_values_listed) out += ", ...";
  return out;
}

/// What a value of the type looks like, in words for messages.
std::string expected_words(const Reader& reader, const compile::Type& type) {
  switch (type.kind) {
    case TypeKind::enumeration: return "one of " + joined(symbol_names(reader, type));
    case TypeKind::boolean: return "true, false";
    case TypeKind::entity: return fmt::format("the id of a {} (a string)", type.name);
    case TypeKind::integer: return "an integer";
    case TypeKind::string: return "a string";
  }
  return "a value";
}

void wrong_value(const Reader& reader, const compile::Type& type, const JsonValue& value, const JsonPath& path,
                 bool right_json_type, const std::string& hint = {}) {
  reader.diagnostics.pointer_error(right_json_type ? "E402" : "E401", reader.document, path.pointer(),
                                   "expected {} or \"unknown\", got {}{}", expected_words(reader, type), shown(value),
                                   hint);
}

std::optional<std::string> read_enumerated(const Reader& reader, const compile::Type& type, const JsonValue& value,
                                           const JsonPath& path) {
  if (!value.is_string()) {
    wrong_value(reader, type, value, path, false);
    return std::nullopt;
  }
  const std::string_view text = value.string();
  const auto& names = symbol_names(reader, type);
  if (std::find(names.begin(), names.end(), text) != names.end()) return std::string(text);
  wrong_value(reader, type, value, path, true, suggestion(reader.diagnostics, text, names));
  return std::nullopt;
}

std::optional<std::string> read_boolean(const Reader& reader, const compile::Type& type, const JsonValue& value,
                                        const JsonPath& path) {
  if (value.is_boolean()) return value.boolean() ? "true" : "false";
  wrong_value(reader, type, value, path, value.is_string());
  return std::nullopt;
}

/// Where an id names an entity of another collection, says so.
std::string elsewhere(const Reader& reader, const std::string& id) {
  const auto found = reader.entities.by_id.find(id);
  if (found == reader.entities.by_id.end()) return {};
  const auto& record = reader.entities.records[found->second];
  return fmt::format(" (\"{}\" is in {})", brief(id), reader.vocabulary.collections[record.collection].name);
}

bool is_entity_of(const Reader& reader, const compile::Type& type, const std::string& id) {
  const auto found = reader.entities.by_id.find(id);
  if (found == reader.entities.by_id.end()) return false;
  return reader.vocabulary.collections[reader.entities.records[found->second].collection].name == type.collection;
}

std::optional<std::string> read_reference(const Reader& reader, const compile::Type& type, const JsonValue& value,
                                          const JsonPath& path) {
  if (!value.is_string()) {
    wrong_value(reader, type, value, path, false);
    return std::nullopt;
  }
  std::string id(value.string());
  if (is_entity_of(reader, type, id)) return id;
  const auto collection = reader.vocabulary.find(type.collection);
  const std::string other = elsewhere(reader, id);
  const std::string hint =
      !other.empty() || !collection
          ? other
          : suggestion(reader.diagnostics, id, reader.entities.ids_by_collection.at(*collection));
  reader.diagnostics.pointer_error("E404", reader.document, path.pointer(), "no {} \"{}\"{}", type.name, brief(id), hint);
  return std::nullopt;
}

std::optional<std::string> read_integer(const Reader& reader, const compile::Type& type, const JsonValue& value,
                                        const JsonPath& path) {
  // The rule language's integers are signed 64-bit; larger ones could not be compared.
  if (value.fits_int64()) return value.integer_text();
  wrong_value(reader, type, value, path, value.is_number());
  return std::nullopt;
}

std::optional<std::string> read_string(const Reader& reader, const compile::Type& type, const JsonValue& value,
                                       const JsonPath& path) {
  if (value.is_string()) return std::string(value.string());
  wrong_value(reader, type, value, path, false);
  return std::nullopt;
}

/// One value of a type (not "unknown"), or nullopt after reporting why not.
std::optional<std::string> read_value(const Reader& reader, const compile::Type& type, const JsonValue& value,
                                      const JsonPath& path) {
  switch (type.kind) {
    case TypeKind::enumeration: return read_enumerated(reader, type, value, path);
    case TypeKind::boolean: return read_boolean(reader, type, value, path);
    case TypeKind::entity: return read_reference(reader, type, value, path);
    case TypeKind::integer: return read_integer(reader, type, value, path);
    case TypeKind::string: return read_string(reader, type, value, path);
  }
  return std::nullopt;
}

// ---- scalars: `from C.attr` with two arguments ----

/// Whether the values of the relation's value argument left open are read as one.
bool stands_in(const Reader& reader, RelationId relation) {
  if (reader.stand_in_types == nullptr) return false;
  const compile::TypeId type = reader.rules.relations[relation].arg_types.at(1);
  return type < reader.stand_in_types->size() && (*reader.stand_in_types)[type];
}

void add_all_unknown(const Reader& reader, RelationId relation, const std::string& entity,
                     const std::vector<std::string>& values, bool exclusive) {
  // Two values or more left open of a type the rule base treats alike: one fact for
  // "some value not named" (one value left is a fact of its own, as it is).
  if (values.size() > 1 && stands_in(reader, relation)) {
    reader.sink.add(relation, entity, stand_in_value, base::Truth::unknown);
    return;
  }
  const std::size_t first = reader.sink.size();
  for (const auto& value : values) {
    if (!reader.sink.add(relation, entity, value, base::Truth::unknown)) return;
  }
  if (exclusive) reader.sink.close_exclusive_group(first);
}

void read_scalar(const Reader& reader, RelationId relation, const std::string& entity, const JsonValue* value,
                 const JsonPath& path) {
  const compile::Type& type = type_of(reader, relation, 1);
  const auto& binding = *reader.rules.relations[relation].binding;
  if (value == nullptr && binding.default_value) {
    reader.sink.add(relation, entity, reader.rules.symbols.name(*binding.default_value), base::Truth::yes);
  } else if (value == nullptr || is_unknown_marker(*value)) {
    add_all_unknown(reader, relation, entity, allowed_values(reader, relation, 1), true);
  } else if (auto read = read_value(reader, type, *value, path)) {
    reader.sink.add(relation, entity, *read, base::Truth::yes);
  }
}

// ---- yes/no attributes: `from C.attr` with one argument ----

void read_flag(const Reader& reader, RelationId relation, const std::string& entity, const JsonValue* value,
               const JsonPath& path) {
  const auto& binding = *reader.rules.relations[relation].binding;
  if (value == nullptr && binding.default_value) {
    if (reader.rules.symbols.name(*binding.default_value) == "true") reader.sink.add(relation, entity, base::Truth::yes);
  } else if (value == nullptr || is_unknown_marker(*value)) {
    reader.sink.add(relation, entity, base::Truth::unknown);
  } else if (value->is_boolean()) {
    if (value->boolean()) reader.sink.add(relation, entity, base::Truth::yes);
  } else {
    reader.diagnostics.pointer_error(value->is_string() ? "E402" : "E401", reader.document, path.pointer(),
                                     "expected true, false or \"unknown\", got {}", shown(*value));
  }
}

// ---- lists: `from C.attr[]` ----

/// The values a list states, and whether the rest of the allowed values are unknown.
struct ListValues {
  std::vector<std::string> known;
  std::vector<std::string> unknown;
  std::set<std::string> stated;  ///< known and unknown together, for quick lookup
  bool complete = true;
  bool valid = true;
};

void read_elements(const Reader& reader, const compile::Type& type, const JsonValue& array, const JsonPath& path,
                   std::vector<std::string>& into, ListValues& list) {
  if (!array.is_array()) {
    reader.diagnostics.pointer_error("E401", reader.document, path.pointer(), "expected an array of values, got {}",
                                     shown(array));
    list.valid = false;
    return;
  }
  array.for_each_element([&](std::size_t i, JsonValue element) {
    if (is_unknown_marker(element)) {
      list.complete = false;
    } else if (auto read = read_value(reader, type, element, path.child(i))) {
      if (list.stated.insert(*read).second) into.push_back(std::move(*read));
    } else {
      list.valid = false;
    }
  });
}

void read_list_object_keys(const Reader& reader, const JsonValue& object, const JsonPath& path, ListValues& list) {
  static constexpr std::array<std::string_view, 3> keys{"values", "unknown", "complete"};
  const std::vector<std::string> names(keys.begin(), keys.end());
  for (const std::string_view key : sorted_keys(object)) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    const std::string hint = suggestion(reader.diagnostics, key, names);
    reader.diagnostics.pointer_error("E403", reader.document, path.child(key).pointer(),
                                     "unknown key \"{}\" in a list object{}", brief(key),
                                     hint.empty() ? std::string("; expected values, unknown, complete") : hint);
    list.valid = false;
  }
}

void check_overlap(const Reader& reader, const JsonPath& path, const std::vector<std::string>& overlap,
                   ListValues& list) {
  for (const auto& value : overlap) {
    reader.diagnostics.pointer_error("E402", reader.document, path.child("unknown").pointer(),
                                     "\"{}\" is listed both in \"values\" and in \"unknown\"", brief(value));
    list.valid = false;
  }
}

void read_list_object(const Reader& reader, const compile::Type& type, const JsonValue& object, const JsonPath& path,
                      ListValues& list) {
  read_list_object_keys(reader, object, path, list);
  if (const auto values = object.find("values")) {
    read_elements(reader, type, *values, path.child("values"), list.known, list);
  } else {
    reader.diagnostics.pointer_error("E406", reader.document, path.pointer(), "missing required key \"values\"");
    list.valid = false;
  }
  if (const auto unknown = object.find("unknown")) {
    ListValues unknowns;
    read_elements(reader, type, *unknown, path.child("unknown"), unknowns.known, unknowns);
    std::vector<std::string> overlap;
    for (auto& value : unknowns.known) {
      if (list.stated.insert(value).second) list.unknown.push_back(value);
      else overlap.push_back(value);
    }
    check_overlap(reader, path, overlap, list);
    list.valid = list.valid && unknowns.valid;
  }
  if (const auto found = object.find("complete")) {
    const JsonValue& complete = *found;
    if (complete.is_boolean()) {
      list.complete = list.complete && complete.boolean();
    } else {
      reader.diagnostics.pointer_error("E401", reader.document, path.child("complete").pointer(),
                                       "expected true or false, got {}", shown(complete));
      list.valid = false;
    }
  }
}

std::optional<ListValues> parse_list(const Reader& reader, const compile::Type& type, const JsonValue& value,
                                     const JsonPath& path) {
  ListValues list;
  if (value.is_array()) {
    read_elements(reader, type, value, path, list.known, list);
  } else if (value.is_object()) {
    read_list_object(reader, type, value, path, list);
  } else {
    reader.diagnostics.pointer_error(value.is_string() ? "E402" : "E401", reader.document, path.pointer(),
                                     "expected an array, an object {{\"values\": [...]}} or \"unknown\", got {}",
                                     shown(value));
    return std::nullopt;
  }
  if (!list.valid) return std::nullopt;
  return list;
}

void add_list(const Reader& reader, RelationId relation, const std::string& entity, const ListValues& list,
              const std::vector<std::string>& allowed) {
  for (const auto& value : list.known) {
    if (!reader.sink.add(relation, entity, value, base::Truth::yes)) return;
  }
  for (const auto& value : list.unknown) {
    if (!reader.sink.add(relation, entity, value, base::Truth::unknown)) return;
  }
  if (list.complete) return;
  const auto unnamed = [&](const std::string& value) { return list.stated.count(value) == 0; };
  if (stands_in(reader, relation) && std::count_if(allowed.begin(), allowed.end(), unnamed) > 1) {
    reader.sink.add(relation, entity, stand_in_value, base::Truth::unknown);
    return;
  }
  for (const auto& value : allowed) {
    if (unnamed(value) && !reader.sink.add(relation, entity, value, base::Truth::unknown)) return;
  }
}

void read_list(const Reader& reader, RelationId relation, const std::string& entity, const JsonValue* value,
               const JsonPath& path) {
  const compile::Type& type = type_of(reader, relation, 1);
  const auto& binding = *reader.rules.relations[relation].binding;
  const auto& allowed = allowed_values(reader, relation, 1);
  if (value == nullptr && binding.defaults_to_empty_list) return;
  if (value == nullptr && binding.default_value) {  // a one-value default: that value, and the list complete
    reader.sink.add(relation, entity, reader.rules.symbols.name(*binding.default_value), base::Truth::yes);
  } else if (value == nullptr || is_unknown_marker(*value)) {
    add_all_unknown(reader, relation, entity, allowed, false);
  } else if (auto list = parse_list(reader, type, *value, path)) {
    add_list(reader, relation, entity, *list, allowed);
  }
}

}  // namespace

bool is_unknown_marker(const JsonValue& value) { return value.is_string() && value.string() == "unknown"; }

std::string suggestion(const base::Diagnostics& diagnostics, std::string_view wanted,
                       const std::vector<std::string>& candidates) {
  if (!diagnostics.has_room()) return {};
  const auto close = base::closest_name(wanted, candidates);
  return close ? fmt::format(" (did you mean \"{}\"?)", *close) : std::string{};
}

void read_attribute(const Reader& reader, RelationId relation, const std::string& entity, const JsonValue* value,
                    const JsonPath& path) {
  const compile::Relation& declared = reader.rules.relations.at(relation);
  if (!declared.binding) return;
  if (declared.arity() == 1) read_flag(reader, relation, entity, value, path);
  else if (declared.arity() == 2 && declared.binding->is_list) read_list(reader, relation, entity, value, path);
  else if (declared.arity() == 2) read_scalar(reader, relation, entity, value, path);
}

}  // namespace cybernorms::scenario::detail
