// docs/batch-record.schema.json against the records batch writes: every kind of record
// must follow it, and every key it lists must occur in some record, so the schema can
// neither fall behind the records nor describe keys they never have. No JSON Schema
// validator is packaged for C++ on Debian 12, so the test has a small one for exactly the
// keywords the schema uses, and refuses a schema with any other keyword.
#include <cybernorms/batch.hpp>
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace cybernorms;
using namespace cybernorms::api_test;
using nlohmann::json;

namespace {

// ---- the validator ----

/// A JSON Schema (draft 2020-12) validator for the keywords below and no others.
/// `validate` returns the errors (empty when the instance is valid) and records which
/// listed properties occurred in valid instances (`covered`).
class SchemaValidator {
 public:
  explicit SchemaValidator(json schema) : root_(std::move(schema)) { check_keywords(root_, ""); }

  std::vector<std::string> validate(const json& instance) {
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

  void check_keywords(const json& schema, const std::string& at) {
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

  void list_properties(const json& schema, const std::string& at, std::set<std::string>& listed) const {
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

  const json* resolve(const std::string& ref) const {
    if (!ref.starts_with("#/")) return nullptr;
    const json::json_pointer pointer(ref.substr(1));
    return root_.contains(pointer) ? &root_.at(pointer) : nullptr;
  }

  static bool has_type(const json& instance, const std::string& type) {
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
  bool valid(const json& schema, const std::string& at, const json& instance, const std::string& where,
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
        for (const json& key : *required)
          if (!instance.contains(key.get<std::string>())) fail("no key " + key.dump());
      if (const auto dependent = schema.find("dependentRequired"); dependent != schema.end())
        for (const auto& [key, needs] : dependent->items())
          if (instance.contains(key))
            for (const json& other : needs)
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

  json root_;
  std::set<std::string> used_;
  std::set<std::string> covered_;
};

SchemaValidator& validator() {
  static SchemaValidator loaded(json::parse(read_text(project_dir / "docs/batch-record.schema.json")));
  return loaded;
}

std::string errors_of(const std::vector<std::string>& errors) {
  std::string all;
  for (const std::string& error : errors) all += error + "\n";
  return all;
}

// ---- the records ----

std::vector<std::string> records_of(const std::vector<BatchLine>& lines, BatchOptions options) {
  options.threads = 1;
  BatchEvaluator batch(project_rule_base(), options);
  return batch.evaluate_block(lines, 1);
}

std::vector<BatchLine> as_lines(const std::vector<std::string>& texts) {
  std::vector<BatchLine> lines;
  for (const std::string& text : texts) lines.push_back(BatchLine{text, 0, false});
  return lines;
}

// Lines that are not valid scenarios, each for a different reason.
std::vector<BatchLine> bad_lines() {
  std::vector<BatchLine> lines = as_lines({
      "{not json",                                          // E400
      "",                                                   // an empty line
      "[1, 2]",                                             // not an object
      R"({"id": "unknown_key", "states": [], "mystery": 1})",  // E403, with its id
      R"({"id": 7, "states": []})",                         // an id that is not a string
      R"({"states": [{"id": "s"}]})",                       // no id
      R"({"id": "bad_reference", "states": [{"id": "s"}], "operations": [{"id": "op", "actor": "nobody"}]})",
  });
  lines.push_back(BatchLine{"", 9'000'000, false});  // E407: longer than a line may be
  lines.push_back(BatchLine{"", 9'000'000, true});   // E407: a line without an end
  return lines;
}

struct Record {
  std::string what;  ///< where it came from, for messages
  std::string text;
};

// One record of every kind batch writes: compact records of every bundled scenario
// under every profile, report records (brief and full), error records of bad lines in
// every record kind, and compact and report records whose hinge sets were cut (by
// count, by budget).
const std::vector<Record>& all_records() {
  static const std::vector<Record> records = [] {
    std::vector<Record> all;
    const auto add = [&](const std::string& what, const std::vector<std::string>& texts) {
      for (std::size_t i = 0; i < texts.size(); ++i) all.push_back({what + ", record " + std::to_string(i + 1), texts[i]});
    };
    const std::vector<BatchLine> bundled = as_lines(bundled_lines());
    for (const std::string& profile : project_rule_base().profile_ids()) {
      BatchOptions options;
      options.profile = profile;
      add("compact, bundled, " + profile, records_of(bundled, options));
      options.record = BatchRecord::brief;
      add("brief, bundled, " + profile, records_of(bundled, options));
    }
    BatchOptions options;
    options.record = BatchRecord::full;
    add("full, bundled", records_of(bundled, options));
    for (const BatchRecord kind : {BatchRecord::compact, BatchRecord::brief, BatchRecord::full}) {
      options.record = kind;
      add("bad lines, kind " + std::to_string(static_cast<int>(kind)), records_of(bad_lines(), options));
    }
    options = {};
    options.max_hinge_sets = 1;
    add("compact, one hinge set listed", records_of(as_lines({all_unknown_scenario(1)}), options));
    options.record = BatchRecord::brief;
    add("brief, one way listed", records_of(bundled, options));
    options = {};
    options.hinge_budget = 1'000;
    add("compact, hinge budget 1,000", records_of(as_lines({all_unknown_scenario(20)}), options));
    return all;
  }();
  return records;
}

bool has_key_somewhere(const json& value, const std::string& key) {
  if (value.is_object()) {
    if (value.contains(key)) return true;
    return std::any_of(value.begin(), value.end(), [&](const json& v) { return has_key_somewhere(v, key); });
  }
  if (value.is_array())
    return std::any_of(value.begin(), value.end(), [&](const json& v) { return has_key_somewhere(v, key); });
  return false;
}

// The first record with `key` somewhere; of compact records only, unless `any_kind`.
json first_record_with(const std::string& key, bool any_kind = false) {
  for (const Record& record : all_records()) {
    json parsed = json::parse(record.text);
    if ((any_kind || parsed.contains("findings")) && has_key_somewhere(parsed, key)) return parsed;
  }
  FAIL("no record has the key " << key);
  return {};
}

}  // namespace

TEST_CASE("every record batch writes follows docs/batch-record.schema.json") {
  std::size_t compact = 0, report = 0, error = 0;
  for (const Record& record : all_records()) {
    CAPTURE(record.what);
    CAPTURE(record.text.substr(0, 400));
    const json parsed = json::parse(record.text);
    const auto errors = validator().validate(parsed);
    CHECK_MESSAGE(errors.empty(), errors_of(errors));
    compact += parsed.contains("findings");
    report += parsed.contains("report");
    error += parsed["ok"] == false;
  }
  MESSAGE(compact << " compact, " << report << " report and " << error << " error records validated");
  CHECK(compact > 0);
  CHECK(report > 0);
  CHECK(error == 3 * bad_lines().size());
}

TEST_CASE("every key the schema lists occurs in some record") {
  for (const Record& record : all_records()) validator().validate(json::parse(record.text));
  const std::set<std::string> listed = validator().listed_properties();
  REQUIRE(listed.size() > 30);
  for (const std::string& property : listed) {
    CAPTURE(property);
    CHECK(validator().covered().contains(property));
  }
}

TEST_CASE("the records checked include findings whose hinge lists were cut: by count, by budget, by sets per fact") {
  std::set<std::string> limits;
  std::size_t counted = 0;
  for (const Record& record : all_records()) {
    const json parsed = json::parse(record.text);
    if (!parsed.contains("findings")) continue;
    for (const json& finding : parsed["findings"]) {
      if (finding.contains("hinge_limit")) limits.insert(finding["hinge_limit"].get<std::string>());
      counted += finding.contains("hinge_sets_found");
    }
  }
  CHECK(counted > 0);
  CHECK(limits.contains("work_budget"));
  CHECK(limits.contains("sets_per_fact"));
}

TEST_CASE("the report records checked include ways cut short and questions that group several facts") {
  bool truncated = false;
  bool grouped = false;
  for (const Record& record : all_records()) {
    const json parsed = json::parse(record.text);
    if (!parsed.contains("report")) continue;
    for (const json& finding : parsed["report"]["findings"]) {
      const json& hinges = finding["hinges"];
      if (hinges["truncated"] == true) {
        truncated = true;
        CHECK(hinges["total"].get<std::size_t>() > hinges["routes"].size());
      }
    }
    for (const json& question : parsed["report"]["questions"]) grouped = grouped || question["facts"].size() > 1;
  }
  CHECK(truncated);
  CHECK(grouped);
}

TEST_CASE("the validator rejects records that break the schema") {
  // A compact record with an implicated and a possible finding.
  json good;
  std::size_t possible = 0, implicated = 0;
  for (const Record& record : all_records()) {
    const json parsed = json::parse(record.text);
    if (!parsed.contains("findings")) continue;
    const json& findings = parsed["findings"];
    const auto at = [&](const char* level) {
      return static_cast<std::size_t>(std::find_if(findings.begin(), findings.end(), [&](const json& f) {
                                        return f["level"] == level;
                                      }) - findings.begin());
    };
    possible = at("possible");
    implicated = at("implicated");
    if (possible < findings.size() && implicated < findings.size()) {
      good = parsed;
      break;
    }
  }
  REQUIRE(good.is_object());
  REQUIRE(validator().validate(good).empty());

  // Each change must be refused, for the reason given (a part of the validator's message).
  const auto rejected = [&](const std::string& why, const std::string& reason, const auto& change) {
    CAPTURE(why);
    json bad = good;
    change(bad);
    const auto errors = validator().validate(bad);
    REQUIRE_MESSAGE(!errors.empty(), why << " was accepted");
    CHECK_MESSAGE(errors_of(errors).find(reason) != std::string::npos, errors_of(errors));
  };
  const auto finding = [](json& r, std::size_t i) -> json& { return r["findings"][i]; };
  rejected("an extra key in the record", R"(key "extra" is not allowed)", [](json& r) { r["extra"] = 1; });
  rejected("an extra key in a finding", R"(key "title" is not allowed)",
           [&](json& r) { finding(r, possible)["title"] = "t"; });
  rejected("a level that is not one", R"("likely" is not "possible")",
           [&](json& r) { finding(r, possible)["level"] = "likely"; });
  rejected("a level not_implicated among findings", R"("not_implicated" is not "possible")",
           [&](json& r) { finding(r, possible)["level"] = "not_implicated"; });
  rejected("a possible finding without hinges", R"(no key "hinges")",
           [&](json& r) { finding(r, possible).erase("hinges"); });
  rejected("hinges_complete true", "true is not false", [&](json& r) {
    finding(r, possible)["hinges_complete"] = true;
    finding(r, possible)["hinge_limit"] = "depth";
  });
  rejected("hinges_complete without hinge_limit", R"(key "hinges_complete" without "hinge_limit")",
           [&](json& r) { finding(r, possible)["hinges_complete"] = false; });
  rejected("an unknown hinge_limit", R"("patience" is none of)", [&](json& r) {
    finding(r, possible)["hinges_complete"] = false;
    finding(r, possible)["hinge_limit"] = "patience";
  });
  rejected("hinge_sets_found 0", "0 is below 1", [&](json& r) { finding(r, possible)["hinge_sets_found"] = 0; });
  rejected("a negative question number", "-1 is below 0",
           [&](json& r) { finding(r, possible)["hinges"] = json::parse(R"([{"yes": [-1]}])"); });
  rejected("an empty hinge set", "fewer keys than 1",
           [&](json& r) { finding(r, possible)["hinges"] = json::parse("[{}]"); });
  rejected("an empty side of a hinge set", "fewer items than 1",
           [&](json& r) { finding(r, possible)["hinges"] = json::parse(R"([{"yes": [0], "no": []}])"); });
  rejected("a hinge set with a third answer", R"(key "maybe" is not allowed)",
           [&](json& r) { finding(r, possible)["hinges"] = json::parse(R"([{"maybe": [0]}])"); });
  rejected("line 0", "0 is below 1", [](json& r) { r["line"] = 0; });
  rejected("a line that is no integer", "not of type integer", [](json& r) { r["line"] = 1.5; });
  rejected("no questions", R"(no key "questions")", [](json& r) { r.erase("questions"); });
  rejected("a question without args", R"(no key "args")",
           [](json& r) { r["questions"] = json::parse(R"([{"relation": "coercive"}])"); });
  rejected("a role that is no string", "/roles/operation: not of type string",
           [&](json& r) { finding(r, possible)["roles"]["operation"] = 1; });
  rejected("ok false with findings", "false is not true", [](json& r) { r["ok"] = false; });
  rejected("a compact record with a report", R"(key "report" is not allowed)",
           [](json& r) { r["report"] = json::object(); });
  rejected("hinges on an implicated finding", R"(key "hinges" is not allowed)",
           [&](json& r) { finding(r, implicated)["hinges"] = json::array(); });

  const json error = first_record_with("errors", true);
  REQUIRE(validator().validate(error).empty());
  json bad = error;
  bad["errors"] = json::array();
  CHECK_FALSE(validator().validate(bad).empty());
  bad = error;
  bad["errors"][0].erase("pointer");
  CHECK_FALSE(validator().validate(bad).empty());
  bad = error;
  bad["scenario"] = nullptr;
  CHECK_FALSE(validator().validate(bad).empty());

  // A report record: its ways and questions as docs/batch-record.schema.json lists them.
  json report;
  for (const Record& record : all_records()) {
    const json parsed = json::parse(record.text);
    if (parsed.contains("report") && !parsed["report"]["questions"].empty()) {
      report = parsed;
      break;
    }
  }
  REQUIRE(report.is_object());
  REQUIRE(validator().validate(report).empty());
  const auto report_rejected = [&](const std::string& why, const auto& change) {
    CAPTURE(why);
    json broken = report;
    change(broken["report"]);
    CHECK_MESSAGE(!validator().validate(broken).empty(), why << " was accepted");
  };
  const auto possible_finding = [](json& r) -> json& {
    for (json& f : r["findings"])
      if (f["level"] == "possible") return f;
    FAIL("no possible finding");
    return r;
  };
  report_rejected("hinges without truncated", [&](json& r) { possible_finding(r)["hinges"].erase("truncated"); });
  report_rejected("truncated as a word", [&](json& r) { possible_finding(r)["hinges"]["truncated"] = "no"; });
  report_rejected("a way with an answer maybe",
                  [&](json& r) { possible_finding(r)["hinges"]["routes"][0][0]["answer"] = "maybe"; });
  report_rejected("an empty way", [&](json& r) { possible_finding(r)["hinges"]["routes"][0] = json::array(); });
  report_rejected("a question without its element", [](json& r) { r["questions"][0].erase("element"); });
  report_rejected("a question without facts", [](json& r) { r["questions"][0]["facts"] = json::array(); });
  report_rejected("a question's fact without its text", [](json& r) { r["questions"][0]["facts"][0].erase("text"); });
}
