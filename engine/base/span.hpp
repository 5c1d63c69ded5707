// Places in source text: which file, which line and column.
#pragma once
#include <cstdint>
#include <compare>

namespace cybernorms::base {

/// Index of a source file in a SourceSet; stable for the life of the set.
using FileId = std::uint32_t;

/// A range in one source file. Lines and columns start at 1; `length` is in bytes
/// (at least 1 where a caret should be drawn). A default Span points nowhere.
struct Span {
  FileId file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t length = 0;
  std::uint32_t offset = 0;  ///< byte offset of the start, for ordering and slicing

  bool is_known() const { return line != 0; }
  friend bool operator==(const Span&, const Span&) = default;
  friend auto operator<=>(const Span&, const Span&) = default;
};

}  // namespace cybernorms::base
