#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/line_reader.hpp"
#include "cli/progress.hpp"

#include <cybernorms/batch.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <sys/uio.h>
#include <unistd.h>

namespace cybernorms::cli {

namespace {

/// Closes the input file (not standard input) when the batch ends.
class InputDescriptor {
 public:
  explicit InputDescriptor(int fd) : fd_(fd) {}
  ~InputDescriptor() {
    if (fd_ > STDIN_FILENO) ::close(fd_);
  }
  InputDescriptor(const InputDescriptor&) = delete;
  InputDescriptor& operator=(const InputDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

/// Standard input for "" and "-"; otherwise the file, which must be a regular file (a
/// FIFO or a device is refused, never opened for reading); -1 after saying why.
int open_batch_input(const std::string& input) {
  if (input.empty() || input == standard_input) return STDIN_FILENO;
  std::string problem;
  const int fd = open_regular_file(input, problem);
  if (fd < 0) {
    fmt::print(stderr, "error: {} {} (only standard input, given as -, may be a pipe or a device)\n", input, problem);
  }
  return fd;
}

/// What --explain asks each record of a valid scenario to hold.
BatchRecord record_kind(const std::string& explain) {
  if (explain == "full") return BatchRecord::full;
  if (explain == "brief") return BatchRecord::brief;
  return BatchRecord::compact;
}

/// Bytes one write hands the system at most: with the whole block (4 MB) in one call,
/// writing to a file took two to three times the system time.
constexpr std::size_t bytes_per_write = std::size_t{1} << 20;

/// Records out to a file descriptor, a block at a time, each followed by a newline, with
/// writev: the system takes the records from where they were made, where they used to
/// be copied into a buffer first (1 % of the instructions of a compact batch, and 6 % of
/// its first-level cache misses, by cachegrind). Through stdio, a record longer than its
/// 4 KiB buffer took two system calls of its own (7 µs a scenario of 180).
class RecordOutput {
 public:
  explicit RecordOutput(int fd) : fd_(fd) {}
  RecordOutput(const RecordOutput&) = delete;
  RecordOutput& operator=(const RecordOutput&) = delete;

  /// Writes the records of one block. After a failed write nothing more is written.
  void add(std::span<const std::string> records) {
    static constexpr char newline = '\n';
    pieces_.clear();
    for (const std::string& record : records) {
      pieces_.push_back(iovec{const_cast<char*>(record.data()), record.size()});
      pieces_.push_back(iovec{const_cast<char*>(&newline), 1});  // writev only reads it
    }
    std::size_t next = 0;
    while (next < pieces_.size() && error_ == 0) next = write_some(next);
  }
  /// The errno of the write that failed, or 0.
  int error() const { return error_; }

 private:
  // Writes from pieces_[next] on, up to IOV_MAX pieces and about bytes_per_write bytes;
  // returns the first piece not yet written, the part of it written already cut off.
  std::size_t write_some(std::size_t next) {
    std::size_t end = next;
    for (std::size_t bytes = 0; end < pieces_.size() && end - next < IOV_MAX && bytes < bytes_per_write; ++end)
      bytes += pieces_[end].iov_len;
    const ssize_t written = ::writev(fd_, pieces_.data() + next, static_cast<int>(end - next));
    if (written < 0) {
      if (errno != EINTR) error_ = errno;
      return next;
    }
    for (auto left = static_cast<std::size_t>(written); left > 0;) {
      iovec& piece = pieces_[next];
      const std::size_t taken = std::min(left, piece.iov_len);
      piece.iov_base = static_cast<char*>(piece.iov_base) + taken;
      piece.iov_len -= taken;
      left -= taken;
      if (piece.iov_len == 0) ++next;
    }
    while (next < pieces_.size() && pieces_[next].iov_len == 0) ++next;  // an empty piece is written whole
    return next;
  }

  int fd_;
  std::vector<iovec> pieces_;  ///< kept for its capacity
  int error_ = 0;
};

/// Reads, evaluates and prints the whole input, block after block as a pipeline; false
/// when reading failed. The progress line is redrawn as each block is read.
bool run_blocks(const BatchArgs& args, LineReader& reader, BatchEvaluator& evaluator, ProgressLine& progress) {
  const std::size_t first_line = args.first_line;
  const auto next_block = [&](std::size_t max_lines, std::vector<BatchLine>& block) {
    progress.update(evaluator.succeeded() + evaluator.failed(), evaluator.failed(), reader.bytes_consumed());
    block = read_block(reader, max_lines, args.block_bytes);
  };
  std::fflush(stdout);  // nothing is there, but records go past stdio from here on
  RecordOutput output(fileno(stdout));
  const BatchEvaluator::BlockSink write = [&](std::span<const std::string> records) { output.add(records); };
  const std::size_t lines = evaluator.evaluate_stream(next_block, args.block_size, first_line, write);
  progress.clear();
  if (output.error() != 0) {
    fmt::print(stderr, "error: writing the records failed after line {}: {}\n", first_line + lines - 1,
               std::strerror(output.error()));
    return false;
  }
  if (reader.error().empty()) return true;
  const std::string name = args.input.empty() || args.input == standard_input ? std::string(standard_input_name)
                                                                             : args.input;
  fmt::print(stderr, "error: reading {} stopped after line {}: {}\n", name, first_line + lines - 1, reader.error());
  return false;
}

}  // namespace

int run_batch(const BatchArgs& args) {
  const auto rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  if (!rule_base->has_profile(args.profile)) {
    fmt::print(stderr, "error: no profile named '{}'\n", args.profile);
    return exit_usage;
  }
  const InputDescriptor input(open_batch_input(args.input));
  if (input.get() < 0) return exit_usage;
  LineReader reader(input.get(), args.max_line_bytes);
  BatchOptions options;
  options.threads = args.jobs;
  options.profile = args.profile;
  options.record = record_kind(args.explain);
  options.max_line_bytes = args.max_line_bytes;
  options.max_hinge_sets = args.hinge_sets;
  options.hinge_budget = args.hinge_budget;
  options.proof_depth = args.proof_depth;
  options.open_values_once = args.open_values == "once";
  BatchEvaluator evaluator(*rule_base, options);
  ProgressLine progress(progress_wanted(), bytes_left(input.get()));
  const bool read_all = run_blocks(args, reader, evaluator, progress);
  fmt::print(stderr, "{} scenarios: {} evaluated, {} rejected ({} threads)\n", evaluator.succeeded() + evaluator.failed(),
             evaluator.succeeded(), evaluator.failed(), evaluator.threads());
  return read_all && evaluator.failed() == 0 ? exit_ok : exit_usage;
}

}  // namespace cybernorms::cli
