// Reading JSON Lines with every line bounded while it is read: a line longer than the
// limit is counted and skipped, never held, so one long line costs the limit, not its
// length; and a line with no end in sight stops the reading instead of being read forever.
#pragma once
#include <cybernorms/batch.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cybernorms::cli {

/// How many times the longest line kept a line may run on, skipped, before the input is
/// taken for an endless stream without newlines (4 GiB at the default 8 MiB).
inline constexpr std::uint64_t unended_line_factor = 512;

/// Reads lines from a descriptor (a regular file or standard input), which it does not
/// own. Lines end at "\n"; a "\r" before it is dropped; a last line without "\n" counts.
class LineReader {
 public:
  LineReader(int descriptor, std::size_t max_line_bytes)
      : fd_(descriptor), max_line_bytes_(max_line_bytes), max_skipped_bytes_(unended_line_factor * max_line_bytes) {}

  /// The next line: its text, or only its length when it is longer than the limit.
  /// nullopt at the end of the input, or when reading failed or stopped (then `error()`
  /// says why). A line still without an end after `unended_line_factor` times the limit
  /// comes back `unended`, and reading stops after it.
  std::optional<BatchLine> next();

  /// Empty unless reading failed or stopped: what happened, in words.
  const std::string& error() const { return error_; }

  /// Bytes of the input taken as lines so far (read ahead and not yet returned is not
  /// counted): how far a progress line has come through a file of known size.
  std::uint64_t bytes_consumed() const { return bytes_read_ - (end_ - begin_); }

 private:
  /// Reads more of the input into the buffer; false at its end or on an error.
  bool fill();
  /// Adds `count` bytes from the buffer to `line`, keeping them only while it fits.
  void take(BatchLine& line, std::size_t count);

  int fd_;
  std::size_t max_line_bytes_;
  std::uint64_t max_skipped_bytes_;
  std::array<char, 64 * 1024> buffer_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::uint64_t bytes_read_ = 0;  ///< from the descriptor, since the reader began
  std::string error_;
};

/// Reads lines until `max_lines` of them, or until the text kept reaches `max_bytes`
/// (a block holds at least one line), so a block's input is bounded by
/// `max_bytes` + one line.
std::vector<BatchLine> read_block(LineReader& reader, std::size_t max_lines, std::size_t max_bytes);

}  // namespace cybernorms::cli
