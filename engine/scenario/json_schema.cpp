#include "scenario/json_schema.hpp"

#include "scenario/scenario_reader.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cybernorms::scenario {

namespace {

using nlohmann::ordered_json;
using compile::TypeKind;

ordered_json schema_ref(const std::string& name) { return ordered_json{{"$ref", "#/$defs/" + name}}; }

std::string value_def(const compile::Type& type) { return "value." + type.name; }
std::string entity_def(const compile::Type& type) { return "entity." + type.name; }

ordered_json value_schema(const compile::RuleSet& rules, const compile::Type& type) {
  switch (type.kind) {
    case TypeKind::enumeration: {
      ordered_json values = ordered_json::array();
      for (const auto symbol : type.values) values.push_back(rules.symbols.name(symbol));
      return ordered_json{{"description", type.doc}, {"enum", std::move(values)}};
    }
    case TypeKind::entity:
      return ordered_json{{"description", fmt::format("The id of a {}: an entry of \"{}\".", type.name, type.collection)},
                          {"type", "string"}};
    case TypeKind::boolean: return ordered_json{{"type", "boolean"}};
    case TypeKind::integer: return ordered_json{{"type", "integer"}};
    case TypeKind::string: return ordered_json{{"type", "string"}};
  }
  return ordered_json::object();
}

/// A declared default as JSON: a number for int, a boolean for bool, else the name.
ordered_json default_json(const compile::RuleSet& rules, const compile::Type& type, compile::SymbolId symbol) {
  const std::string& name = rules.symbols.name(symbol);
  if (type.kind == TypeKind::boolean) return name == "true";
  if (type.kind == TypeKind::integer) {
    try {
      return std::stoll(name);
    } catch (const std::exception&) {
      return name;
    }
  }
  return name;
}

ordered_json value_or_unknown(const compile::Type& type) {
  return ordered_json{{"anyOf", ordered_json::array({schema_ref(value_def(type)), schema_ref("unknown")})}};
}

ordered_json list_schema(const compile::Type& type) {
  const ordered_json elements{{"type", "array"}, {"items", value_or_unknown(type)}};
  const ordered_json object{
      {"type", "object"},
      {"required", ordered_json::array({"values"})},
      {"additionalProperties", false},
      {"properties",
       {{"values", elements},
        {"unknown", {{"type", "array"}, {"items", schema_ref(value_def(type))}}},
        {"complete", {{"type", "boolean"}, {"description", "false: values not listed are unknown, not false."}}}}}};
  return ordered_json{{"anyOf", ordered_json::array({elements, object, schema_ref("unknown")})}};
}

std::string binding_words(const compile::RuleSet& rules, const compile::Relation& relation) {
  std::string words = fmt::format("{}({}): {}.", relation.name, fmt::join(relation.arg_names, ", "), relation.doc);
  const auto& binding = *relation.binding;
  if (binding.defaults_to_empty_list) return words + " Left out: none.";
  if (binding.default_value) return words + fmt::format(" Left out: {}.", rules.symbols.name(*binding.default_value));
  return words + " Left out: unknown.";
}

/// The schema of one attribute, from the first relation bound to it.
ordered_json attribute_schema(const compile::RuleSet& rules, const detail::BoundAttribute& attribute) {
  const compile::Relation& relation = rules.relations.at(attribute.relations.front());
  ordered_json schema;
  std::string description;
  for (const auto id : attribute.relations) {
    description += (description.empty() ? "" : " ") + binding_words(rules, rules.relations.at(id));
  }
  schema["description"] = description;
  const auto& binding = *relation.binding;
  if (relation.arity() == 1) {
    schema["anyOf"] = ordered_json::array({ordered_json{{"type", "boolean"}}, schema_ref("unknown")});
    if (binding.default_value) schema["default"] = rules.symbols.name(*binding.default_value) == "true";
    return schema;
  }
  const compile::Type& type = rules.types.at(relation.arg_types.at(1));
  schema.update(binding.is_list ? list_schema(type) : value_or_unknown(type));
  if (binding.defaults_to_empty_list) schema["default"] = ordered_json::array();
  if (binding.default_value) {
    const ordered_json value = default_json(rules, type, *binding.default_value);
    schema["default"] = binding.is_list ? ordered_json::array({value}) : value;
  }
  return schema;
}

ordered_json entity_schema(const compile::RuleSet& rules, const compile::Type& type, const detail::Collection& collection) {
  ordered_json properties{{"id", schema_ref("id")},
                          {"name", {{"type", "string"}, {"description", "How reports may name it."}}},
                          {"description", {{"type", "string"}}},
                          {"notes", schema_ref("notes")}};
  for (const auto& attribute : collection.attributes) properties[attribute.name] = attribute_schema(rules, attribute);
  return ordered_json{{"description", type.doc},
                      {"type", "object"},
                      {"required", ordered_json::array({"id"})},
                      {"additionalProperties", false},
                      {"properties", std::move(properties)}};
}

ordered_json common_defs() {
  return ordered_json{
      {"unknown",
       {{"const", "unknown"},
        {"description", "Not known: each value it could take is an unknown fact, and findings that depend on it are "
                        "reported as possible."}}},
      {"id",
       {{"type", "string"},
        {"minLength", 1},
        {"not", {{"enum", ordered_json::array({"unknown", "_"})}}},
        {"description", "Unique across the whole scenario."}}},
      {"notes", {{"anyOf", ordered_json::array({{{"type", "string"}}, {{"type", "array"}, {"items", {{"type", "string"}}}}})}}}};
}

ordered_json header_properties() {
  return ordered_json{
      {"$schema", {{"type", "string"}}},
      {"id", {{"type", "string"}, {"minLength", 1}, {"description", "The scenario's id, as reports name it."}}},
      {"title", {{"type", "string"}}},
      {"description", {{"type", "string"}}},
      {"notes", schema_ref("notes")},
      {"sources", {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "Public reporting the scenario rests on."}}}};
}

}  // namespace

std::string json_schema(const compile::RuleSet& rules) {
  const detail::Vocabulary vocabulary = detail::vocabulary_of(rules);
  ordered_json properties = header_properties();
  ordered_json defs = common_defs();
  for (const auto& type : rules.types) defs[value_def(type)] = value_schema(rules, type);
  for (const auto& collection : vocabulary.collections) {
    if (!collection.type) continue;
    const compile::Type& type = rules.types.at(*collection.type);
    defs[entity_def(type)] = entity_schema(rules, type, collection);
    properties[collection.name] = ordered_json{{"description", type.doc}, {"type", "array"}, {"items", schema_ref(entity_def(type))}};
  }
  const ordered_json schema{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                            {"title", "cybernorms scenario"},
                            {"description", "What happened in one scenario: states, actors, assets, operations and "
                                            "whatever else the rule base declares. See docs/scenario-format.md."},
                            {"type", "object"},
                            {"required", ordered_json::array({"id"})},
                            {"additionalProperties", false},
                            {"properties", std::move(properties)},
                            {"$defs", std::move(defs)}};
  return schema.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace cybernorms::scenario
