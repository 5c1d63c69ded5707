// Bad input never crashes, hangs or grows without bound: it ends in diagnostics.
#include "dsl/parse.hpp"
#include "parse_text.hpp"
#include "dsl/print.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <random>
#include <sstream>

using namespace cybernorms;
using namespace cybernorms::dsl;

namespace {

using testing::Parsed;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sample_text() { return read_file(CYBERNORMS_SOURCE_DIR "/tests/dsl/sample.cnr"); }

/// Parses `text` and checks what must hold for any input: only E1xx errors, each at a
/// place inside the text.
Parsed parse_checked(const std::string& text, const ParseLimits& limits = {}) {
  Parsed parsed = testing::parse_text(text, limits, "input.cnr");
  const base::SourceSet& sources = parsed.sources;
  const base::FileId id = parsed.id;
  for (const base::Diagnostic& diagnostic : parsed.diagnostics.all()) {
    CHECK(diagnostic.code.starts_with("E1"));
    CHECK(diagnostic.span.line >= 1);
    CHECK(diagnostic.span.line <= sources.file(id).line_count());
    CHECK(diagnostic.span.offset <= text.size());
  }
  return parsed;
}

/// Whatever parsed prints back to text that parses to the same tree, without errors.
void check_round_trip(const ast::RuleFile& file) {
  const std::string printed = to_source(file);
  const Parsed again = parse_checked(printed);
  CHECK(again.diagnostics.all().empty());
  CHECK(same_ast(file, again.file));
}

std::string repeated(const std::string& unit, std::size_t bytes) {
  std::string text;
  text.reserve(bytes + unit.size());
  while (text.size() < bytes) text += unit;
  return text;
}

}  // namespace

TEST_CASE("every prefix of a complete rule file ends in items or diagnostics, never a crash") {
  const std::string text = sample_text();
  const Parsed whole = parse_checked(text);
  REQUIRE(whole.diagnostics.all().empty());
  std::size_t with_errors = 0;
  for (std::size_t length = 0; length <= text.size(); ++length) {
    const Parsed prefix = parse_checked(text.substr(0, length));
    CHECK(prefix.file.items.size() <= whole.file.items.size());
    if (prefix.diagnostics.has_errors()) ++with_errors;
  }
  CHECK(with_errors > text.size() / 2);
}

TEST_CASE("random bytes yield diagnostics, never a crash") {
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 20; ++round) {
    std::string text(64 * 1024, '\0');
    for (char& c : text) c = static_cast<char>(byte(random));
    if (round % 2 == 1) text[0] = 'r';  // past the NUL probe sometimes, so the grammar sees the bytes
    std::replace(text.begin(), text.end(), '\0', round % 2 == 1 ? ' ' : '\0');
    const Parsed parsed = parse_checked(text);
    CHECK(parsed.diagnostics.has_errors());
  }
}

TEST_CASE("random sequences of the language's own tokens parse or fail cleanly, and what parses prints back") {
  const std::array<std::string, 44> tokens{
      "rule",   "exception", "type",   "entity", "relation", "param",   "principle", "profile", "include",
      "source", "conclude",  "when",   "and",    "or",       "not",     "because",   "cite",    "section",
      "quote",  "title",     "layers", "set",    "from",     "default", "for",       "x",       "y.z",
      "Var",    "_",         "$p",     "42",     "-1",       "\"s\"",   "(",         ")",       "{",
      "}",      ",",         ":",      "=",      "!=",       "<=",      "[]",        "\n"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += tokens[pick(random)] + " ";
    const Parsed parsed = parse_checked(text);
    check_round_trip(parsed.file);
  }
}

TEST_CASE("a rule file with words deleted, doubled or swapped keeps its good items, which print back") {
  std::vector<std::string> words;
  std::istringstream split(sample_text());
  for (std::string word; std::getline(split, word, ' ');) words.push_back(word);
  std::mt19937 random(11);
  std::size_t kept = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> mutated = words;
    for (int change = 0; change < 3; ++change) {
      std::uniform_int_distribution<std::size_t> at(0, mutated.size() - 1);
      const std::size_t i = at(random);
      const std::size_t j = at(random);
      if (change == 0) mutated.erase(mutated.begin() + static_cast<std::ptrdiff_t>(i));
      if (change == 1) mutated.insert(mutated.begin() + static_cast<std::ptrdiff_t>(i), mutated[j]);
      if (change == 2) std::swap(mutated[i], mutated[j]);
    }
    std::string text;
    for (const std::string& word : mutated) text += word + " ";
    const Parsed parsed = parse_checked(text);
    kept += parsed.file.items.size();
    check_round_trip(parsed.file);
  }
  CHECK(kept > 300 * 20);
}

TEST_CASE("a 10 MB rule file parses whole") {
  const std::string unit =
      "rule r.x {\n  conclude p(X, Y)\n  when q(X, Y) and not s(Y) and (X = 1 or X > $t)\n"
      "  because \"{X} and {Y}\"\n  cite src section \"S\" quote \"Q\"\n}\n";
  const std::string text = repeated(unit, 10u << 20);
  const Parsed parsed = parse_checked(text);
  CHECK(parsed.diagnostics.all().empty());
  CHECK(parsed.file.items.size() == text.size() / unit.size());
}

TEST_CASE("a file above the size limit is refused before parsing") {
  const Parsed parsed = parse_checked(std::string((16u << 20) + 1, ' '));
  REQUIRE(parsed.diagnostics.all().size() == 1);
  CHECK(parsed.diagnostics.all()[0].code == "E100");
  CHECK(parsed.file.items.empty());
}

TEST_CASE("a 10 MB line of one word is one error") {
  const Parsed parsed = parse_checked(std::string(10u << 20, 'x'));
  REQUIRE(parsed.diagnostics.all().size() == 1);
  CHECK(parsed.diagnostics.all()[0].message.ends_with("found 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"));
}

TEST_CASE("lines of 100,000 characters parse or fail in one piece") {
  const std::string long_text(100'000, 'a');
  SUBCASE("a long doc string") {
    const Parsed parsed = parse_checked("entity e from es \"" + long_text + "\"");
    CHECK(parsed.diagnostics.all().empty());
    CHECK(parsed.file.items.size() == 1);
  }
  SUBCASE("a long name") {
    const Parsed parsed = parse_checked("entity " + long_text + " from es");
    CHECK(parsed.diagnostics.all().empty());
  }
  SUBCASE("a long integer") {
    const Parsed parsed = parse_checked("param p: int = " + std::string(100'000, '9'));
    REQUIRE(parsed.diagnostics.all().size() == 1);
    CHECK(parsed.diagnostics.all()[0].code == "E105");
  }
  SUBCASE("a long unterminated string") {
    const Parsed parsed = parse_checked("include \"" + long_text);
    REQUIRE(parsed.diagnostics.all().size() == 1);
    CHECK(parsed.diagnostics.all()[0].code == "E102");
  }
}

TEST_CASE("parentheses nested 10,000 deep stop at the limit with one error") {
  const std::string depth(10'000, '(');
  SUBCASE("balanced") {
    const Parsed parsed = parse_checked("rule a { conclude x(A) when " + depth + "y(A)" + std::string(10'000, ')') +
                                        " because \"b\" }\ntype t = { a }\n");
    REQUIRE(parsed.diagnostics.all().size() == 1);
    CHECK(parsed.diagnostics.all()[0].code == "E104");
    CHECK(parsed.diagnostics.all()[0].span.column == 29 + 64);
    CHECK(parsed.file.items.size() == 1);
  }
  SUBCASE("never closed") {
    const Parsed parsed = parse_checked("rule a { conclude x(A) when " + depth);
    REQUIRE(parsed.diagnostics.all().size() == 1);
    CHECK(parsed.diagnostics.all()[0].code == "E104");
  }
  SUBCASE("inside an atom's arguments") {
    const Parsed parsed = parse_checked("rule a { conclude x(" + depth);
    REQUIRE(parsed.diagnostics.all().size() == 1);
    CHECK(parsed.diagnostics.all()[0].code == "E101");
  }
}

TEST_CASE("NUL bytes past the binary probe are invalid bytes") {
  std::string text = std::string(9000, ' ') + "type t = { a, ";
  text += '\0';
  text += " }\ntype u = { b }";
  const Parsed parsed = parse_checked(text);
  REQUIRE(parsed.diagnostics.all().size() == 1);
  CHECK(parsed.diagnostics.all()[0].code == "E103");
  CHECK(parsed.diagnostics.all()[0].message == "invalid byte 0x00");
  CHECK(parsed.file.items.size() == 1);
}

TEST_CASE("malformed UTF-8 in a string is refused and well-formed UTF-8 kept") {
  for (const std::string bad :
       {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80", "\xf8\x88\x80\x80"}) {
    const Parsed parsed = parse_checked("include \"a" + bad + "\"");
    REQUIRE(parsed.diagnostics.all().size() == 1);
    CHECK(parsed.diagnostics.all()[0].code == "E103");
  }
  const Parsed good = parse_checked("include \"\xf0\x9f\x8c\x8d \xe2\x82\xac \xc3\xa9\"");
  CHECK(good.diagnostics.all().empty());
}

TEST_CASE("a flood of bad items is counted while the stored diagnostics stay bounded") {
  const Parsed parsed = parse_checked(repeated("rule ? {\n", 100'000 * 9));
  CHECK(parsed.diagnostics.error_count() == 100'000);
  CHECK(parsed.diagnostics.all().size() <= 200);
}

TEST_CASE("an error at the bottom of 64 nested groups of alternatives is found without backtracking") {
  // Were alternatives retried on failure, each level would double the work: 2^64 tries.
  const auto nest = [](std::string innermost) {
    for (int level = 0; level < 64; ++level) innermost = "(b(X) and " + innermost + " or c(X) and d(X))";
    return "rule a { conclude x(X) when " + innermost + " because \"b\" }";
  };
  const Parsed good = parse_checked(nest("a(X)"));
  CHECK(good.diagnostics.all().empty());
  const Parsed bad = parse_checked(nest("a(X) X"));
  REQUIRE(bad.diagnostics.all().size() == 1);
  CHECK(bad.diagnostics.all()[0].span.column == 28 + 64 * 10 + 6);
  CHECK(bad.diagnostics.all()[0].message == "expected ')', found 'X'");
}
