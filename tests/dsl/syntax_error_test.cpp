// Syntax errors: one E1xx diagnostic at the offending token, saying what was expected,
// then recovery at the next top-level item.
#include "dsl/parse.hpp"
#include "parse_text.hpp"
#include "dsl/print.hpp"

#include <doctest/doctest.h>

using namespace cybernorms;
using namespace cybernorms::dsl;

namespace {

using testing::Parsed;

Parsed parse_text(const std::string& text, const ParseLimits& limits = {}) {
  return testing::parse_text(text, limits, "bad.cnr");
}

/// The only diagnostic `text` yields, which must be an error.
base::Diagnostic only_error(const std::string& text, const ParseLimits& limits = {}) {
  const Parsed parsed = parse_text(text, limits);
  REQUIRE(parsed.diagnostics.all().size() == 1);
  CHECK(parsed.diagnostics.all().front().severity == base::Severity::error);
  return parsed.diagnostics.all().front();
}

}  // namespace

TEST_CASE("a missing keyword is named with the token found in its place") {
  const auto error = only_error("rule a {\n  conclude x(A)\n  when y(A)\n  cite s section \"x\" quote \"y\"\n}\n");
  CHECK(error.code == "E101");
  CHECK(error.span.line == 4);
  CHECK(error.span.column == 3);
  CHECK(error.span.length == 4);
  CHECK(error.message == "expected 'because', found 'cite'");
}

TEST_CASE("a missing string says which string was due") {
  SUBCASE("the quote") {
    const auto error = only_error("rule a {\n  conclude x(A)\n  because \"b\"\n  cite s section \"x\" quote\n}\n");
    CHECK(error.span.line == 5);
    CHECK(error.span.column == 1);
    CHECK(error.message == "expected a string (the quote), found '}'");
  }
  SUBCASE("the title") {
    const auto error = only_error("principle p(s: state) {\n  title sov3\n}");
    CHECK(error.span.line == 2);
    CHECK(error.span.column == 9);
    CHECK(error.message == "expected a string (the title), found 'sov3'");
  }
  SUBCASE("the explanation template") {
    const auto error = only_error("rule a { conclude x(A) because }");
    CHECK(error.span.column == 32);
    CHECK(error.message == "expected a string (the explanation template), found '}'");
  }
}

TEST_CASE("a missing condition, closing brace or parenthesis is reported where it was due") {
  SUBCASE("a condition after 'and'") {
    const auto error = only_error("rule a { conclude x(A) when y(A) and because \"b\" }");
    CHECK(error.span.column == 38);
    CHECK(error.span.length == 7);
    CHECK(error.message == "expected a condition, found 'because'");
  }
  SUBCASE("an operator after a term") {
    const auto error = only_error("rule a { conclude x(A) when A because \"b\" }");
    CHECK(error.span.column == 31);
    CHECK(error.message == "expected a comparison (=, !=, <, <=, >, >=), found 'because'");
  }
  SUBCASE("'or' outside parentheses") {
    const auto error = only_error("rule a { conclude x(A) when y(A) or z(A) because \"b\" }");
    CHECK(error.span.column == 34);
    CHECK(error.message == "expected 'because', found 'or'");
    CHECK(error.notes == std::vector<std::string>{"'or' joins alternatives only inside parentheses: (a(X) or b(X))"});
  }
  SUBCASE("the closing brace at the end of the file") {
    const auto error = only_error("type t = { a, b\n");
    CHECK(error.span.line == 2);
    CHECK(error.span.column == 1);
    CHECK(error.message == "expected '}', found end of file");
  }
  SUBCASE("the closing parenthesis of an atom") {
    const auto error = only_error("rule a { conclude x(A when y(A) because \"b\" }");
    CHECK(error.span.column == 23);
    CHECK(error.message == "expected ',' or ')', found 'when'");
  }
}

TEST_CASE("a keyword cannot be a name, and a note says so") {
  const auto error = only_error("relation rule(x: y)");
  CHECK(error.code == "E101");
  CHECK(error.span.column == 10);
  CHECK(error.span.length == 4);
  CHECK(error.message == "expected a name, found 'rule'");
  CHECK(error.notes == std::vector<std::string>{"'rule' is a keyword, and keywords cannot be names"});
}

TEST_CASE("a keyword that starts the next item gets no keyword note") {
  const auto error = only_error("relation r(a: b) from c.\nrelation s(a: b)");
  CHECK(error.message == "expected a name, found 'relation'");
  CHECK(error.notes.empty());
}

TEST_CASE("a variable where a name is due gets a note about case") {
  const auto error = only_error("relation r(Op: operation)");
  CHECK(error.span.column == 12);
  CHECK(error.message == "expected a parameter (name: type) or ')', found 'Op'");
  CHECK(error.notes ==
        std::vector<std::string>{"names start with a lower-case letter; 'Op' is written like a variable"});
}

TEST_CASE("a list that goes on without a comma asks for ',' or ')'") {
  CHECK(only_error("relation r(a: b c: d)").message == "expected ',' or ')', found 'c'");
  CHECK(only_error("rule a { conclude x(A B) because \"b\" }").message == "expected ',' or ')', found 'B'");
}

TEST_CASE("an unknown word where an item should start lists the items") {
  const auto error = only_error("rules a { }");
  CHECK(error.span.column == 1);
  CHECK(error.span.length == 5);
  CHECK(error.message ==
        "expected a declaration (include, source, type, entity, relation, param, principle, rule, "
        "exception, profile or language), found 'rules'");
}

TEST_CASE("a variable where a value is due is refused") {
  const auto error = only_error("param p: t = X");
  CHECK(error.span.column == 14);
  CHECK(error.message == "expected a value (a name, an integer or a string), found 'X'");
}

TEST_CASE("a binding's attribute and default are checked") {
  CHECK(only_error("relation r(a: b) from c.\n").message == "expected a name, found end of file");
  CHECK(only_error("relation r(a: b) from c.d[ default []").message == "expected ']', found 'default'");
  CHECK(only_error("relation r(a: b) from c default").message ==
        "expected a default value ([] or a value), found end of file");
}

TEST_CASE("an unterminated string is reported at its opening quote (E102)") {
  const Parsed parsed = parse_text("include \"abc\ntype t = { a }\n");
  REQUIRE(parsed.diagnostics.all().size() == 1);
  const auto& error = parsed.diagnostics.all().front();
  CHECK(error.code == "E102");
  CHECK(error.span.line == 1);
  CHECK(error.span.column == 9);
  CHECK(error.span.length == 4);
  CHECK(error.message == "unterminated string: a string must end with '\"' on the line where it starts");
  CHECK(parsed.file.items.size() == 1);
}

TEST_CASE("an invalid character or byte is named (E103)") {
  SUBCASE("a printable character no token uses") {
    const auto error = only_error("type t = { a @ b }");
    CHECK(error.code == "E103");
    CHECK(error.span.column == 14);
    CHECK(error.message == "invalid character '@'");
  }
  SUBCASE("a byte that is not ASCII outside a string") {
    const auto error = only_error("type t = { a \xff }");
    CHECK(error.span.column == 14);
    CHECK(error.message == "invalid byte 0xff");
  }
  SUBCASE("a character that is not ASCII outside a string, named with its code point") {
    const auto error = only_error("entity \xe4\xb8\xbb from x");
    CHECK(error.span.column == 8);
    CHECK(error.span.length == 3);
    CHECK(error.message == "invalid character '\xe4\xb8\xbb' (U+4E3B) outside a string: names and keywords are ASCII");
  }
  SUBCASE("a byte that is not UTF-8 inside a string") {
    const auto error = only_error("include \"a\xc3(b\"");
    CHECK(error.span.column == 11);
    CHECK(error.message == "invalid byte 0xc3 in a string");
  }
  SUBCASE("a control character inside a string") {
    const auto error = only_error(std::string("include \"a\x01\""));
    CHECK(error.message == "invalid byte 0x01 in a string");
  }
  SUBCASE("a byte that is not UTF-8 in a comment") {
    const auto error = only_error("# caf\xe9\ntype t = { a }");
    CHECK(error.span.line == 1);
    CHECK(error.span.column == 6);
    CHECK(error.message == "invalid byte 0xe9 in a comment");
  }
}

TEST_CASE("parentheses nested past the limit are refused before recursing (E104)") {
  ParseLimits limits;
  limits.max_nesting = 3;
  CHECK(parse_text("rule a { conclude x(A) when (((y(A)))) because \"b\" }", limits).diagnostics.all().empty());
  const auto error = only_error("rule a { conclude x(A) when ((((y(A)))) because \"b\" }", limits);
  CHECK(error.code == "E104");
  CHECK(error.span.column == 32);
  CHECK(error.message == "conditions nested too deeply: more than 3 parentheses");
}

TEST_CASE("an integer beyond 64 bits is refused (E105)") {
  const auto error = only_error("rule a { conclude x(-99999999999999999999) because \"b\" }");
  CHECK(error.code == "E105");
  CHECK(error.span.column == 21);
  CHECK(error.span.length == 21);
  CHECK(error.message ==
        "integer -99999999999999999999 is out of range: integers lie between -9223372036854775808 and "
        "9223372036854775807");
}

TEST_CASE("an unknown escape in a string is refused (E106)") {
  const auto error = only_error(R"(include "a\nb")");
  CHECK(error.code == "E106");
  CHECK(error.span.column == 11);
  CHECK(error.span.length == 2);
  CHECK(error.message == R"(unknown escape '\n' in a string: only \" and \\ are escapes)");
}

TEST_CASE("a file too large or not text is refused whole (E100)") {
  SUBCASE("too large") {
    ParseLimits limits;
    limits.max_file_bytes = 10;
    const auto error = only_error("type t = { a, b }", limits);
    CHECK(error.code == "E100");
    CHECK(error.span.line == 1);
    CHECK(error.message == "file too large: 17 bytes, the limit is 10");
  }
  SUBCASE("a NUL byte near the start") {
    const auto error = only_error(std::string("type t = { a }\n\0\0\0", 18));
    CHECK(error.code == "E100");
    CHECK(error.span.line == 2);
    CHECK(error.message == "not a text file: NUL byte at offset 15");
  }
}

TEST_CASE("errors render with the source line and a caret under the offending token") {
  const Parsed parsed = parse_text("rule a {\n  conclude x(A)\n  when y(A)\n  cite s section \"x\" quote \"y\"\n}\n");
  CHECK(base::render_text(parsed.diagnostics, parsed.sources) ==
        "bad.cnr:4:3: error[E101]: expected 'because', found 'cite'\n"
        "    4 |   cite s section \"x\" quote \"y\"\n"
        "      |   ^~~~\n"
        "1 error, 0 warnings\n");
}

TEST_CASE("after an error the parser resumes at the next item and keeps every good item") {
  const Parsed parsed = parse_text(R"(type good1 = { a }
rule broken.one {
  conclude x(A)
  when y(A
  because "b"
}
entity good2 from things
relation good3(t: thing) "{t}" from things
principle broken_two(s: state) {
  title "T"
  layers physical social
}
include "good4.cnr"
)");
  REQUIRE(parsed.diagnostics.all().size() == 2);
  const auto& first = parsed.diagnostics.all()[0];
  CHECK(first.span.line == 5);
  CHECK(first.span.column == 3);
  CHECK(first.message == "expected ',' or ')', found 'because'");
  const auto& second = parsed.diagnostics.all()[1];
  CHECK(second.span.line == 11);
  CHECK(second.span.column == 19);
  CHECK(second.message == "expected '}', found 'social'");
  CHECK(to_source(parsed.file) ==
        "type good1 = { a }\n\nentity good2 from things\n\nrelation good3(t: thing)\n  \"{t}\"\n  from things\n\n"
        "include \"good4.cnr\"\n");
}

TEST_CASE("a missing closing brace is reported at the next item, which still parses") {
  const Parsed parsed = parse_text("profile p {\n  title \"T\"\n\nprofile q {\n  title \"U\"\n}\n");
  REQUIRE(parsed.diagnostics.all().size() == 1);
  CHECK(parsed.diagnostics.all()[0].span.line == 4);
  CHECK(parsed.diagnostics.all()[0].message == "expected '}', found 'profile'");
  REQUIRE(parsed.file.items.size() == 1);
  CHECK(to_source(parsed.file) == "profile q {\n  title \"U\"\n}\n");
}

TEST_CASE("a clause out of order gets a note with the order") {
  const auto source = only_error("source s \"t\" { heading \"h\" date \"d\" }");
  CHECK(source.span.column == 28);
  CHECK(source.message == "expected '}', found 'date'");
  CHECK(source.notes ==
        std::vector<std::string>{"a source's parts come in the order: doc string, date, file, url, headings"});
  const auto rule = only_error("rule a { conclude x(A) because \"b\" when y(A) }");
  CHECK(rule.message == "expected '}', found 'when'");
  CHECK(rule.notes == std::vector<std::string>{"the parts of a rule or exception come in the order: doc string, "
                                               "conclude (rules only), when, because, citations"});
}

TEST_CASE("a parameter reference needs its name right after '$'") {
  const auto error = only_error("rule a { conclude x(A) when $ t = 1 because \"b\" }");
  CHECK(error.span.column == 31);
  CHECK(error.message == "expected a name right after '$', found 't'");
}
