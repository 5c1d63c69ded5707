#include "io/suggest.hpp"

#include <algorithm>
#include <numeric>

namespace cybernorms::io {

namespace {
// Names longer than this are not typos worth comparing, and comparing them costs time.
constexpr std::size_t longest_compared = 64;
}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& candidates) {
  if (wanted.empty() || wanted.size() > longest_compared) return std::nullopt;
  const std::size_t allowed = std::max<std::size_t>(1, wanted.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    if (candidate.size() > longest_compared || candidate == wanted) continue;
    const std::size_t larger = std::max(candidate.size(), wanted.size());
    const std::size_t smaller = std::min(candidate.size(), wanted.size());
    if (larger - smaller >= best_distance) continue;
    const std::size_t distance = edit_distance(wanted, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace cybernorms::io
