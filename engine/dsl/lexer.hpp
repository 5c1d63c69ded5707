// Character-level pieces of the rule language shared by the grammar and the error
// recovery: blanks and comments, UTF-8 checks, keywords, tokens named in messages.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cybernorms::dsl::detail {

/// A syntax error found while parsing one item. `expected` is set for a failed
/// expectation ("'because'"); the caller then names the token found at `where`.
/// Otherwise `code`, `message` and `length` describe the error completely.
struct SyntaxError {
  const char* where = nullptr;
  std::size_t length = 1;
  std::string code;
  std::string message;
  std::string expected;

  /// An error described completely by its code and message.
  static SyntaxError at(const char* where, std::size_t length, std::string code, std::string message) {
    return {where, length, std::move(code), std::move(message), {}};
  }
  /// A failed expectation (E101): the reporter names the token found at `where`.
  static SyntaxError expecting(const char* where, std::string expected) {
    return {where, 1, "E101", {}, std::move(expected)};
  }
};

/// True for the reserved words of the rule language, which cannot be names.
bool is_keyword(std::string_view word);
/// True for the keywords that start a top-level item (include, source, ..., profile).
bool is_item_keyword(std::string_view word);

/// Letters, digits and `_`: the characters that continue a word.
constexpr bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Length of the well-formed UTF-8 sequence starting at `p` (1 for ASCII), or 0 if the
/// bytes there are not one (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_sequence_length(const char* p, const char* end);

/// Skips blanks and `#` comments. Throws SyntaxError (E103) on a byte a comment may not hold.
const char* skip_trivia(const char* p, const char* end);
/// Skips blanks and comments without checking them; never throws.
const char* skip_trivia_unchecked(const char* p, const char* end);

/// The token at `p` as a message names it ("'cite'", "'{'", "a string", "end of file")
/// and its length in bytes (at least 1), for the caret under it.
struct TokenView {
  std::string description;
  std::size_t length = 1;
  std::string_view word;  ///< the token's text if it is a word, else empty
};
TokenView token_at(const char* p, const char* end);

/// If `p` holds a character no token can start with, the E103 message for it (in
/// `description`) and its length; a non-ASCII character is named with its code point.
std::optional<TokenView> invalid_character(const char* p, const char* end);

/// The first place at or after `from` where a line starts (after indentation) with a
/// top-level keyword; `end` if there is none. Used to resume after a syntax error.
const char* next_item_start(const char* from, const char* begin, const char* end);

}  // namespace cybernorms::dsl::detail
