// docs/batch-record.schema.json against the records batch writes: every kind of record
// must follow it, and every key it lists must occur in some record, so the schema can
// neither fall behind the records nor describe keys they never have. No JSON Schema
// validator is packaged for C++ on Debian 12, so the test has a small one for exactly the
// keywords the schema uses, and refuses a schema with any other keyword.
#include <cybernorms/batch.hpp>
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"
#include "schema_validator.hpp"

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

// ---- the validator: schema_validator.hpp ----

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
