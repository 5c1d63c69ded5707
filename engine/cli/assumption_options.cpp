#include "cli/assumption_options.hpp"

#include "cli/command_line.hpp"

#include <fmt/format.h>

namespace cybernorms::cli {

namespace {

/// An assumption file is read like a scenario, up to the same size.
constexpr std::size_t assumption_file_limit = max_input_bytes;

}  // namespace

std::optional<AssumptionOptions> read_assumption_options(const std::vector<std::string>& assume,
                                                         const std::vector<std::string>& files) {
  AssumptionOptions read;
  Diagnostics diagnostics;
  bool usable = true;
  for (const std::string& text : assume) {
    const FileId file = read.sources.add("--assume", text);
    const std::vector<AssumedFact> found = read_assumptions(read.sources, file, diagnostics);
    if (found.empty() && !diagnostics.has_errors()) {
      fmt::print(stderr, "error: --assume '{}' holds no assumption: write --assume 'knew_of(op1, arland)=true'\n",
                 text);
      usable = false;
    }
    read.assumptions.insert(read.assumptions.end(), found.begin(), found.end());
  }
  for (const std::string& path : files) {
    const InputText input = read_input(path, assumption_file_limit);
    if (input.status != ReadStatus::ok) {
      fmt::print(stderr, "{}", input_problem(path, input, assumption_file_limit));
      usable = false;
      continue;
    }
    const FileId file = read.sources.add(is_standard_input(path) ? std::string(standard_input_name) : path, input.text);
    const std::vector<AssumedFact> found = read_assumptions(read.sources, file, diagnostics);
    read.assumptions.insert(read.assumptions.end(), found.begin(), found.end());
  }
  if (diagnostics.has_errors()) {
    fmt::print(stderr, "{}", render_diagnostics(diagnostics, read.sources, {Format::text}));
    usable = false;
  }
  if (!usable) return std::nullopt;
  return read;
}

}  // namespace cybernorms::cli
