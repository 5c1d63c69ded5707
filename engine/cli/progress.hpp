// The progress line of batch: for a person watching a terminal, how many scenarios are
// done, how fast, how many were rejected, and when the input's size is known how long
// is left. One line on standard error, overwritten in place, gone before the summary.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace cybernorms::cli {

/// Whether batch shows a progress line: standard error is a terminal and standard
/// output is not (records written to the same terminal would scroll it away).
bool progress_wanted();

/// The bytes left to read from `descriptor` when it is a regular file (its size less
/// where it is read from); nullopt for a pipe, a terminal or a device.
std::optional<std::uint64_t> bytes_left(int descriptor);

/// The line as shown: "12288 scenarios, 1021/s, 3 errors, 41%, ETA 0:17"; the percentage
/// and ETA only when `total_bytes` is known and some of it was read.
std::string progress_text(std::size_t done, std::size_t errors, double seconds, std::uint64_t bytes_done,
                          std::optional<std::uint64_t> total_bytes);

class ProgressLine {
 public:
  /// Draws nothing unless `enabled`. `total_bytes`: the input's size, when known.
  ProgressLine(bool enabled, std::optional<std::uint64_t> total_bytes);
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  /// Redraws the line when half a second has passed since it was last drawn.
  void update(std::size_t done, std::size_t errors, std::uint64_t bytes_done);
  /// Blanks the line, so what is printed next starts on a clean line.
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  std::optional<std::uint64_t> total_bytes_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_drawn_ = start_;
  std::size_t drawn_width_ = 0;  ///< characters on the line now
};

}  // namespace cybernorms::cli
