// "Did you mean": the closest known name to a misspelt one.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::io {

/// The candidate nearest to `wanted` by edit distance, if one is close enough to be a
/// plausible typo (at most a third of the word's letters changed, and at least one).
/// Ties go to the earlier candidate, so the answer is deterministic.
std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& candidates);

/// Levenshtein distance (insertions, deletions, substitutions, each costing 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace cybernorms::io
