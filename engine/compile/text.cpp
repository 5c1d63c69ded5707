#include "compile/text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <numeric>

namespace cybernorms::compile {

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

std::optional<std::string_view> closest_name(std::string_view name, const std::vector<std::string_view>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  std::optional<std::string_view> best;
  std::size_t best_distance = limit + 1;
  for (const std::string_view candidate : candidates) {
    if (candidate == name) continue;
    const std::size_t distance = edit_distance(name, candidate, limit);
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best_distance > limit) return std::nullopt;
  return best;
}

std::optional<std::string> did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates) {
  const auto best = closest_name(name, candidates);
  if (!best) return std::nullopt;
  return fmt::format("did you mean '{}'?", *best);
}

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/// How far past a node's end a token may still be looked for.
constexpr std::size_t search_slack = 160;

std::optional<std::size_t> find_word(std::string_view text, std::string_view token, std::size_t from) {
  if (token.empty()) return std::nullopt;
  const bool word_like = is_word_char(token.front()) && is_word_char(token.back());
  for (std::size_t at = text.find(token, from); at != std::string_view::npos; at = text.find(token, at + 1)) {
    const bool starts = at == 0 || !is_word_char(text[at - 1]);
    const std::size_t end = at + token.size();
    const bool ends = end >= text.size() || !is_word_char(text[end]);
    if (!word_like || (starts && ends)) return at;
  }
  return std::nullopt;
}

}  // namespace

base::Span token_span_after(const base::SourceSet& sources, base::Span within, std::string_view after,
                            std::string_view token) {
  if (!within.is_known() || within.file >= sources.size()) return within;
  const base::SourceFile& file = sources.file(within.file);
  const std::string_view text = file.text();
  if (within.offset >= text.size()) return within;
  const std::size_t end = std::min<std::size_t>(text.size(), std::size_t{within.offset} + within.length + search_slack);
  const std::string_view window = text.substr(0, end);
  std::size_t from = within.offset;
  if (!after.empty()) {
    const auto keyword = find_word(window, after, from);
    if (!keyword) return within;
    from = *keyword + after.size();
  }
  const auto found = find_word(window, token, from);
  if (!found) return within;
  return file.span_at(*found, token.size(), within.file);
}

base::Span token_span(const base::SourceSet& sources, base::Span within, std::string_view token) {
  return token_span_after(sources, within, {}, token);
}

std::string place(const base::SourceSet& sources, base::Span span) {
  if (!span.is_known() || span.file >= sources.size()) return "<unknown>";
  return fmt::format("{}:{}:{}", sources.file(span.file).name(), span.line, span.column);
}

}  // namespace cybernorms::compile
