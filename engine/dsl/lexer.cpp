#include "dsl/lexer.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace cybernorms::dsl::detail {
namespace {

constexpr std::array<std::string_view, 30> keywords{
    "and",      "because",  "cite",  "conclude", "date",   "default", "entity", "exception", "file",
    "for",      "from",     "heading", "include", "layers", "not",     "or",     "param",     "principle",
    "profile",  "question", "quote", "relation", "rule",   "section", "set",    "source",    "title",
    "type",     "url",      "when"};

constexpr std::array<std::string_view, 10> item_keywords{"include", "source",    "type", "entity",    "relation",
                                                         "param",   "principle", "rule", "exception", "profile"};

/// Bytes that may begin a token outside strings and comments.
constexpr bool is_token_start(char c) {
  return is_word_char(c) || std::string_view("\"(){}[],.:=!<>$-").find(c) != std::string_view::npos;
}

/// Control characters other than tab are not text, even in comments and strings.
constexpr bool is_control(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }

const char* end_of_line(const char* p, const char* end) { return std::find(p, end, '\n'); }

/// The length of the UTF-8 sequence a byte leads, or 0 if it cannot lead one.
constexpr std::size_t length_from_lead(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/// The code point of the well-formed UTF-8 sequence of `length` bytes at `p`.
std::uint32_t code_point(const char* p, std::size_t length) {
  constexpr std::array<unsigned char, 5> lead_mask{0, 0x7f, 0x1f, 0x0f, 0x07};
  std::uint32_t value = static_cast<unsigned char>(p[0]) & lead_mask[length];
  for (std::size_t i = 1; i < length; ++i) value = (value << 6) | (static_cast<unsigned char>(p[i]) & 0x3f);
  return value;
}

/// Checks one comment's bytes; returns the end of its line.
const char* skip_comment(const char* p, const char* end) {
  const char* stop = end_of_line(p, end);
  while (p != stop) {
    const auto byte = static_cast<unsigned char>(*p);
    if (byte == '\r' && p + 1 == stop) break;
    const std::size_t length = is_control(byte) ? 0 : utf8_sequence_length(p, stop);
    if (length == 0) throw SyntaxError::at(p, 1, "E103", fmt::format("invalid byte 0x{:02x} in a comment", byte));
    p += length;
  }
  return stop;
}

std::string_view word_at(const char* p, const char* end) {
  const char* stop = p;
  while (stop != end && is_word_char(*stop)) ++stop;
  return {p, static_cast<std::size_t>(stop - p)};
}

/// The length of the string literal at `p` up to its closing quote or the end of its line.
std::size_t string_token_length(const char* p, const char* end) {
  const char* q = p + 1;
  while (q != end && *q != '"' && *q != '\n' && *q != '\r') q += (*q == '\\' && q + 1 != end) ? 2 : 1;
  if (q != end && *q == '"') ++q;
  return static_cast<std::size_t>(std::min(q, end) - p);
}

/// True if the line starting at `line` begins (after indentation) with a top-level keyword.
bool line_starts_item(const char* line, const char* end) {
  while (line != end && (*line == ' ' || *line == '\t')) ++line;
  return is_item_keyword(word_at(line, end));
}

bool is_first_on_line(const char* p, const char* begin) {
  while (p != begin && (p[-1] == ' ' || p[-1] == '\t')) --p;
  return p == begin || p[-1] == '\n';
}

}  // namespace

bool is_keyword(std::string_view word) { return std::find(keywords.begin(), keywords.end(), word) != keywords.end(); }

bool is_item_keyword(std::string_view word) {
  return std::find(item_keywords.begin(), item_keywords.end(), word) != item_keywords.end();
}

std::size_t utf8_sequence_length(const char* p, const char* end) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(p[i]); };
  const unsigned char lead = at(0);
  const std::size_t length = length_from_lead(lead);
  if (length <= 1) return length;
  // The second byte's range rules out overlong forms (after 0xe0, 0xf0), surrogates
  // (after 0xed) and code points past U+10FFFF (after 0xf4).
  const unsigned char low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
  const unsigned char high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
  if (static_cast<std::size_t>(end - p) < length || at(1) < low || at(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (at(i) < 0x80 || at(i) > 0xbf) return 0;
  }
  return length;
}

const char* skip_trivia(const char* p, const char* end) {
  while (p != end) {
    if (is_blank(*p))
      ++p;
    else if (*p == '#')
      p = skip_comment(p + 1, end);
    else
      break;
  }
  return p;
}

const char* skip_trivia_unchecked(const char* p, const char* end) {
  while (p != end) {
    if (is_blank(*p))
      ++p;
    else if (*p == '#')
      p = end_of_line(p, end);
    else
      break;
  }
  return p;
}

TokenView token_at(const char* p, const char* end) {
  constexpr std::size_t max_shown = 40;
  if (p == end) return {"end of file", 1, {}};
  if (*p == '"') return {"a string", string_token_length(p, end), {}};
  if (is_word_char(*p)) {
    const std::string_view word = word_at(p, end);
    const std::string shown =
        word.size() > max_shown ? std::string(word.substr(0, max_shown)) + "..." : std::string(word);
    return {fmt::format("'{}'", shown), word.size(), word};
  }
  if (!is_token_start(*p)) return {"an invalid character", 1, {}};
  return {fmt::format("'{}'", *p), 1, {}};
}

std::optional<TokenView> invalid_character(const char* p, const char* end) {
  if (p == end || is_token_start(*p) || is_blank(*p) || *p == '#') return std::nullopt;
  const auto byte = static_cast<unsigned char>(*p);
  if (byte > 0x20 && byte < 0x7f) return TokenView{fmt::format("invalid character '{}'", *p), 1, {}};
  const std::size_t length = utf8_sequence_length(p, end);
  if (length < 2) return TokenView{fmt::format("invalid byte 0x{:02x}", byte), 1, {}};
  return TokenView{fmt::format("invalid character '{}' (U+{:04X}) outside a string: names and keywords are ASCII",
                               std::string_view(p, length), code_point(p, length)),
                   length,
                   {}};
}

const char* next_item_start(const char* from, const char* begin, const char* end) {
  if (from != end && is_first_on_line(from, begin) && is_item_keyword(word_at(from, end))) return from;
  const char* line = end_of_line(from, end);
  while (line != end) {
    ++line;
    if (line_starts_item(line, end)) return skip_trivia_unchecked(line, end);
    line = end_of_line(line, end);
  }
  return end;
}

}  // namespace cybernorms::dsl::detail
