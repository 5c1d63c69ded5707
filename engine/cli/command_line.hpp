// Shared pieces of the command line: reading inputs, deciding on colour, exit codes.
#pragma once
#include "cli/commands.hpp"

#include <cybernorms/cybernorms.hpp>
#include <cybernorms/input.hpp>

#include <filesystem>
#include <optional>
#include <string_view>
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

/// What `-` stands for on the command line, and the name its document gets in messages.
inline constexpr std::string_view standard_input = "-";
inline constexpr std::string_view standard_input_name = "standard input";
inline bool is_standard_input(const std::filesystem::path& path) { return path.native() == standard_input; }

/// Reads a scenario or facts file, or standard input for `-`, up to `limit` + 1 bytes
/// (`eval --max-input-bytes`): a larger input is `too_large` (E407) however long it goes
/// on. Only standard input may be a pipe or a device; a path naming one is `not_a_file`.
InputText read_input(const std::filesystem::path& path, std::size_t limit);

/// The message for an input that could not be read, or that is over `limit` (E407), as
/// eval prints it.
std::string input_problem(const std::filesystem::path& path, const InputText& input, std::size_t limit);

/// Files given on the command line, with folders expanded to the entries below them whose
/// name ends in `extension` (sorted by path), leaving out `*.expected.*` files. `-` and
/// entries that are not folders or files (a FIFO, a device, a symlink loop) are kept, for
/// reading to refuse with a message that says what they are. Inputs that do not exist
/// and folders that cannot be walked to the end are `problems`, one message each.
std::vector<std::filesystem::path> expand_inputs(const std::vector<std::string>& inputs, const std::string& extension,
                                                 std::vector<std::string>& problems);

/// Whether standard output is a terminal that should get colour (`--color auto`):
/// a tty, and NO_COLOR not set.
bool stdout_wants_colour(const std::string& colour_option);

/// How JSON output is laid out: as the flags ask, else indented for a terminal and
/// compact for a pipe or a file.
JsonLayout stdout_json_layout(const JsonLayoutFlags& flags);

}  // namespace cybernorms::cli
