#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/line_reader.hpp"
#include "cli/progress.hpp"

#include <cybernorms/batch.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
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

/// Bytes of records gathered before they are written.
constexpr std::size_t record_buffer_bytes = std::size_t{1} << 20;

/// Records out to a file descriptor, gathered into writes of up to 1 MiB: through stdio,
/// a record, longer than its 4 KiB buffer, took two system calls of its own (7 µs a
/// scenario of 180). On a terminal each record is written as it comes.
class RecordOutput {
 public:
  explicit RecordOutput(int fd) : fd_(fd), gather_(isatty(fd) == 0) {}
  RecordOutput(const RecordOutput&) = delete;
  RecordOutput& operator=(const RecordOutput&) = delete;

  void add(std::string_view record) {
    buffer_.append(record);
    buffer_ += '\n';
    if (!gather_ || buffer_.size() >= record_buffer_bytes) flush();
  }
  /// Writes what is gathered. After a failed write nothing more is written.
  void flush() {
    std::size_t done = 0;
    while (done < buffer_.size() && error_ == 0) {
      const ssize_t written = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
      if (written >= 0) done += static_cast<std::size_t>(written);
      else if (errno != EINTR) error_ = errno;
    }
    buffer_.clear();
  }
  /// The errno of the write that failed, or 0.
  int error() const { return error_; }

 private:
  int fd_;
  bool gather_;
  std::string buffer_;
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
  const auto write = [&](std::string_view record) { output.add(record); };
  const std::size_t lines = evaluator.evaluate_stream(next_block, args.block_size, first_line, write);
  output.flush();
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
