#include "scenario/json_input.hpp"

#include <doctest/doctest.h>
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

}  // namespace

TEST_CASE("read_json builds what nlohmann's parser builds, value types included") {
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
