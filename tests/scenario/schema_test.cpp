#include "compile/compile.hpp"
#include "scenario/json_schema.hpp"
#include "render/report_render.hpp"
#include "scenario/scenario.hpp"
#include "../render/report_builder.hpp"
#include "rule_set_builder.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace cybernorms;
using nlohmann::json;

namespace {

/// A small JSON Schema checker for the keywords json_schema() uses, so tests can tell
/// whether an instance fits without a validator library. Collects failing pointers.
class SchemaCheck {
 public:
  explicit SchemaCheck(const json& root) : root_(root) {}

  std::vector<std::string> failures(const json& instance) {
    failures_.clear();
    if (!fits(instance, root_, "")) failures_.push_back("/");
    return failures_;
  }

 private:
  bool fits(const json& value, const json& schema, const std::string& at) {
    if (schema.contains("$ref")) return fits(value, resolve(schema["$ref"]), at);
    if (schema.contains("anyOf")) return fits_any(value, schema["anyOf"], at);
    if (schema.contains("const") && value != schema["const"]) return false;
    if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
      return false;
    }
    if (schema.contains("not") && fits(value, schema["not"], at)) return false;
    if (schema.contains("type") && !has_type(value, schema["type"])) return false;
    if (schema.contains("minLength") && value.get<std::string>().empty()) return false;
    if (value.is_object()) return fits_object(value, schema, at);
    if (value.is_array() && schema.contains("items")) return fits_items(value, schema["items"], at);
    return true;
  }
  bool fits_any(const json& value, const json& choices, const std::string& at) {
    const auto saved = failures_;
    const bool any = std::any_of(choices.begin(), choices.end(), [&](const json& choice) { return fits(value, choice, at); });
    failures_ = saved;  // a failed alternative is not itself a failure
    return any;
  }
  bool fits_object(const json& value, const json& schema, const std::string& at) {
    bool ok = true;
    for (const auto& required : schema.value("required", json::array())) ok = value.contains(required.get<std::string>()) && ok;
    for (const auto& [key, item] : value.items()) {
      const bool known = schema.contains("properties") && schema["properties"].contains(key);
      if (!known && schema.value("additionalProperties", true) == false) {
        failures_.push_back(at + "/" + key);
        ok = false;
      } else if (known && !fits(item, schema["properties"][key], at + "/" + key)) {
        failures_.push_back(at + "/" + key);
        ok = false;
      }
    }
    return ok;
  }
  bool fits_items(const json& value, const json& items, const std::string& at) {
    bool ok = true;
    for (std::size_t i = 0; i < value.size(); ++i) ok = fits(value[i], items, at + "/" + std::to_string(i)) && ok;
    return ok;
  }
  static bool has_type(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "integer") return value.is_number_integer();
    return false;
  }
  const json& resolve(const std::string& pointer) const { return root_.at(json::json_pointer(pointer.substr(1))); }

  const json& root_;
  std::vector<std::string> failures_;
};

const compile::RuleSet& sample() {
  static const compile::RuleSet rules = test::sample_rules();
  return rules;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The project's rule base, compiled once for all tests of this file.
struct ProjectRules {
  base::SourceSet sources;
  base::Diagnostics problems;
  std::optional<compile::RuleSet> rules;
};

const ProjectRules& project_rules() {
  static const ProjectRules compiled = [] {
    ProjectRules out;
    out.rules = compile::check_paths({std::string(CYBERNORMS_SOURCE_DIR) + "/rules"}, {}, out.sources, out.problems).rules;
    return out;
  }();
  return compiled;
}

/// The name of the $defs entry describing a collection's objects; empty for other keys.
std::string entity_def_of(const json& schema, const std::string& key) {
  const json pointer_to = schema["properties"].value(key, json::object()).value("items", json::object()).value("$ref", "");
  const std::string prefix = "#/$defs/entity.";
  return pointer_to.get<std::string>().rfind(prefix, 0) == 0 ? pointer_to.get<std::string>().substr(8) : std::string{};
}

/// The JSON block that follows the marker line `<!-- example scenario -->` in the doc.
std::string documented_example() {
  const std::string doc = read_file(std::string(CYBERNORMS_SOURCE_DIR) + "/docs/scenario-format.md");
  const std::size_t marker = doc.find("<!-- example scenario -->");
  if (marker == std::string::npos) return {};
  const std::size_t start = doc.find("```json\n", marker);
  const std::size_t end = doc.find("\n```", start + 8);
  if (start == std::string::npos || end == std::string::npos) return {};
  return doc.substr(start + 8, end - start - 8);
}

}  // namespace

TEST_CASE("the schema declares each collection, its attributes, their values and defaults") {
  const json schema = json::parse(scenario::json_schema(sample()));
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema["required"] == json::array({"id"}));
  CHECK(schema["properties"]["operations"]["items"]["$ref"] == "#/$defs/entity.operation");
  const json& operation = schema["$defs"]["entity.operation"];
  CHECK(operation["additionalProperties"] == false);
  CHECK(operation["properties"]["scale"]["default"] == "minor");
  CHECK(operation["properties"]["operators_present"]["default"] == false);
  CHECK(operation["properties"]["targets"]["default"] == json::array());
  CHECK(operation["properties"]["consent"]["description"] ==
        "consent_given(op): the territorial state consented to {op}. Left out: unknown.");
  CHECK(schema["$defs"]["value.act_kind"]["enum"] == json::array({"unauthorised_access", "data_theft", "disruption"}));
  CHECK(schema["$defs"]["value.actor"]["type"] == "string");
}

TEST_CASE("the schema is the same bytes every time") {
  CHECK(scenario::json_schema(sample()) == scenario::json_schema(test::sample_rules()));
}

TEST_CASE("scenarios fit the schema in every form the loader accepts, and misfits are found") {
  const json schema = json::parse(scenario::json_schema(sample()));
  SchemaCheck check(schema);
  const json good = json::parse(R"({"id": "t", "notes": ["n"], "states": [{"id": "a", "name": "A"}],
      "actors": [{"id": "unit", "organ_of": {"values": ["a"], "complete": false}}],
      "assets": [{"id": "grid", "state": "unknown"}],
      "operations": [{"id": "op1", "actor": "unit", "acts": ["data_theft", "unknown"], "scale": "severe",
                      "consent": "unknown", "operators_present": true, "duration_days": 3, "codename": "x",
                      "targets": {"values": ["grid"], "unknown": []}}]})");
  CHECK(check.failures(good).empty());
  base::Diagnostics diagnostics;
  scenario::load_scenario(good.dump(), "good.json", sample(), diagnostics);
  CHECK(diagnostics.all().empty());

  const json bad = json::parse(R"({"id": "t", "operations": [{"id": "op1", "scale": "huge", "consnt": true}]})");
  CHECK(check.failures(bad) ==
        std::vector<std::string>{"/operations/0/consnt", "/operations/0/scale", "/operations", "/"});
}

TEST_CASE("the documented example scenario loads without a problem and fits the project's schema") {
  const std::string example = documented_example();
  REQUIRE_FALSE(example.empty());
  const ProjectRules& checked = project_rules();
  INFO(base::render_text(checked.problems, checked.sources));
  REQUIRE(checked.rules);
  base::Diagnostics diagnostics;
  const scenario::LoadedScenario scenario = scenario::load_scenario(example, "example.json", *checked.rules, diagnostics);
  CHECK(base::render_text(diagnostics, checked.sources) == "");
  CHECK_FALSE(scenario.facts.empty());
  const json schema = json::parse(scenario::json_schema(*checked.rules));
  const json instance = json::parse(example);
  CHECK(SchemaCheck(schema).failures(instance).empty());
  // Every attribute the example uses is declared in the schema.
  for (const auto& [collection, entities] : instance.items()) {
    const std::string items = entity_def_of(schema, collection);
    if (items.empty()) continue;
    for (const auto& entity : entities) {
      for (const auto& [key, value] : entity.items()) {
        CHECK_MESSAGE(schema["$defs"][items]["properties"].contains(key), collection, "/", key);
      }
    }
  }
}

/// Every ```json block of the scenario format, in order.
std::vector<std::string> documented_json_blocks() {
  const std::string doc = read_file(std::string(CYBERNORMS_SOURCE_DIR) + "/docs/scenario-format.md");
  std::vector<std::string> blocks;
  for (std::size_t start = doc.find("```json\n"); start != std::string::npos; start = doc.find("```json\n", start + 1)) {
    const std::size_t end = doc.find("\n```", start + 8);
    if (end == std::string::npos) break;
    blocks.push_back(doc.substr(start + 8, end - start - 8));
  }
  return blocks;
}

/// Every key of a JSON value at any depth, as dotted paths with array items as `[]`.
/// Premises of premises count as premises; the keys of roles and bindings are data.
void key_paths(const json& value, const std::string& at, std::set<std::string>& out) {
  const bool data_keys = at.ends_with(".roles") || at.ends_with(".bindings") || at == ".names";
  if (value.is_array()) {
    const std::string item_at = at.ends_with(".premises[].premises") ? at.substr(0, at.size() - 11) : at;
    for (const auto& item : value) key_paths(item, item_at + "[]", out);
  } else if (value.is_object() && !data_keys) {
    for (const auto& [key, item] : value.items()) {
      out.insert(at + "." + key);
      key_paths(item, at + "." + key, out);
    }
  }
}

TEST_CASE("every JSON block of the scenario format is what it shows: a valid scenario or a report") {
  const ProjectRules& checked = project_rules();
  REQUIRE(checked.rules);
  const auto blocks = documented_json_blocks();
  REQUIRE(blocks.size() >= 2);
  for (const auto& block : blocks) {
    const json shown = json::parse(block);
    if (shown.contains("findings")) {
      // The documented report shape holds no key the renderer does not write, and the reverse.
      std::set<std::string> documented;
      std::set<std::string> written;
      key_paths(shown, "", documented);
      key_paths(json::parse(render::report_to_json(test::sample_report(), render::Detail::full)), "", written);
      const auto missing_from = [](const std::set<std::string>& from, const std::set<std::string>& keys) {
        std::string missing;
        for (const auto& key : keys) missing += from.count(key) == 0 ? key + " " : "";
        return missing;
      };
      CHECK(missing_from(written, documented) == "");
      CHECK(missing_from(documented, written) == "");
      continue;
    }
    base::Diagnostics diagnostics;
    scenario::load_scenario(block, "doc.json", *checked.rules, diagnostics);
    CHECK_MESSAGE(diagnostics.all().empty(), base::render_text(diagnostics, checked.sources));
  }
}

TEST_CASE("the vocabulary section of the scenario format names every collection and attribute") {
  const ProjectRules& checked = project_rules();
  REQUIRE(checked.rules);
  const std::string doc = read_file(std::string(CYBERNORMS_SOURCE_DIR) + "/docs/scenario-format.md");
  const json schema = json::parse(scenario::json_schema(*checked.rules));
  for (const auto& [collection, property] : schema["properties"].items()) {
    if (entity_def_of(schema, collection).empty()) continue;
    const std::size_t section = doc.find("### `" + collection + "`");
    CHECK_MESSAGE(section != std::string::npos, collection);
    const std::size_t end = doc.find("\n### ", section + 1);
    const std::string text = doc.substr(section, end - section);
    const std::string items = entity_def_of(schema, collection);
    for (const auto& [attribute, declared] : schema["$defs"][items]["properties"].items()) {
      if (attribute == "id" || attribute == "name" || attribute == "description" || attribute == "notes") continue;
      CHECK_MESSAGE(text.find("| `" + attribute + "` |") != std::string::npos, collection, ".", attribute);
    }
  }
}

TEST_CASE("every scenario of the project loads without a problem and fits the schema") {
  const ProjectRules& checked = project_rules();
  REQUIRE(checked.rules);
  const json schema = json::parse(scenario::json_schema(*checked.rules));
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CYBERNORMS_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  CHECK_FALSE(paths.empty());
  for (const auto& path : paths) {
    const std::string text = read_file(path.string());
    base::Diagnostics diagnostics;
    const auto scenario = scenario::load_scenario(text, path.filename().string(), *checked.rules, diagnostics);
    CHECK_MESSAGE(diagnostics.all().empty(), base::render_text(diagnostics, checked.sources));
    CHECK_MESSAGE(SchemaCheck(schema).failures(json::parse(text)).empty(), path.filename().string());
    CHECK(scenario.id == path.stem().string());
  }
}
