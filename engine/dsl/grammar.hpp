// The grammar's entry point for one top-level item; the X3 grammar itself stays in
// grammar.cpp, so no other file pays for compiling it.
#pragma once
#include "base/source_file.hpp"
#include "dsl/ast.hpp"
#include "dsl/lexer.hpp"

#include <optional>

namespace cybernorms::dsl::detail {

/// What the grammar needs besides the text: where spans point and how deep
/// parenthesised conditions may nest.
struct ParseState {
  const base::SourceFile& source;
  base::FileId file = 0;
  const char* begin = nullptr;
  std::size_t max_nesting = 64;
  std::size_t depth = 0;

  base::Span span(const char* first, const char* last) const {
    return source.span_at(static_cast<std::size_t>(first - begin), static_cast<std::size_t>(last - first), file);
  }
};

/// One item parsed at `first`, or the first syntax error in it. `end` is where the item
/// stopped (its end, or the place of the error).
struct ItemResult {
  std::optional<ast::Item> item;
  std::optional<SyntaxError> error;
  const char* end = nullptr;
};

/// Parses the item starting at `first` (blanks and comments already skipped). Never throws.
ItemResult parse_item(const char* first, const char* last, ParseState& state);

}  // namespace cybernorms::dsl::detail
