#include <cybernorms/batch.hpp>

#include "render/batch_records.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <exception>
#include <mutex>
#include <thread>

namespace cybernorms {

namespace {

std::size_t thread_count(std::size_t asked) {
  if (asked > 0) return asked;
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

std::string document_name(std::size_t line) { return "line " + std::to_string(line); }

/// Lines of the first block of a stream: its records' size sets the blocks after it.
constexpr std::size_t first_block_lines = 64;

// Lines for the next block: as many as the last block's records say fit the byte budget,
// in proportion, at least one and at most as many as asked.
std::size_t next_block_lines(std::size_t asked, std::size_t last_lines, std::size_t last_bytes, std::size_t budget) {
  if (last_lines == 0) return std::min(asked, first_block_lines);
  if (last_bytes == 0) return asked;
  const double scale = static_cast<double>(budget) / static_cast<double>(last_bytes);
  const double lines = std::min(static_cast<double>(last_lines) * scale, static_cast<double>(asked));
  return std::clamp<std::size_t>(static_cast<std::size_t>(lines), 1, asked);
}

// Writes the first `count` records and returns their bytes. Then each slot keeps its
// storage only within twice the block's average record, and slots past `count` go:
// otherwise every slot ratchets up to the largest record it ever held, and memory grows
// with the length of the run instead of staying with the block's budget.
std::size_t write_records(std::vector<std::string>& records, std::size_t count,
                          const BatchEvaluator::BlockSink& write_block) {
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < count; ++i) bytes += records[i].size();
  if (count > 0) write_block(std::span<const std::string>(records.data(), count));
  const std::size_t keep = 2 * (count > 0 ? bytes / count : 0) + 1024;
  for (std::size_t i = 0; i < count; ++i)
    if (records[i].capacity() > keep) std::string().swap(records[i]);
  records.resize(std::min(records.size(), count));
  return bytes;
}

}  // namespace

/// A helper thread's rule base and evaluator, both made on that thread. Reading the
/// caller's rule base, which lies among the caller's own allocations, cost two threads
/// about 4 % more CPU than reading copies of their own (docs/batch.md, "Figures").
struct BatchEvaluator::Worker {
  explicit Worker(const RuleBase& shared) : rule_base(shared.unshared_copy()), evaluator(rule_base) {}
  RuleBase rule_base;
  Evaluator evaluator;
};

// Helper threads kept from block to block of a stream, one per worker: a block starts
// them all at one barrier and ends at another, where starting and joining a thread per
// block gave each block a fresh thread, with an allocator heap of its own to fill again.
class BatchEvaluator::Crew {
 public:
  using Job = std::function<void(Evaluator&)>;
  explicit Crew(BatchEvaluator& batch)
      : batch_(batch), start_(static_cast<std::ptrdiff_t>(batch.workers_.size() + 1)),
        done_(static_cast<std::ptrdiff_t>(batch.workers_.size() + 1)) {
    helpers_.reserve(batch.workers_.size());
    for (std::size_t k = 0; k < batch.workers_.size(); ++k) {
      try {
        helpers_.emplace_back([this, k] { serve(k); });
      } catch (...) {
        // No thread to be had: the barriers stop counting on it, and the lines it would
        // have taken go to the threads there are.
        start_.arrive_and_drop();
        done_.arrive_and_drop();
      }
    }
  }
  ~Crew() {
    stopping_ = true;  // read by the helpers once past the barrier, which orders it
    start_.arrive_and_wait();
    for (std::thread& helper : helpers_) helper.join();
  }
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;

  /// Runs `job` on every helper's evaluator while the calling thread runs `own`; returns
  /// when all are done. Neither may throw: they keep what goes wrong for the caller.
  void run(const Job& job, const std::function<void()>& own) {
    job_ = &job;
    start_.arrive_and_wait();
    own();
    done_.arrive_and_wait();
  }

 private:
  void serve(std::size_t k) {
    Evaluator* const evaluator = worker_evaluator(k);
    for (;;) {
      start_.arrive_and_wait();
      if (stopping_) return;
      if (evaluator != nullptr) (*job_)(*evaluator);
      done_.arrive_and_wait();
    }
  }

  // Helper k's evaluator, made on its first run and kept by the batch for the next
  // stream; nullptr when there was no memory to make it: that helper then takes no
  // lines, and the other threads evaluate them all.
  Evaluator* worker_evaluator(std::size_t k) {
    std::unique_ptr<Worker>& worker = batch_.workers_[k];
    if (!worker) {
      try {
        worker = std::make_unique<Worker>(batch_.rule_base_);
      } catch (...) {
        return nullptr;
      }
    }
    return &worker->evaluator;
  }

  BatchEvaluator& batch_;
  std::barrier<> start_;
  std::barrier<> done_;
  const Job* job_ = nullptr;
  bool stopping_ = false;
  std::vector<std::thread> helpers_;
};

BatchEvaluator::BatchEvaluator(const RuleBase& rule_base, BatchOptions options)
    : rule_base_(rule_base), options_(std::move(options)), evaluator_(rule_base_) {
  workers_.resize(thread_count(options_.threads) - 1);
}

BatchEvaluator::~BatchEvaluator() = default;
BatchEvaluator::BatchEvaluator(BatchEvaluator&&) noexcept = default;

bool BatchEvaluator::evaluate_line(Evaluator& evaluator, std::string_view line, std::size_t number,
                                   std::string& record) const {
  record.clear();
  EvaluateOptions options;
  options.profile = options_.profile;
  options.proofs = options_.record == BatchRecord::full;
  options.max_hinge_sets = options_.max_hinge_sets;
  options.hinge_budget = options_.hinge_budget;
  options.proof_depth = options_.proof_depth;
  options.open_values_once = options_.open_values_once;
  if (options_.record == BatchRecord::compact) return evaluator.append_compact_record(line, number, options, record);
  const Evaluation evaluation = evaluator.evaluate(line, document_name(number), options);
  if (!evaluation.ok()) {
    render::append_batch_error_record(record, number, evaluation.scenario, evaluation.diagnostics);
    return false;
  }
  const Detail detail = options_.record == BatchRecord::full ? Detail::full : Detail::brief;
  record = render::batch_success_record(number, *evaluation.report, detail);
  return true;
}

bool BatchEvaluator::skipped_line(const BatchLine& line, std::size_t number, std::string& record) const {
  Diagnostics diagnostics;
  const std::optional<std::uintmax_t> size = line.unended ? std::nullopt : std::optional<std::uintmax_t>(line.skipped_bytes);
  report_too_large(diagnostics, document_name(number), size, options_.max_line_bytes);
  record.clear();
  render::append_batch_error_record(record, number, std::nullopt, diagnostics);  // the line was not kept
  return false;
}

void BatchEvaluator::evaluate_block_into(const std::vector<BatchLine>& lines, std::size_t first_line,
                                         std::vector<std::string>& records, const std::function<void()>& meanwhile,
                                         Crew& crew) {
  const std::size_t count = lines.size();
  if (records.size() < count) records.resize(count);
  std::vector<std::uint8_t> ok(count, 0);
  std::atomic<std::size_t> next{0};
  // What went wrong first on any thread (out of memory, a failing sink): the threads are
  // joined before it is rethrown, never left running or torn down mid-line.
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto keep_failure = [&] {
    const std::lock_guard lock(failure_mutex);
    if (!failure) failure = std::current_exception();
    next = count;  // the other threads stop at their next line
  };
  const Crew::Job work = [&](Evaluator& evaluator) {
    try {
      for (std::size_t i = next++; i < count; i = next++) {
        const BatchLine& line = lines[i];
        ok[i] = line.skipped_bytes > 0 ? skipped_line(line, first_line + i, records[i])
                                       : evaluate_line(evaluator, line.text, first_line + i, records[i]);
      }
    } catch (...) {
      keep_failure();
    }
  };
  crew.run(work, [&] {
    try {
      if (meanwhile) meanwhile();
    } catch (...) {
      keep_failure();
    }
    work(evaluator_);
  });
  if (failure) std::rethrow_exception(failure);
  for (const std::uint8_t evaluated : ok) (evaluated ? succeeded_ : failed_) += 1;
}

std::vector<std::string> BatchEvaluator::evaluate_block(const std::vector<BatchLine>& lines, std::size_t first_line) {
  std::vector<std::string> records;
  Crew crew(*this);
  evaluate_block_into(lines, first_line, records, {}, crew);
  records.resize(lines.size());
  return records;
}

std::vector<std::string> BatchEvaluator::evaluate_block(const std::vector<std::string>& lines, std::size_t first_line) {
  std::vector<BatchLine> block;
  block.reserve(lines.size());
  for (const std::string& line : lines) block.push_back(BatchLine{line, 0, false});
  return evaluate_block(block, first_line);
}

std::size_t BatchEvaluator::evaluate_stream(const BlockSource& next_block, std::size_t block_lines,
                                            std::size_t first_line, const RecordSink& write) {
  return evaluate_stream(next_block, block_lines, first_line, BlockSink([&](std::span<const std::string> records) {
                           for (const std::string& record : records) write(record);
                         }));
}

std::size_t BatchEvaluator::evaluate_stream(const BlockSource& next_block, std::size_t block_lines,
                                            std::size_t first_line, const BlockSink& write_block) {
  block_lines = std::max<std::size_t>(block_lines, 1);
  // Two of each, swapped block after block: the block being evaluated and the one being
  // read; the records being made and those being written. Strings keep their storage.
  std::vector<BatchLine> current, upcoming;
  std::vector<std::string> making, written;
  std::size_t written_count = 0;
  std::size_t lines_read = 0;
  Crew crew(*this);
  next_block(next_block_lines(block_lines, 0, 0, options_.block_output_bytes), current);
  while (!current.empty()) {
    upcoming.clear();
    evaluate_block_into(current, first_line + lines_read, making, [&] {
      const std::size_t bytes = write_records(written, written_count, write_block);
      next_block(next_block_lines(block_lines, written_count, bytes, options_.block_output_bytes), upcoming);
    }, crew);
    lines_read += current.size();
    written_count = current.size();
    std::swap(making, written);
    std::swap(current, upcoming);
  }
  write_records(written, written_count, write_block);
  return lines_read;
}

}  // namespace cybernorms
