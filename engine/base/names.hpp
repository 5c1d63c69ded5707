// "Did you mean": the closest known name to a misspelt one, for every diagnostic that
// suggests one (rule files and scenarios alike).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::base {

/// Levenshtein distance (insertions, deletions, substitutions, each costing 1), stopping
/// early once it exceeds `limit` (the result is then `limit + 1`).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The candidate nearest to `wanted` if it is close enough to be a plausible typo (at most
/// a third of the word's letters changed, and at least one). Ties go to the alphabetically
/// first, so the answer does not depend on the candidates' order. Names longer than 64
/// bytes are never typos worth comparing.
std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string_view>& candidates);
std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& candidates);

/// "did you mean 'x'?" for the closest candidate, or nothing.
std::optional<std::string> did_you_mean(std::string_view wanted, const std::vector<std::string_view>& candidates);
std::optional<std::string> did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates);

}  // namespace cybernorms::base
