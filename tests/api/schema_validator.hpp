// A JSON Schema (draft 2020-12) validator for the keywords the project's schemas use
// (docs/batch-record.schema.json, docs/answer.schema.json) and no others: no validator
// is packaged for C++ on Debian 12, so the tests that check the schemas have this small
// one, which refuses a schema with any other keyword.
#pragma once
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace cybernorms::api_test {

using SchemaJson = nlohmann::json;

/// A JSON Schema (draft 2020-12) validator for the keywords below and no others.
/// `validate` returns the errors (empty when the instance is valid) and records which
/// listed properties occurred in valid instances (`covered`).
class SchemaValidator {
 public:
  explicit SchemaValidator(SchemaJson schema) : root_(std::move(schema)) { check_keywords(root_, ""); }

  std::vector<std::string> validate(const SchemaJson& instance) {
    std::vector<std::string> errors;
    std::set<std::string> seen;
    if (valid(root_, "", instance, "", errors, seen)) covered_.insert(seen.begin(), seen.end());
    return errors;
  }

  /// Each property the schema lists, as the pointer to it in the schema.
  std::set<std::string> listed_properties() const {
    std::set<std::string> listed;
    list_properties(root_, "", listed);
    return listed;
  }
  const std::set<std::string>& covered() const { return covered_; }
  /// Keywords the schema uses, so the test can say which it covers.
  const std::set<std::string>& keywords_used() const { return used_; }

 private:
  static const std::set<std::string>& known_keywords() {
    static const std::set<std::string> known{
        // annotations
        "$schema", "title", "description", "$defs",
        // assertions and applicators
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minimum", "minItems",
        "minLength", "minProperties", "oneOf", "$ref", "dependentRequired"};
    return known;
  }

  static std::string escaped(const std::string& key) {
    std::string out;
    for (const char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
  }

  void check_keywords(const SchemaJson& schema, const std::string& at) {
    REQUIRE_MESSAGE(schema.is_object(), "a schema that is not an object at " << at);
    for (const auto& [keyword, value] : schema.items()) {
      REQUIRE_MESSAGE(known_keywords().contains(keyword), "keyword " << keyword << " at " << at << " is not known");
      used_.insert(keyword);
      const std::string here = at + "/" + escaped(keyword);
      if (keyword == "properties" || keyword == "$defs")
        for (const auto& [name, sub] : value.items()) check_keywords(sub, here + "/" + escaped(name));
      if (keyword == "items" || (keyword == "additionalProperties" && value.is_object())) check_keywords(value, here);
      if (keyword == "oneOf")
        for (std::size_t i = 0; i < value.size(); ++i) check_keywords(value[i], here + "/" + std::to_string(i));
      if (keyword == "$ref") REQUIRE_MESSAGE(resolve(value.get<std::string>()) != nullptr, "unresolved " << value);
      if (keyword == "additionalProperties") REQUIRE((value.is_object() || value == false));
    }
  }

  void list_properties(const SchemaJson& schema, const std::string& at, std::set<std::string>& listed) const {
    for (const auto& [keyword, value] : schema.items()) {
      const std::string here = at + "/" + escaped(keyword);
      if (keyword == "properties")
        for (const auto& [name, sub] : value.items()) {
          listed.insert(here + "/" + escaped(name));
          list_properties(sub, here + "/" + escaped(name), listed);
        }
      if (keyword == "$defs")
        for (const auto& [name, sub] : value.items()) list_properties(sub, here + "/" + escaped(name), listed);
      if (keyword == "items" || (keyword == "additionalProperties" && value.is_object()))
        list_properties(value, here, listed);
      if (keyword == "oneOf")
        for (std::size_t i = 0; i < value.size(); ++i) list_properties(value[i], here + "/" + std::to_string(i), listed);
    }
  }

  const SchemaJson* resolve(const std::string& ref) const {
    if (!ref.starts_with("#/")) return nullptr;
    const SchemaJson::json_pointer pointer(ref.substr(1));
    return root_.contains(pointer) ? &root_.at(pointer) : nullptr;
  }

  static bool has_type(const SchemaJson& instance, const std::string& type) {
    if (type == "object") return instance.is_object();
    if (type == "array") return instance.is_array();
    if (type == "string") return instance.is_string();
    if (type == "boolean") return instance.is_boolean();
    if (type == "null") return instance.is_null();
    if (type == "number") return instance.is_number();
    if (type == "integer") return instance.is_number_integer();
    FAIL("unknown type " << type);
    return false;
  }

  static std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }

  // Checks `instance` (at `where` in the record) against `schema` (at `at` in the
  // schema); appends to `errors` and, for each listed property present, its pointer to
  // `seen`. Every keyword is checked even after one fails, so all errors are named.
  bool valid(const SchemaJson& schema, const std::string& at, const SchemaJson& instance, const std::string& where,
             std::vector<std::string>& errors, std::set<std::string>& seen) {
    const std::size_t errors_before = errors.size();
    const auto fail = [&](const std::string& what) { errors.push_back((where.empty() ? "/" : where) + ": " + what); };
    if (const auto ref = schema.find("$ref"); ref != schema.end()) {
      const std::string target = ref->get<std::string>();
      valid(*resolve(target), target.substr(1), instance, where, errors, seen);
    }
    if (const auto type = schema.find("type"); type != schema.end() && !has_type(instance, *type))
      fail("not of type " + type->get<std::string>());
    if (const auto value = schema.find("const"); value != schema.end() && instance != *value)
      fail(instance.dump() + " is not " + value->dump());
    if (const auto values = schema.find("enum"); values != schema.end() &&
                                                 std::find(values->begin(), values->end(), instance) == values->end())
      fail(instance.dump() + " is none of " + values->dump());
    if (const auto minimum = schema.find("minimum"); minimum != schema.end() && instance.is_number() &&
                                                     instance.get<double>() < minimum->get<double>())
      fail(instance.dump() + " is below " + minimum->dump());
    if (const auto length = schema.find("minLength"); length != schema.end() && instance.is_string() &&
                                                      code_points(instance.get<std::string>()) < length->get<std::size_t>())
      fail("shorter than " + length->dump());
    if (instance.is_array()) {
      if (const auto count = schema.find("minItems"); count != schema.end() && instance.size() < count->get<std::size_t>())
        fail("fewer items than " + count->dump());
      if (const auto items = schema.find("items"); items != schema.end())
        for (std::size_t i = 0; i < instance.size(); ++i)
          valid(*items, at + "/items", instance[i], where + "/" + std::to_string(i), errors, seen);
    }
    if (instance.is_object()) {
      if (const auto count = schema.find("minProperties");
          count != schema.end() && instance.size() < count->get<std::size_t>())
        fail("fewer keys than " + count->dump());
      if (const auto required = schema.find("required"); required != schema.end())
        for (const SchemaJson& key : *required)
          if (!instance.contains(key.get<std::string>())) fail("no key " + key.dump());
      if (const auto dependent = schema.find("dependentRequired"); dependent != schema.end())
        for (const auto& [key, needs] : dependent->items())
          if (instance.contains(key))
            for (const SchemaJson& other : needs)
              if (!instance.contains(other.get<std::string>())) fail("key \"" + key + "\" without " + other.dump());
      const auto properties = schema.find("properties");
      const auto additional = schema.find("additionalProperties");
      for (const auto& [key, value] : instance.items()) {
        const std::string path = where + "/" + escaped(key);
        if (properties != schema.end() && properties->contains(key)) {
          const std::string listed = at + "/properties/" + escaped(key);
          seen.insert(listed);
          valid((*properties)[key], listed, value, path, errors, seen);
        } else if (additional != schema.end()) {
          if (*additional == false)
            fail("key \"" + key + "\" is not allowed");
          else
            valid(*additional, at + "/additionalProperties", value, path, errors, seen);
        }
      }
    }
    if (const auto branches = schema.find("oneOf"); branches != schema.end()) {
      std::vector<std::string> why;
      std::set<std::string> matched_seen;
      std::size_t matched = 0;
      for (std::size_t i = 0; i < branches->size(); ++i) {
        std::vector<std::string> branch_errors;
        std::set<std::string> branch_seen;
        if (valid((*branches)[i], at + "/oneOf/" + std::to_string(i), instance, where, branch_errors, branch_seen)) {
          ++matched;
          matched_seen = std::move(branch_seen);
        } else {
          why.push_back("[" + std::to_string(i) + "] " + branch_errors.front());
        }
      }
      if (matched == 1) {
        seen.insert(matched_seen.begin(), matched_seen.end());
      } else if (matched == 0) {
        std::string all;
        for (const std::string& one : why) all += "; " + one;
        fail("matches no branch of oneOf" + all);
      } else {
        fail("matches " + std::to_string(matched) + " branches of oneOf");
      }
    }
    return errors.size() == errors_before;
  }

  SchemaJson root_;
  std::set<std::string> used_;
  std::set<std::string> covered_;
};

}  // namespace cybernorms::api_test
