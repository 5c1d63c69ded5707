#include "base/names.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <numeric>

namespace cybernorms::base {

namespace {

/// Names longer than this are not typos worth comparing, and comparing them costs time.
constexpr std::size_t longest_compared = 64;

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > limit) return limit + 1;
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    std::size_t row_min = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      row_min = std::min(row_min, row[j]);
    }
    if (row_min > limit) return limit + 1;
  }
  return std::min(row[b.size()], limit + 1);
}

std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string_view>& candidates) {
  if (wanted.empty() || wanted.size() > longest_compared) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, wanted.size() / 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const std::string_view candidate : candidates) {
    if (candidate == wanted || candidate.size() > longest_compared) continue;
    const std::size_t distance = edit_distance(wanted, candidate, limit);
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best_distance > limit) return std::nullopt;
  return std::string(*best);
}

std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& candidates) {
  return closest_name(wanted, std::vector<std::string_view>(candidates.begin(), candidates.end()));
}

std::optional<std::string> did_you_mean(std::string_view wanted, const std::vector<std::string_view>& candidates) {
  const auto best = closest_name(wanted, candidates);
  if (!best) return std::nullopt;
  return fmt::format("did you mean '{}'?", *best);
}

std::optional<std::string> did_you_mean(std::string_view wanted, const std::vector<std::string>& candidates) {
  return did_you_mean(wanted, std::vector<std::string_view>(candidates.begin(), candidates.end()));
}

}  // namespace cybernorms::base
