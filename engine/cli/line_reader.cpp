#include "cli/line_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <system_error>
#include <unistd.h>

namespace cybernorms::cli {

bool LineReader::fill() {
  for (;;) {
    const ssize_t got = ::read(fd_, buffer_.data(), buffer_.size());
    if (got > 0) {
      begin_ = 0;
      end_ = static_cast<std::size_t>(got);
      bytes_read_ += end_;
      return true;
    }
    if (got == 0) return false;
    if (errno == EINTR) continue;
    if (errno == EAGAIN) {  // standard input left non-blocking by another program: wait for data
      pollfd waiting{fd_, POLLIN, 0};
      if (::poll(&waiting, 1, -1) >= 0 || errno == EINTR) continue;
    }
    error_ = std::generic_category().message(errno);
    return false;
  }
}

void LineReader::take(BatchLine& line, std::size_t count) {
  const std::uint64_t bytes = line.skipped_bytes > 0 ? line.skipped_bytes : line.text.size();
  // One byte over the limit is kept for a "\r" that the end of the line may drop.
  if (line.skipped_bytes == 0 && bytes + count <= max_line_bytes_ + 1) {
    line.text.append(buffer_.data() + begin_, count);
  } else {
    line.skipped_bytes = bytes + count;
    std::string().swap(line.text);
  }
  begin_ += count;
}

std::optional<BatchLine> LineReader::next() {
  if (!error_.empty()) return std::nullopt;
  BatchLine line;
  bool started = false;
  for (;;) {
    if (begin_ == end_ && !fill()) break;
    started = true;
    const char* from = buffer_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(from, '\n', end_ - begin_));
    take(line, newline != nullptr ? static_cast<std::size_t>(newline - from) : end_ - begin_);
    if (newline != nullptr) {
      ++begin_;
      break;
    }
    if (line.skipped_bytes >= max_skipped_bytes_) {
      line.unended = true;
      error_ = fmt::format("a line ran on for {} bytes without a newline ({} times --max-line-bytes): the input is "
                           "not JSON Lines, and reading stopped there",
                           line.skipped_bytes, unended_line_factor);
      return line;
    }
  }
  if (!error_.empty() || !started) return std::nullopt;
  if (line.skipped_bytes == 0 && !line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  if (line.skipped_bytes == 0 && line.text.size() > max_line_bytes_) {
    line.skipped_bytes = line.text.size();
    std::string().swap(line.text);
  }
  return line;
}

std::vector<BatchLine> read_block(LineReader& reader, std::size_t max_lines, std::size_t max_bytes) {
  std::vector<BatchLine> lines;
  std::size_t kept = 0;
  while (lines.size() < max_lines && kept < max_bytes) {
    std::optional<BatchLine> line = reader.next();
    if (!line) break;
    kept += line->text.size();
    lines.push_back(std::move(*line));
  }
  return lines;
}

}  // namespace cybernorms::cli
