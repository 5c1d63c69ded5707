// "Did you mean" for the command line: a misspelt subcommand or option is named with
// the closest known one. CLI11 (2.1 on Debian 12) only says an argument was not
// expected; the engine's own suggester is internal to base, which cli may not include.
#pragma once
#include <CLI/CLI.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::cli {

/// Edit distance: insertions, deletions, substitutions and swaps of two neighbouring
/// letters (`bacth`), each costing 1 (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `wanted` when it is a plausible typo of it (at most a third
/// of its letters changed, and at least one; leading dashes are not counted). Ties go to
/// the alphabetically first.
std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& candidates);

/// After `app` failed to parse: a message for the first argument it did not know, when
/// that is an option (`--profle`) or, before any subcommand, a word (`evl`): which
/// command it was given to and the closest known name, if any. nullopt for other
/// errors, which CLI11 words well enough.
std::optional<std::string> unknown_argument_message(const CLI::App& app);

}  // namespace cybernorms::cli
