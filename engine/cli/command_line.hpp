// Shared pieces of the command line: reading inputs, deciding on colour, exit codes.
#pragma once
#include <cybernorms/cybernorms.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cybernorms::cli {

/// Exit codes of every command.
enum ExitCode : int {
  exit_ok = 0,
  exit_findings_error = 1,  ///< errors in the rule base (check), or --werror warnings
  exit_usage = 2,           ///< bad command line, or invalid input (scenarios)
};

/// The rule folder used when --rules is not given: ./rules if there is one, else the
/// project's own.
std::filesystem::path default_rules_dir();

/// Loads the rule folder (`rules_dir`, or the default when empty), verifying quotes
/// against `sources_dir` when given; prints the diagnostics to standard error when it fails.
std::optional<RuleBase> load_rule_base(const std::string& rules_dir, const std::string& sources_dir = {});

/// Reads a whole file; nullopt (and `error` set) when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error);

/// Files given on the command line, with folders expanded to the files below them whose
/// name ends in `extension` (sorted by path), leaving out `*.expected.*` files.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& inputs, const std::string& extension,
                                                 std::vector<std::string>& missing);

/// Whether standard output is a terminal that should get colour (`--color auto`):
/// a tty, and NO_COLOR not set.
bool stdout_wants_colour(const std::string& colour_option);

}  // namespace cybernorms::cli
