// `--assume 'FACT=true'` and `--assume-file FILE`: the assumptions asked for on the
// command line, read into the sources their diagnostics point into.
#pragma once
#include <cybernorms/cybernorms.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cybernorms::cli {

/// Assumptions read from the command line, and the texts they were read from: each
/// `--assume` a source named "--assume", each file a source named by its path.
struct AssumptionOptions {
  SourceSet sources;
  std::vector<AssumedFact> assumptions;
};

/// Reads every --assume (in order), then every --assume-file. nullopt when any is
/// malformed, unreadable or (an --assume) empty; the problems are printed to standard error.
std::optional<AssumptionOptions> read_assumption_options(const std::vector<std::string>& assume,
                                                         const std::vector<std::string>& files);

}  // namespace cybernorms::cli
