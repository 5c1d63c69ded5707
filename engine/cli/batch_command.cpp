#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include <cybernorms/batch.hpp>

#include <fmt/core.h>

#include <fstream>
#include <iostream>

namespace cybernorms::cli {

namespace {

/// Reads up to `count` lines; a line longer than the limit is kept short and its record
/// will say it is not a scenario, so one huge line cannot exhaust memory.
std::vector<std::string> read_block(std::istream& in, std::size_t count, std::size_t max_line_bytes) {
  std::vector<std::string> lines;
  std::string line;
  while (lines.size() < count && std::getline(in, line)) {
    if (line.size() > max_line_bytes) line.resize(max_line_bytes);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

int run_batch(const BatchArgs& args) {
  const auto rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  if (!rule_base->has_profile(args.profile)) {
    fmt::print(stderr, "error: no profile named '{}'\n", args.profile);
    return exit_usage;
  }
  std::ifstream file;
  if (!args.input.empty() && args.input != "-") {
    file.open(args.input, std::ios::binary);
    if (!file) {
      fmt::print(stderr, "error: cannot read {}\n", args.input);
      return exit_usage;
    }
  }
  std::istream& in = file.is_open() ? static_cast<std::istream&>(file) : std::cin;
  BatchEvaluator evaluator(*rule_base,
                           BatchOptions{args.jobs, args.profile, args.explain == "full", 4, args.hinge_budget});
  std::size_t first_line = 1;
  for (;;) {
    const std::vector<std::string> lines = read_block(in, args.block_size, args.max_line_bytes);
    if (lines.empty()) break;
    for (const std::string& record : evaluator.evaluate_block(lines, first_line)) fmt::print("{}\n", record);
    std::fflush(stdout);
    first_line += lines.size();
  }
  fmt::print(stderr, "{} scenarios: {} evaluated, {} rejected ({} threads)\n", evaluator.succeeded() + evaluator.failed(),
             evaluator.succeeded(), evaluator.failed(), evaluator.threads());
  return evaluator.failed() == 0 ? exit_ok : exit_usage;
}

}  // namespace cybernorms::cli
