#include "scenario/json_input.hpp"
#include "scenario/json_value.hpp"

#include <doctest/doctest.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace cybernorms;
using nlohmann::json;

namespace {

/// Equal values of equal types all the way down: nlohmann's == calls 1 and 1.0 equal, and
/// an unsigned 0 and a signed 0, which the reader tells apart.
bool same_value(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y)
      if (x.key() != y.key() || !same_value(*x, *y)) return false;
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_value(a[i], b[i])) return false;
    return true;
  }
  if (a.is_number_float()) return a.dump() == b.dump();  // tells -0.0 from 0.0
  return a == b;
}

std::vector<std::string> codes_and_pointers(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& diagnostic : diagnostics.all()) out.push_back(diagnostic.code + " " + diagnostic.pointer);
  return out;
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Documents both readers must read alike: edge cases of numbers and strings, a byte
/// order mark (which simdjson refuses and nlohmann accepts), and every bundled scenario.
std::vector<std::string> sample_documents() {
  std::vector<std::string> documents = {
      "0",
      "-0",
      "[0, -0, 1, -1, 0.0, -0.0, 1e-400, -1e-400, 1E2, 2.5]",
      "[18446744073709551615, 18446744073709551616, 9223372036854775807, -9223372036854775808, "
      "-9223372036854775809]",
      "\xEF\xBB\xBF{\"after a byte order mark\": true}",
      "{\"text\": \"tab\\t, quote \\\", slash \\/, \\u00e9, \\ud83d\\ude00, nul \\u0000\", \"empty\": \"\"}",
      "{\"nested\": [{\"a\": [[], {}], \"b\": null}, [true, false]], \"unicode\": \"\xC3\xA9\xE2\x82\xAC\"}",
      " \t\r\n[1]\n ",
  };
  for (const auto& entry : std::filesystem::directory_iterator(CYBERNORMS_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() == ".json") documents.push_back(file_text(entry.path()));
  }
  return documents;
}

}  // namespace

TEST_CASE("read_json builds what nlohmann's parser builds, value types included") {
  const std::vector<std::string> documents = sample_documents();
  REQUIRE(documents.size() > 20);
  // One parser kept from document to document, as an evaluator keeps it: a long document,
  // then shorter ones, then a broken one, must not leave anything behind for the next.
  scenario::JsonParser kept;
  for (const std::string& text : documents) {
    CAPTURE(text.substr(0, 80));
    Diagnostics diagnostics;
    const auto parsed = scenario::read_json(text, "doc", {}, diagnostics);
    REQUIRE(parsed);
    CHECK(diagnostics.all().empty());
    CHECK(same_value(*parsed, json::parse(text)));
    Diagnostics with_kept;
    const auto again = scenario::read_json(text, "doc", {}, with_kept, &kept);
    REQUIRE(again);
    CHECK(with_kept.all().empty());
    CHECK(same_value(*again, *parsed));
    Diagnostics broken;
    CHECK_FALSE(scenario::read_json(text.substr(0, text.size() / 2), "doc", {}, broken, &kept));
    CHECK(broken.all().size() == 1);
  }
}

TEST_CASE("read_json keeps the last of two equal keys and names every duplicate, in the order met") {
  const std::string text = R"({"a": {"b": 1, "b": [2, {"c": 0, "c": -0}]}, "list": [{"x~/y": 1, "x~/y": 2}], "a": 3})";
  Diagnostics diagnostics;
  const auto parsed = scenario::read_json(text, "doc", {}, diagnostics);
  REQUIRE(parsed);
  CHECK(same_value(*parsed, json::parse(text)));
  CHECK(parsed->dump() == R"({"a":3,"list":[{"x~/y":2}]})");
  CHECK(codes_and_pointers(diagnostics) ==
        std::vector<std::string>{"E408 /a/b", "E408 /a/b/1/c", "E408 /list/0/x~0~1y", "E408 /a"});
}

TEST_CASE("read_json refuses containers past the depth limit and malformed JSON with their place") {
  scenario::JsonLimits limits;
  limits.max_depth = 3;
  Diagnostics at_limit;
  CHECK(scenario::read_json("[[{\"a\": 1}]]", "doc", limits, at_limit));
  CHECK(at_limit.all().empty());

  Diagnostics too_deep;
  CHECK_FALSE(scenario::read_json("[[[[1]]]]", "doc", limits, too_deep));
  REQUIRE(too_deep.all().size() == 1);
  CHECK(too_deep.all()[0].code == "E407");
  CHECK(too_deep.all()[0].message == "nested deeper than 3 levels at line 1, column 4");

  Diagnostics malformed;
  CHECK_FALSE(scenario::read_json("{\"a\": 1,\n \"b\": tru}", "doc", {}, malformed));
  REQUIRE(malformed.all().size() == 1);
  CHECK(malformed.all()[0].code == "E400");
  CHECK(malformed.all()[0].message.starts_with("not JSON: line 2, column "));

  for (const std::string bad : {"[1,]", "01", "1e999", "\"\\ud800\"", "\"\xff\"", "[1] x", "{}{}"}) {
    CAPTURE(bad);
    Diagnostics diagnostics;
    CHECK_FALSE(scenario::read_json(bad, "doc", {}, diagnostics));
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].code == "E400");
  }
}

// ----- read_document: the same reading, in place -----------------------------------------

namespace {

/// The value a document reads as, written out: nlohmann's reading and the in-place one
/// must write the same text (integers and floating point stay apart, and -0.0 from 0.0).
std::string written(const nlohmann::json& value) { return value.dump(); }
std::string written(const scenario::JsonValue& value) { return value.to_json().dump(); }

}  // namespace

TEST_CASE("read_document reads every document as read_json does, with a parser kept or its own") {
  scenario::JsonParser kept;
  for (const std::string& text : sample_documents()) {
    CAPTURE(text.substr(0, 80));
    Diagnostics expected;
    const auto parsed = scenario::read_json(text, "doc", {}, expected);
    REQUIRE(parsed);
    Diagnostics own;
    const auto document = scenario::read_document(text, "doc", {}, own);
    REQUIRE(document);
    CHECK(own.all().empty());
    CHECK(written(document->root()) == written(*parsed));
    Diagnostics with_kept;
    const auto again = scenario::read_document(text, "doc", {}, with_kept, &kept);
    REQUIRE(again);
    CHECK(written(again->root()) == written(*parsed));
  }
}

TEST_CASE("read_document names every duplicate key in the order met and answers for the last") {
  const std::string text = R"({"a": {"b": 1, "b": [2, {"c": 0, "c": -0}]}, "list": [{"x~/y": 1, "x~/y": 2}], "a": 3})";
  Diagnostics diagnostics;
  const auto document = scenario::read_document(text, "doc", {}, diagnostics);
  REQUIRE(document);
  CHECK(codes_and_pointers(diagnostics) ==
        std::vector<std::string>{"E408 /a/b", "E408 /a/b/1/c", "E408 /list/0/x~0~1y", "E408 /a"});
  const scenario::JsonValue root = document->root();
  REQUIRE(root.find("a"));
  CHECK(root.find("a")->fits_int64());
  CHECK(root.find("a")->integer_text() == "3");
  CHECK(scenario::sorted_keys(root) == std::vector<std::string_view>{"a", "list"});
  CHECK(written(root) == R"({"a":3,"list":[{"x~/y":2}]})");

  // A large object is searched for repeats another way; it finds the same ones.
  std::string large = "{";
  for (int i = 0; i < 40; ++i) large += fmt::format("\"k{}\": {}, ", i, i);
  large += "\"k7\": \"again\", \"k39\": [], \"last\": {\"k7\": 1}}";
  Diagnostics in_large;
  const auto large_document = scenario::read_document(large, "doc", {}, in_large);
  REQUIRE(large_document);
  CHECK(codes_and_pointers(in_large) == std::vector<std::string>{"E408 /k7", "E408 /k39"});
  CHECK(large_document->root().find("k7")->string() == "again");
  CHECK(large_document->root().size() == 43);
  Diagnostics by_nlohmann;
  CHECK(scenario::read_json(large, "doc", {}, by_nlohmann));
  CHECK(codes_and_pointers(by_nlohmann) == codes_and_pointers(in_large));
}

TEST_CASE("read_document refuses what read_json refuses, with the same diagnostics") {
  scenario::JsonLimits limits;
  limits.max_depth = 3;
  const std::vector<std::string> refused = {"[[[[1]]]]", "{\"a\": [[{}]]}", "{\"a\": 1,\n \"b\": tru}", "[1,]", "01",
                                            "1e999", "\"\\ud800\"", "\"\xff\"", "[1] x", "{}{}", "", "  \n"};
  for (const std::string& bad : refused) {
    CAPTURE(bad);
    Diagnostics by_json, by_document;
    CHECK_FALSE(scenario::read_json(bad, "doc", limits, by_json));
    CHECK_FALSE(scenario::read_document(bad, "doc", limits, by_document));
    REQUIRE(by_document.all().size() == 1);
    CHECK(by_document.all()[0].code == by_json.all()[0].code);
    CHECK(by_document.all()[0].message == by_json.all()[0].message);
  }
  Diagnostics at_limit;
  CHECK(scenario::read_document("[[{\"a\": 1}]]", "doc", limits, at_limit));
  CHECK(at_limit.all().empty());
}

TEST_CASE("a JsonValue tells the kinds of values apart as the scenario reader needs them") {
  Diagnostics diagnostics;
  const auto document = scenario::read_document(
      R"({"i": -5, "big": 9223372036854775808, "f": 1.0, "s": "unknown", "t": true, "n": null, "a": [1, "x"], "o": {}})",
      "doc", {}, diagnostics);
  REQUIRE(document);
  const scenario::JsonValue root = document->root();
  CHECK(root.is_object());
  CHECK(root.size() == 8);
  CHECK(root.find("i")->fits_int64());
  CHECK(root.find("i")->integer_text() == "-5");
  CHECK(root.find("big")->is_integer());
  CHECK_FALSE(root.find("big")->fits_int64());
  CHECK(root.find("f")->is_number());
  CHECK_FALSE(root.find("f")->is_integer());
  CHECK(root.find("s")->string() == "unknown");
  CHECK(root.find("t")->boolean());
  CHECK(root.find("n")->is_null());
  CHECK_FALSE(root.find("missing"));
  CHECK(root.find("i")->string().empty());
  std::vector<std::string> elements;
  root.find("a")->for_each_element(
      [&](std::size_t index, scenario::JsonValue value) { elements.push_back(fmt::format("{}:{}", index, written(value))); });
  CHECK(elements == std::vector<std::string>{"0:1", "1:\"x\""});
  CHECK(scenario::shown(*root.find("a")) == "an array");
  CHECK(scenario::shown(*root.find("o")) == "{}");
  CHECK(scenario::shown(*root.find("f")) == "1.0");
  CHECK(scenario::shown(*root.find("big")) == "9223372036854775808");
}
