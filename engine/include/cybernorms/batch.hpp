// Batch evaluation: JSON Lines in, JSON Lines out, in input order, in parallel.
#pragma once
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/input.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms {

/// What the record of a valid scenario holds (docs/batch.md, "Records").
enum class BatchRecord : std::uint8_t {
  compact,  ///< levels, hinge sets as numbers into the record's questions; no text (the default)
  brief,    ///< the report as `eval --format json` writes it: titles, citations, hinge facts, why-not
  full,     ///< brief with proof trees
};

/// Bytes of records one block may make before the next block is given fewer lines
/// (BatchOptions::block_output_bytes): a block of full records can be 100 MB otherwise.
/// Two blocks of records are held at a time (one being made, one being written).
inline constexpr std::size_t default_block_output_bytes = std::size_t{4} << 20;

struct BatchOptions {
  std::size_t threads = 0;  ///< 0: one per core
  std::string profile{default_profile};
  BatchRecord record = BatchRecord::compact;
  std::size_t max_hinge_sets = 4;
  /// The longest line read: a longer one is not kept, and its record is E407.
  std::size_t max_line_bytes = max_input_bytes;
  std::size_t hinge_budget = default_hinge_budget;  ///< as EvaluateOptions::hinge_budget
  std::size_t proof_depth = default_proof_depth;    ///< as EvaluateOptions::proof_depth
  /// As EvaluateOptions::open_values_once; on by default here: a batch asks each open
  /// question once (docs/scenario-format.md, "Open values asked once").
  bool open_values_once = true;
  /// evaluate_stream: the records of one block should come to about this many bytes.
  /// The first block has 64 lines; each block after it has as many lines as the one
  /// before would have needed to reach this size (at least one, at most the block size
  /// asked for), so memory is bounded by bytes, not only by a count of lines.
  std::size_t block_output_bytes = default_block_output_bytes;
};

/// One input line: its text, or only its length when it was longer than the reader
/// keeps (`BatchOptions::max_line_bytes`).
struct BatchLine {
  std::string text;
  std::uint64_t skipped_bytes = 0;  ///< > 0: the line had this many bytes and was not kept
  /// The line had no end within what a reader skips (an endless stream without a
  /// newline): `skipped_bytes` is how far it was read, and reading stopped there.
  bool unended = false;
};

/// Evaluates blocks of scenarios, one per line, with one Evaluator per thread. Each
/// block's records come back in input order, one per line whatever happened to it, so a
/// caller that reads a block, evaluates it and writes it keeps memory bounded by the
/// block size and counts in equal to counts out.
class BatchEvaluator {
 public:
  BatchEvaluator(const RuleBase& rule_base, BatchOptions options);
  ~BatchEvaluator();
  BatchEvaluator(BatchEvaluator&&) noexcept;
  BatchEvaluator& operator=(BatchEvaluator&&) = delete;

  /// One JSON record per line (docs/batch.md, "Records"; docs/batch-record.schema.json);
  /// `first_line` is the 1-based number of lines[0] in the whole input.
  std::vector<std::string> evaluate_block(const std::vector<std::string>& lines, std::size_t first_line);
  /// The same for lines as a bounded reader gives them: a line not kept gets an E407
  /// record with its length.
  std::vector<std::string> evaluate_block(const std::vector<BatchLine>& lines, std::size_t first_line);

  /// Gives `block` (empty when called) up to `max_lines` lines; none at the end of the
  /// input or when reading stopped (the source knows why).
  using BlockSource = std::function<void(std::size_t max_lines, std::vector<BatchLine>& block)>;
  /// Takes each record, in input order, without its newline.
  using RecordSink = std::function<void(std::string_view record)>;
  /// Takes the records of one block at once, in input order, each without its newline;
  /// they are valid only during the call. A sink that hands them to the system in one
  /// call (writev) copies none of them.
  using BlockSink = std::function<void(std::span<const std::string> records)>;

  /// Evaluates a whole stream, block after block of up to `block_lines` lines, as a
  /// pipeline: while the threads evaluate one block, the calling thread reads the next
  /// and writes the records of the one before, then joins the evaluation. Records come
  /// out in input order, numbered from `first_line`. Block sizes follow the bytes their
  /// records take (BatchOptions::block_output_bytes). Returns the lines read.
  std::size_t evaluate_stream(const BlockSource& next_block, std::size_t block_lines, std::size_t first_line,
                              const RecordSink& write);
  /// The same, with the records given a block at a time.
  std::size_t evaluate_stream(const BlockSource& next_block, std::size_t block_lines, std::size_t first_line,
                              const BlockSink& write_block);

  std::size_t succeeded() const { return succeeded_; }
  std::size_t failed() const { return failed_; }
  std::size_t threads() const { return workers_.size() + 1; }

 private:
  /// Writes the record of one line into `record` (cleared first, its storage reused);
  /// true when the scenario was evaluated.
  bool evaluate_line(Evaluator& evaluator, std::string_view line, std::size_t number, std::string& record) const;
  bool skipped_line(const BatchLine& line, std::size_t number, std::string& record) const;
  /// Helper threads, one per evaluator past the first, kept for a whole stream (batch.cpp).
  class Crew;
  /// Fills records[i] for each line of a block, with the crew's threads; the calling
  /// thread runs `meanwhile` first, then joins in. Counts successes and failures.
  void evaluate_block_into(const std::vector<BatchLine>& lines, std::size_t first_line,
                           std::vector<std::string>& records, const std::function<void()>& meanwhile, Crew& crew);

  /// A helper thread's own copy of the rule base and its evaluator, made on that thread
  /// (batch.cpp).
  struct Worker;

  RuleBase rule_base_;
  BatchOptions options_;
  Evaluator evaluator_;  ///< the calling thread's
  /// One per helper thread, made by the helper the first time it runs; kept from stream
  /// to stream with its buffers. Null until then, or when making it failed.
  std::vector<std::unique_ptr<Worker>> workers_;
  std::size_t succeeded_ = 0;
  std::size_t failed_ = 0;
};

}  // namespace cybernorms
