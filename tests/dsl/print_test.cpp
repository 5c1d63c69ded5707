// The printer writes canonical text that parses back to the same tree.
#include "dsl/parse.hpp"
#include "parse_text.hpp"
#include "dsl/print.hpp"

#include <boost/variant/get.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace cybernorms;
using namespace cybernorms::dsl;

namespace {

using testing::Parsed;
using testing::parse_text;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// parse(to_source(parse(text))) has no errors and equals parse(text).
void check_round_trip(const ast::RuleFile& file) {
  const std::string printed = to_source(file);
  const Parsed again = parse_text(printed);
  CHECK(again.diagnostics.all().empty());
  CHECK(same_ast(file, again.file));
  CHECK(to_source(again.file) == printed);
}

bool same(const std::string& left, const std::string& right) {
  return same_ast(parse_text(left).file, parse_text(right).file);
}

}  // namespace

TEST_CASE("the sample rule file uses every construct and round-trips") {
  const Parsed parsed = parse_text(read_file(CYBERNORMS_SOURCE_DIR "/tests/dsl/sample.cnr"));
  REQUIRE(parsed.diagnostics.all().empty());
  std::set<int> kinds;
  for (const ast::Item& item : parsed.file.items) kinds.insert(item.get().which());
  CHECK(kinds.size() == 11);
  check_round_trip(parsed.file);
}

TEST_CASE("every rule file in the project's rule base that parses cleanly round-trips") {
  const std::filesystem::path root = CYBERNORMS_SOURCE_DIR "/rules";
  if (!std::filesystem::exists(root)) return;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".cnr") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    CAPTURE(path.string());
    const Parsed parsed = parse_text(read_file(path));
    if (parsed.diagnostics.has_errors()) {
      MESSAGE("skipped, does not parse cleanly: " << path.string() << ": " << parsed.diagnostics.all()[0].message);
      continue;
    }
    check_round_trip(parsed.file);
  }
}

TEST_CASE("a rule prints in the canonical layout") {
  const Parsed parsed = parse_text(
      R"(rule   a.b{conclude h(X,"q\"x",-3)when p(X)and not q(X,_)and(r(X)or X>=$t and X!=1)because "{X}" cite s section "S" quote "Q"})");
  REQUIRE(parsed.diagnostics.all().empty());
  CHECK(to_source(parsed.file) == R"(rule a.b {
  conclude h(X, "q\"x", -3)
  when p(X)
   and not q(X, _)
   and (r(X) or X >= $t and X != 1)
  because "{X}"
  cite s section "S"
       quote "Q"
}
)");
}

TEST_CASE("declarations print in the canonical layout, separated by a blank line") {
  const Parsed parsed = parse_text(
      "type t={a,b}\"T\" entity e from es relation r(x:e,y:t)\"{x}\" from es.ys[] default [] param p:t=a "
      "profile default{title \"D\" set p=b}");
  REQUIRE(parsed.diagnostics.all().empty());
  CHECK(to_source(parsed.file) ==
        "type t = { a, b }\n  \"T\"\n\nentity e from es\n\nrelation r(x: e, y: t)\n  \"{x}\"\n  from es.ys[] "
        "default []\n\nparam p: t = a\n\nprofile default {\n  title \"D\"\n  set p = b\n}\n");
}

TEST_CASE("quoting escapes quotes and backslashes only") {
  CHECK(quoted(R"(a "b" \c ✓)") == R"("a \"b\" \\c ✓")");
  CHECK(quoted("") == R"("")");
}

TEST_CASE("tree equality ignores layout and comments but sees every difference in content") {
  CHECK(same("type t = { a, b }", "# c\n type  t =\n {a,\n b}"));
  CHECK_FALSE(same("type t = { a, b }", "type t = { b, a }"));
  CHECK_FALSE(same("type t = { a }", "type t = { a } \"doc\""));
  CHECK_FALSE(
      same("rule r { conclude h(X) when X < 1 because \"b\" }", "rule r { conclude h(X) when X <= 1 because \"b\" }"));
  CHECK_FALSE(same("rule r { conclude h(x) because \"b\" }", "rule r { conclude h(\"x\") because \"b\" }"));
  CHECK_FALSE(same("rule r { conclude h(X) when (a(X) or b(X)) because \"b\" }",
                   "rule r { conclude h(X) when (a(X) and b(X)) because \"b\" }"));
  CHECK_FALSE(same("relation r(x: e) from es.x", "relation r(x: e) from es.x[]"));
  CHECK_FALSE(same("relation r(x: e) from es.x default []", "relation r(x: e) from es.x"));
  CHECK_FALSE(same("include \"a\"", "include \"a\" include \"a\""));
  CHECK_FALSE(same("entity e from es", "relation e()"));
}

TEST_CASE("translations and language blocks parse, print in the canonical layout and round-trip") {
  const std::string text = R"(language zh "中文" {
  word implicated "涉及"
}

relation consented(s: state) "{s} consented" zh "{s} 同意"

principle harm(s: state) {
  en "Harm done." zh "造成的损害。"
  title "Harm"
        zh "损害"
  cite doc section "A" quote "b"
}

rule harm.x {
  conclude harm(S)
  when hostile(S)
  because "{S} is hostile" zh "{S} 怀有敌意"
}

source doc_zh "中文文件" {
  language zh
  file "d.txt"
}
)";
  const Parsed parsed = parse_text(text);
  REQUIRE(parsed.diagnostics.all().empty());
  check_round_trip(parsed.file);
  const std::string printed = to_source(parsed.file);
  CHECK(printed.find("language zh \"中文\" {\n  word implicated \"涉及\"\n}\n") != std::string::npos);
  CHECK(printed.find("  title \"Harm\"\n        zh \"损害\"\n") != std::string::npos);
  CHECK(printed.find("  because \"{S} is hostile\"\n          zh \"{S} 怀有敌意\"\n") != std::string::npos);
  CHECK(printed.find("  \"Harm done.\"\n    zh \"造成的损害。\"\n") != std::string::npos);
  CHECK(printed.find("  language zh\n") != std::string::npos);
  // A translation differs from the same text without it.
  CHECK_FALSE(same("relation r(s: state) \"{s}\" zh \"{s} 甲\"", "relation r(s: state) \"{s}\" zh \"{s} 乙\""));
  CHECK_FALSE(same("relation r(s: state) \"{s}\" zh \"{s} 甲\"", "relation r(s: state) \"{s}\""));
  CHECK(same("relation r(s: state) en \"{s}\"", "relation r(s: state) \"{s}\""));
}

TEST_CASE("a language tag without its string is a located syntax error") {
  const Parsed parsed = parse_text("relation r(s: state) \"{s}\" zh from states\n");
  REQUIRE(parsed.diagnostics.has_errors());
  const auto& error = parsed.diagnostics.all().front();
  CHECK(error.code == "E101");
  CHECK(error.message.find("a string (the translation)") != std::string::npos);
  CHECK(error.span.line == 1);
  CHECK(error.span.column == 31);
}
