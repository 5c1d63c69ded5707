// Laying out text for a terminal: display width, word wrapping and tables that fit a
// given number of columns.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::base {

/// Terminal columns `text` (UTF-8) takes: one per character, two for East Asian wide
/// characters, none for combining marks.
std::size_t display_width(std::string_view text);

/// Wraps `text` at spaces into lines of at most `width` columns, the first starting with
/// `first_prefix`, the others with `next_prefix`; a word too long for a line is split.
/// Each line ends with '\n'. Empty text gives the prefix alone.
std::string wrap(std::string_view text, std::string_view first_prefix, std::string_view next_prefix,
                 std::size_t width);

/// `text` as wrapped lines of at most `width` columns, without prefixes or newlines.
std::vector<std::string> wrap_lines(std::string_view text, std::size_t width);

/// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence; "..." marks a cut.
std::string truncated(std::string_view text, std::size_t max_bytes);

/// `text` safe to print: valid UTF-8 kept, control characters and bytes that are not
/// UTF-8 shown as `\xNN`.
std::string printable(std::string_view text);

/// A name or id from the input as a message shows it: printable, cut after 40 bytes.
std::string brief(std::string_view text);

/// A table of text cells; the first column labels the rows.
struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  /// Columns after the first wrap beyond this many columns (0: half the width), so that
  /// long headers over short values do not widen the table.
  std::size_t max_value_width = 0;
};

/// Renders a table in at most `width` columns: cells wrap within their column, and
/// columns that do not fit go to a further block that repeats the label column.
std::string table_to_text(const TextTable& table, std::size_t width);

}  // namespace cybernorms::base
