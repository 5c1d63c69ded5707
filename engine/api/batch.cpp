#include <cybernorms/batch.hpp>

#include "render/batch_records.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace cybernorms {

namespace {

std::size_t thread_count(std::size_t asked) {
  if (asked > 0) return asked;
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace

BatchEvaluator::BatchEvaluator(const RuleBase& rule_base, BatchOptions options) : options_(std::move(options)) {
  const std::size_t threads = thread_count(options_.threads);
  evaluators_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) evaluators_.emplace_back(rule_base);
}

BatchEvaluator::Record BatchEvaluator::evaluate_line(Evaluator& evaluator, const std::string& line, std::size_t number) {
  EvaluateOptions options;
  options.profile = options_.profile;
  options.proofs = options_.full_explanations;
  options.max_hinge_sets = options_.max_hinge_sets;
  options.hinge_budget = options_.hinge_budget;
  options.proof_depth = options_.proof_depth;
  const std::string document = "line " + std::to_string(number);
  const Evaluation evaluation = evaluator.evaluate(line, document, options);
  if (!evaluation.ok()) return {render::batch_error_record(number, evaluation.diagnostics), false};
  const Detail detail = options_.full_explanations ? Detail::full : Detail::brief;
  return {render::batch_success_record(number, *evaluation.report, detail), true};
}

BatchEvaluator::Record BatchEvaluator::skipped_line(const BatchLine& line, std::size_t number) const {
  Diagnostics diagnostics;
  const std::optional<std::uintmax_t> size = line.unended ? std::nullopt : std::optional<std::uintmax_t>(line.skipped_bytes);
  report_too_large(diagnostics, "line " + std::to_string(number), size, options_.max_line_bytes);
  return {render::batch_error_record(number, diagnostics), false};
}

std::vector<std::string> BatchEvaluator::evaluate_block(const std::vector<std::string>& lines, std::size_t first_line) {
  return evaluate_lines(lines.size(), [&](Evaluator& evaluator, std::size_t i) {
    return evaluate_line(evaluator, lines[i], first_line + i);
  });
}

std::vector<std::string> BatchEvaluator::evaluate_block(const std::vector<BatchLine>& lines, std::size_t first_line) {
  return evaluate_lines(lines.size(), [&](Evaluator& evaluator, std::size_t i) {
    const BatchLine& line = lines[i];
    if (line.skipped_bytes > 0) return skipped_line(line, first_line + i);
    return evaluate_line(evaluator, line.text, first_line + i);
  });
}

std::vector<std::string> BatchEvaluator::evaluate_lines(std::size_t count, const LineRecord& one) {
  std::vector<Record> records(count);
  std::atomic<std::size_t> next{0};
  auto work = [&](Evaluator& evaluator) {
    for (std::size_t i = next++; i < count; i = next++) records[i] = one(evaluator, i);
  };
  const std::size_t helpers = std::min(evaluators_.size(), count);
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < helpers; ++t) threads.emplace_back(work, std::ref(evaluators_[t]));
  work(evaluators_.front());
  for (std::thread& thread : threads) thread.join();
  std::vector<std::string> out;
  out.reserve(records.size());
  for (Record& record : records) {
    (record.ok ? succeeded_ : failed_) += 1;
    out.push_back(std::move(record.json));
  }
  return out;
}

}  // namespace cybernorms
