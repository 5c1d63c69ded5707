#include "cli/progress.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace cybernorms::cli {

namespace {

constexpr auto redraw_interval = std::chrono::milliseconds(500);

std::string duration_text(double seconds) {
  const auto total = static_cast<std::uint64_t>(seconds + 0.5);
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

bool progress_wanted() { return isatty(STDERR_FILENO) != 0 && isatty(STDOUT_FILENO) == 0; }

std::optional<std::uint64_t> bytes_left(int descriptor) {
  struct stat status{};
  if (::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) return std::nullopt;
  const off_t position = ::lseek(descriptor, 0, SEEK_CUR);
  if (position < 0 || position > status.st_size) return std::nullopt;
  return static_cast<std::uint64_t>(status.st_size - position);
}

std::string progress_text(std::size_t done, std::size_t errors, double seconds, std::uint64_t bytes_done,
                          std::optional<std::uint64_t> total_bytes) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  std::string text = fmt::format("{} scenarios, {:.0f}/s, {} error{}", done, rate, errors, errors == 1 ? "" : "s");
  if (total_bytes && *total_bytes > 0 && bytes_done > 0) {
    const std::uint64_t left = bytes_done < *total_bytes ? *total_bytes - bytes_done : 0;
    const double fraction = static_cast<double>(bytes_done) / static_cast<double>(*total_bytes);
    text += fmt::format(", {}%, ETA {}", static_cast<int>(fraction * 100),
                        duration_text(seconds * static_cast<double>(left) / static_cast<double>(bytes_done)));
  }
  return text;
}

ProgressLine::ProgressLine(bool enabled, std::optional<std::uint64_t> total_bytes)
    : enabled_(enabled), total_bytes_(total_bytes) {}

void ProgressLine::update(std::size_t done, std::size_t errors, std::uint64_t bytes_done) {
  if (!enabled_) return;
  const Clock::time_point now = Clock::now();
  if (now - last_drawn_ < redraw_interval) return;
  last_drawn_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string text = progress_text(done, errors, seconds, bytes_done, total_bytes_);
  // Spaces over what a longer line before left, rather than an escape a dumb terminal lacks.
  const std::size_t padding = drawn_width_ > text.size() ? drawn_width_ - text.size() : 0;
  fmt::print(stderr, "\r{}{:{}}", text, "", padding);
  std::fflush(stderr);
  drawn_width_ = text.size();
}

void ProgressLine::clear() {
  if (!enabled_ || drawn_width_ == 0) return;
  fmt::print(stderr, "\r{:{}}\r", "", drawn_width_);
  std::fflush(stderr);
  drawn_width_ = 0;
}

}  // namespace cybernorms::cli
