#include "scenario/facts_file.hpp"

#include "scenario/json_input.hpp"
#include "base/names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace cybernorms::scenario {

namespace {

using nlohmann::json;

/// The state of reading one facts file.
struct Reading {
  const std::string& document;
  const compile::RuleSet& rules;
  base::Diagnostics& diagnostics;
};

void suggest(base::Diagnostic& diagnostic, std::string_view wanted, const std::vector<std::string>& candidates) {
  if (auto note = base::did_you_mean(wanted, candidates)) diagnostic.notes.push_back(std::move(*note));
}

std::string joined(const std::vector<std::string>& parts) { return fmt::format("{}", fmt::join(parts, ", ")); }

std::vector<std::string> relation_names(const compile::RuleSet& rules) {
  std::vector<std::string> names;
  for (const auto& relation : rules.relations)
    if (relation.kind != compile::RelationKind::parameter) names.push_back(relation.name);
  return names;
}

std::optional<std::string> value_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

bool is_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// Checks a value against its argument's declared type, where the type says what it allows.
void check_value(const Reading& reading, const std::string& value, compile::TypeId type_id, const std::string& pointer) {
  if (type_id >= reading.rules.types.size()) return;
  const auto& type = reading.rules.types[type_id];
  if (type.kind == compile::TypeKind::integer && !is_integer(value)) {
    reading.diagnostics.pointer_error("E402", reading.document, pointer, "expected an integer ({}), got \"{}\"", type.name, value);
    return;
  }
  if (type.kind != compile::TypeKind::enumeration && type.kind != compile::TypeKind::boolean) return;
  std::vector<std::string> allowed;
  for (const auto symbol : type.values) allowed.push_back(reading.rules.symbols.name(symbol));
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
  auto& diagnostic = reading.diagnostics.pointer_error("E402", reading.document, pointer, "\"{}\" is not a value of type {}",
                                                       value, type.name);
  suggest(diagnostic, value, allowed);
}

std::optional<compile::RelationId> relation_of(const Reading& reading, const json& row, const std::string& pointer) {
  const auto at = child_pointer(pointer, std::size_t{0});
  if (!row[0].is_string()) {
    reading.diagnostics.pointer_error("E401", reading.document, at, "expected a relation name, got {}", shown(row[0]));
    return std::nullopt;
  }
  const auto name = row[0].get<std::string>();
  const auto relation = reading.rules.find_relation(name);
  if (relation && reading.rules.relations[*relation].kind == compile::RelationKind::parameter) {
    reading.diagnostics.pointer_error("E410", reading.document, at, "'{}' is a parameter: the profile sets it", name);
    return std::nullopt;
  }
  if (!relation) {
    auto& diagnostic = reading.diagnostics.pointer_error("E410", reading.document, at, "unknown relation '{}'", name);
    suggest(diagnostic, name, relation_names(reading.rules));
  }
  return relation;
}

std::optional<ScenarioFact> read_row(const Reading& reading, const json& row, const std::string& pointer, base::Truth truth) {
  if (!row.is_array() || row.empty()) {
    reading.diagnostics.pointer_error("E401", reading.document, pointer, "expected [\"relation\", values...], got {}", shown(row));
    return std::nullopt;
  }
  const auto relation = relation_of(reading, row, pointer);
  if (!relation) return std::nullopt;
  const auto& declared = reading.rules.relations[*relation];
  if (row.size() - 1 != declared.arity()) {
    reading.diagnostics.pointer_error("E411", reading.document, pointer, "'{}' takes {} values ({}), got {}", declared.name,
                                      declared.arity(), joined(declared.arg_names),
                                      row.size() - 1);
    return std::nullopt;
  }
  ScenarioFact fact{*relation, {}, truth};
  bool ok = true;
  for (std::size_t i = 1; i < row.size(); ++i) {
    const auto at = child_pointer(pointer, i);
    const auto value = value_text(row[i]);
    if (!value) {
      reading.diagnostics.pointer_error("E401", reading.document, at, "expected a string, got {}", shown(row[i]));
      ok = false;
      continue;
    }
    const auto errors_before = reading.diagnostics.error_count();
    if (i - 1 < declared.arg_types.size()) check_value(reading, *value, declared.arg_types[i - 1], at);
    ok = ok && reading.diagnostics.error_count() == errors_before;
    fact.args.push_back(*value);
  }
  if (!ok) return std::nullopt;
  return fact;
}

void read_rows(const Reading& reading, const json& rows, const std::string& key, base::Truth truth, FactsFile& file) {
  const auto pointer = child_pointer("", key);
  if (!rows.is_array()) {
    reading.diagnostics.pointer_error("E401", reading.document, pointer, "expected an array of facts, got {}", shown(rows));
    return;
  }
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (auto fact = read_row(reading, rows[i], child_pointer(pointer, i), truth)) file.facts.facts.push_back(std::move(*fact));
}

void read_profile(const Reading& reading, const json& value, FactsFile& file) {
  if (!value.is_string()) {
    reading.diagnostics.pointer_error("E401", reading.document, "/profile", "expected a profile name, got {}", shown(value));
    return;
  }
  const auto name = value.get<std::string>();
  if (const auto index = reading.rules.find_profile(name)) {
    file.profile = *index;
    return;
  }
  std::vector<std::string> names;
  for (const auto& profile : reading.rules.profiles) names.push_back(profile.id);
  auto& diagnostic = reading.diagnostics.pointer_error("E412", reading.document, "/profile", "unknown profile '{}'", name);
  suggest(diagnostic, name, names);
}

void read_document(const Reading& reading, const json& root, FactsFile& file) {
  const std::vector<std::string> keys{"facts", "unknown", "profile"};
  for (const auto& [key, value] : root.items()) {
    if (key == "facts") read_rows(reading, value, key, base::Truth::yes, file);
    else if (key == "unknown") read_rows(reading, value, key, base::Truth::unknown, file);
    else if (key == "profile") read_profile(reading, value, file);
    else {
      auto& diagnostic = reading.diagnostics.pointer_error("E403", reading.document, child_pointer("", key),
                                                           "unknown key \"{}\" (expected facts, unknown or profile)", key);
      suggest(diagnostic, key, keys);
    }
  }
}

}  // namespace

std::optional<FactsFile> read_facts_file(std::string_view json_text, const std::string& document,
                                         const compile::RuleSet& rules, base::Diagnostics& diagnostics,
                                         std::size_t max_bytes) {
  const auto errors_before = diagnostics.error_count();
  JsonLimits limits;
  limits.max_bytes = max_bytes;
  const auto root = read_json(json_text, document, limits, diagnostics);
  if (!root) return std::nullopt;
  if (!root->is_object()) {
    diagnostics.pointer_error("E401", document, "", "expected an object with \"facts\", got {}", type_in_words(*root));
    return std::nullopt;
  }
  FactsFile file;
  file.profile = rules.find_profile(default_profile).value_or(0);
  read_document(Reading{document, rules, diagnostics}, *root, file);
  if (diagnostics.error_count() != errors_before) return std::nullopt;
  return file;
}

}  // namespace cybernorms::scenario
