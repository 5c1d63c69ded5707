// Batch evaluation: JSON Lines in, JSON Lines out, in input order, in parallel.
#pragma once
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/input.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cybernorms {

struct BatchOptions {
  std::size_t threads = 0;  ///< 0: one per core
  std::string profile{default_profile};
  bool full_explanations = false;  ///< proof trees in every record (slower, larger)
  std::size_t max_hinge_sets = 4;
  /// The longest line read: a longer one is not kept, and its record is E407.
  std::size_t max_line_bytes = max_input_bytes;
  std::size_t hinge_budget = default_hinge_budget;  ///< as EvaluateOptions::hinge_budget
  std::size_t proof_depth = default_proof_depth;    ///< as EvaluateOptions::proof_depth
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

  /// One JSON record per line (README, "Using it"; docs/scenario-format.md, "Output"); `first_line` is the 1-based
  /// number of lines[0] in the whole input.
  std::vector<std::string> evaluate_block(const std::vector<std::string>& lines, std::size_t first_line);
  /// The same for lines as a bounded reader gives them: a line not kept gets an E407
  /// record with its length.
  std::vector<std::string> evaluate_block(const std::vector<BatchLine>& lines, std::size_t first_line);

  std::size_t succeeded() const { return succeeded_; }
  std::size_t failed() const { return failed_; }
  std::size_t threads() const { return evaluators_.size(); }

 private:
  struct Record {
    std::string json;
    bool ok = false;
  };
  /// Evaluates the lines of a block, one thread per evaluator; `one(evaluator, index)`
  /// makes the record of line `index` of the block.
  using LineRecord = std::function<Record(Evaluator&, std::size_t)>;
  std::vector<std::string> evaluate_lines(std::size_t count, const LineRecord& one);
  Record evaluate_line(Evaluator& evaluator, const std::string& line, std::size_t number);
  Record skipped_line(const BatchLine& line, std::size_t number) const;

  BatchOptions options_;
  std::vector<Evaluator> evaluators_;
  std::size_t succeeded_ = 0;
  std::size_t failed_ = 0;
};

}  // namespace cybernorms
