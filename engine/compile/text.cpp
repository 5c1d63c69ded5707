#include "compile/text.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace cybernorms::compile {

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
