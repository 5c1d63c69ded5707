#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "base/symbols.hpp"

#include <doctest/doctest.h>

using namespace cybernorms::base;

TEST_CASE("a source file maps offsets to 1-based lines and columns") {
  const SourceFile file("x.cnr", "ab\ncde\n\nf");
  CHECK(file.line_count() == 4);
  CHECK(file.line_text(2) == "cde");
  CHECK(file.line_text(3).empty());
  CHECK(file.line_text(9).empty());
  const Span span = file.span_at(4, 2, 0);
  CHECK(span.line == 2);
  CHECK(span.column == 2);
}

TEST_CASE("a diagnostic renders with its place, the source line and a caret") {
  SourceSet sources;
  const FileId id = sources.add("rules/a.cnr", "rule x {\n  conclude targts(Op)\n}\n");
  Diagnostics diagnostics;
  auto& added = diagnostics.error("E201", sources.file(id).span_at(20, 6, id), "unknown relation '{}'", "targts");
  added.notes.push_back("did you mean 'targets'?");
  CHECK(render_text(diagnostics, sources) ==
        "rules/a.cnr:2:12: error[E201]: unknown relation 'targts'\n"
        "    2 |   conclude targts(Op)\n"
        "      |            ^~~~~~\n"
        "   note: did you mean 'targets'?\n"
        "1 error, 0 warnings\n");
}

TEST_CASE("a pointer diagnostic names the document and the JSON pointer") {
  Diagnostics diagnostics;
  diagnostics.pointer_error("E402", "s.json", "/operations/0/consent", "expected yes, no or unknown, got \"{}\"", "maybe");
  CHECK(render_text(diagnostics.all().front(), SourceSet{}) ==
        "s.json:/operations/0/consent: error[E402]: expected yes, no or unknown, got \"maybe\"\n");
}

TEST_CASE("diagnostics past the limit are counted, not stored") {
  Diagnostics diagnostics(3);
  for (int i = 0; i < 10; ++i) diagnostics.error("E100", Span{}, "problem {}", i);
  CHECK(diagnostics.all().size() == 3);
  CHECK(diagnostics.error_count() == 10);
  CHECK(diagnostics.dropped() == 7);
}

TEST_CASE("diagnostics say when they have no room left, so work only a message needs can be skipped") {
  Diagnostics diagnostics(2);
  CHECK(diagnostics.has_room());
  diagnostics.error("E100", Span{}, "one");
  CHECK(diagnostics.has_room());
  diagnostics.error("E100", Span{}, "two");
  CHECK_FALSE(diagnostics.has_room());
  CHECK_FALSE(Diagnostics(0).has_room());
}

TEST_CASE("symbols intern to stable ids and carry order keys") {
  SymbolTable symbols;
  const SymbolId a = symbols.intern("minor");
  const SymbolId b = symbols.intern("severe");
  CHECK(symbols.intern("minor") == a);
  CHECK(symbols.name(b) == "severe");
  CHECK_FALSE(symbols.order_key(a).has_value());
  symbols.set_order_key(b, 2);
  CHECK(symbols.order_key(b) == 2);
  CHECK_FALSE(symbols.find("moderate").has_value());
}
