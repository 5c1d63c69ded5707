// JSON written without a document: escaping that any reader accepts, and the same text
// a DOM would give for the same values.
#include "render/json_writer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace cybernorms::render;

namespace {

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("strings are escaped as a DOM dump escapes them") {
  for (const std::string& text : {std::string("plain"), std::string("quote \" and \\ backslash"),
                                 std::string("tab\tnew\nline\rcarriage\bback\fform"), std::string("\x01\x1f control"),
                                 std::string("UTF-8: \xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80"), std::string()}) {
    CAPTURE(text);
    CHECK(json_string(text) == nlohmann::json(text).dump());
    CHECK(nlohmann::json::parse(json_string(text)).get<std::string>() == text);
  }
}

TEST_CASE("bytes that are not UTF-8 become U+FFFD, so the output always parses") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(json_string("a\xFF" "b") == "\"a" + replacement + "b\"");
  CHECK(json_string("\xC3") == "\"" + replacement + "\"");                 // cut short
  CHECK(json_string("\xC0\xAF") == "\"" + replacement + replacement + "\"");  // overlong
  CHECK(json_string("\xED\xA0\x80").find(replacement) != std::string::npos);  // a surrogate
  CHECK(json_string("\xF4\x90\x80\x80").find(replacement) != std::string::npos);  // past U+10FFFF
  for (const std::string& text : {std::string("\xFF\xFE"), std::string("ok \xE4\xB8"), std::string("\x80\x80\x80")})
    CHECK_NOTHROW(nlohmann::json::parse(json_string(text)));
}

TEST_CASE("the writer places commas and colons, nested as written") {
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.plain_key("n").number(0);
  json.key("big").number(18446744073709551615ull);
  json.key("list").begin_array().string("a").boolean(true).begin_object().end_object().begin_array().end_array().end_array();
  json.key("raw").raw("{\"x\":1}");
  json.key("k\"ey").boolean(false);
  json.end_object();
  CHECK(out == R"({"n":0,"big":18446744073709551615,"list":["a",true,{},[]],"raw":{"x":1},"k\"ey":false})");
  CHECK_NOTHROW(nlohmann::json::parse(out));
}

TEST_CASE("prepared keys and strings take the comma a list needs, and only then") {
  const std::string key = prepare_key("k\"ey");
  const std::string first = prepare_string("a");
  const std::string second = prepare_string("b\n");
  CHECK(key == R"(,"k\"ey":)");
  CHECK(first == R"(,"a")");
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.prepared_key(key).begin_array().prepared_string(first).prepared_string(second).number(7).end_array();
  json.plain_key("n").prepared_string(first);
  json.prepared_key(key).number(18446744073709551615ull);
  json.end_object();
  CHECK(out == R"({"k\"ey":["a","b\n",7],"n":"a","k\"ey":18446744073709551615})");
  CHECK_NOTHROW(nlohmann::json::parse(out));
}
