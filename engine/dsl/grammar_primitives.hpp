// The X3 building blocks of the rule-language grammar: words with keyword boundaries,
// strings, integers and comments checked exactly, and directives that name, span and
// depth-limit parts of rules. Included by grammar.cpp only, so no other file compiles X3.
#pragma once
#include "dsl/grammar.hpp"
#include "dsl/lexer.hpp"

#include <boost/spirit/home/x3.hpp>
#include <fmt/core.h>

#include <charconv>
#include <limits>
#include <type_traits>

namespace cybernorms::dsl::detail {

namespace x3 = boost::spirit::x3;

// ----- primitives ------------------------------------------------------------------

/// `and`, `rule`, ...: the word itself, not the start of a longer word (`notable`).
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;
  std::string_view word;

  constexpr explicit keyword_parser(std::string_view w) : word(w) {}

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext&, Attribute&) const {
    x3::skip_over(first, last, context);
    const auto available = static_cast<std::size_t>(last - first);
    if (available < word.size() || std::string_view(first, word.size()) != word) return false;
    if (available > word.size() && is_word_char(first[word.size()])) return false;
    first += word.size();
    return true;
  }
};

enum class WordKind : std::uint8_t { name, profile_name, variable };

/// A whole word that is a name (`[a-z][a-z0-9_]*`, not a keyword), a profile's name (the
/// same, but a keyword may be one: `profile default`) or a variable (`[A-Z][A-Za-z0-9_]*` or `_`).
struct word_parser : x3::parser<word_parser> {
  using attribute_type = std::string;
  WordKind kind;

  constexpr explicit word_parser(WordKind k) : kind(k) {}

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext&, Attribute& attribute) const {
    x3::skip_over(first, last, context);
    const char* stop = first;
    while (stop != last && is_word_char(*stop)) ++stop;
    const std::string_view word(first, static_cast<std::size_t>(stop - first));
    if (!accepts(word)) return false;
    x3::traits::move_to(std::string(word), attribute);
    first = stop;
    return true;
  }

  bool accepts(std::string_view word) const {
    if (word.empty()) return false;
    if (kind == WordKind::variable) return word == "_" || is_upper(word.front());
    for (const char c : word) {
      if (!is_lower(c) && !is_digit(c) && c != '_') return false;
    }
    return is_lower(word.front()) && (kind == WordKind::profile_name || !is_keyword(word));
  }
};

/// `non_infringement.unauthorised_access`: names joined by dots, with no blanks between.
struct dotted_parser : x3::parser<dotted_parser> {
  using attribute_type = std::string;

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext& rcontext, Attribute& attribute) const {
    x3::skip_over(first, last, context);
    const word_parser name{WordKind::name};
    const char* position = first;
    if (!name.parse(position, last, x3::unused, rcontext, x3::unused)) return false;
    for (const char* next = position; next != last && *next == '.'; next = position) {
      ++next;
      if (!name.parse(next, last, x3::unused, rcontext, x3::unused)) break;
      position = next;
    }
    x3::traits::move_to(std::string(first, position), attribute);
    first = position;
    return true;
  }
};

/// `"..."` on one line; `\"` and `\\` are the only escapes; the text must be UTF-8.
struct string_parser : x3::parser<string_parser> {
  using attribute_type = std::string;

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext&, Attribute& attribute) const {
    x3::skip_over(first, last, context);
    if (first == last || *first != '"') return false;
    std::string value;
    const char* p = first + 1;
    while (true) {
      if (p == last || *p == '\n' || *p == '\r') throw unterminated(first, p);
      if (*p == '"') break;
      p = *p == '\\' ? append_escape(p, last, value) : append_character(p, last, value);
    }
    x3::traits::move_to(std::move(value), attribute);
    first = p + 1;
    return true;
  }

  static SyntaxError unterminated(const char* open, const char* stop) {
    return SyntaxError::at(open, static_cast<std::size_t>(stop - open), "E102",
                           "unterminated string: a string must end with '\"' on the line where it starts");
  }

  static const char* append_escape(const char* p, const char* last, std::string& value) {
    if (p + 1 == last || (p[1] != '"' && p[1] != '\\')) {
      const std::string shown = p + 1 == last || static_cast<unsigned char>(p[1]) < 0x20 ? "" : std::string(1, p[1]);
      throw SyntaxError::at(p, p + 1 == last ? 1 : 2, "E106",
                            fmt::format("unknown escape '\\{}' in a string: only \\\" and \\\\ are escapes", shown));
    }
    value += p[1];
    return p + 2;
  }

  static const char* append_character(const char* p, const char* last, std::string& value) {
    const auto byte = static_cast<unsigned char>(*p);
    const bool is_control = (byte < 0x20 && byte != '\t') || byte == 0x7f;
    const std::size_t length = is_control ? 0 : utf8_sequence_length(p, last);
    if (length == 0) throw SyntaxError::at(p, 1, "E103", fmt::format("invalid byte 0x{:02x} in a string", byte));
    value.append(p, length);
    return p + length;
  }
};

/// `-?[0-9]+`, a whole word, within 64 bits.
struct integer_parser : x3::parser<integer_parser> {
  using attribute_type = std::int64_t;

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext&, Attribute& attribute) const {
    x3::skip_over(first, last, context);
    const char* p = first;
    if (p != last && *p == '-') ++p;
    if (p == last || !is_digit(*p)) return false;
    while (p != last && is_digit(*p)) ++p;
    if (p != last && is_word_char(*p)) return false;
    std::int64_t value = 0;
    if (std::from_chars(first, p, value).ec != std::errc{}) throw out_of_range(first, p);
    x3::traits::move_to(value, attribute);
    first = p;
    return true;
  }

  static SyntaxError out_of_range(const char* begin, const char* end) {
    constexpr std::size_t max_shown = 24;
    const auto length = static_cast<std::size_t>(end - begin);
    const std::string shown = length > max_shown ? std::string(begin, max_shown) + "..." : std::string(begin, length);
    return SyntaxError::at(
        begin, length, "E105",
        fmt::format("integer {} is out of range: integers lie between {} and {}", shown,
                    std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()));
  }
};

/// Gives a part of a rule a name for error messages without making it a rule of its own,
/// so its semantic actions still fill the enclosing rule's node.
template <typename Subject>
struct named_parser : x3::unary_parser<Subject, named_parser<Subject>> {
  using base_type = x3::unary_parser<Subject, named_parser<Subject>>;
  static const bool is_pass_through_unary = true;
  std::string_view label;

  constexpr named_parser(const Subject& subject, std::string_view l) : base_type(subject), label(l) {}

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext& rcontext, Attribute& attribute) const {
    return this->subject.parse(first, last, context, rcontext, attribute);
  }
};

template <typename Subject>
constexpr named_parser<Subject> named(const Subject& subject, std::string_view label) {
  return {subject, label};
}

struct state_tag;

/// Records the span of the rule's node (the rule context) around its definition. A rule
/// whose definition holds a semantic action gets no on_success call with its node, so
/// such rules wrap their definition in this instead.
template <typename Subject>
struct spanned_parser : x3::unary_parser<Subject, spanned_parser<Subject>> {
  using base_type = x3::unary_parser<Subject, spanned_parser<Subject>>;
  static const bool is_pass_through_unary = true;

  constexpr explicit spanned_parser(const Subject& subject) : base_type(subject) {}

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext& node, Attribute& attribute) const {
    x3::skip_over(first, last, context);
    const It start = first;
    if (!this->subject.parse(first, last, context, node, attribute)) return false;
    if constexpr (std::is_base_of_v<ast::Node, RContext>) node.span = x3::get<state_tag>(context).span(start, first);
    return true;
  }
};

template <typename Subject>
constexpr spanned_parser<Subject> spanned(const Subject& subject) {
  return spanned_parser<Subject>(subject);
}

/// Parses a parenthesised group one level deeper; past the nesting limit it stops with
/// E104 before recursing, so no input can exhaust the stack. (A failed item leaves the
/// count behind; parse_item starts every item at depth 0.)
template <typename Subject>
struct nested_parser : x3::unary_parser<Subject, nested_parser<Subject>> {
  using base_type = x3::unary_parser<Subject, nested_parser<Subject>>;
  static const bool is_pass_through_unary = true;

  constexpr explicit nested_parser(const Subject& subject) : base_type(subject) {}

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context& context, RContext& rcontext, Attribute& attribute) const {
    x3::skip_over(first, last, context);
    if (first == last || *first != '(') return false;
    ParseState& state = x3::get<state_tag>(context);
    if (state.depth >= state.max_nesting) {
      throw SyntaxError::at(first, 1, "E104",
                            fmt::format("conditions nested too deeply: more than {} parentheses", state.max_nesting));
    }
    ++state.depth;
    const bool parsed = this->subject.parse(first, last, context, rcontext, attribute);
    --state.depth;
    return parsed;
  }
};

template <typename Subject>
constexpr nested_parser<Subject> nested(const Subject& subject) {
  return nested_parser<Subject>(subject);
}

/// Blanks and `#` comments, skipped between tokens.
struct trivia_parser : x3::parser<trivia_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, const It& last, const Context&, RContext&, Attribute&) const {
    const char* after = skip_trivia(first, last);
    if (after == first) return false;
    first = after;
    return true;
  }
};

}  // namespace cybernorms::dsl::detail

namespace boost::spirit::x3 {
template <>
struct get_info<cybernorms::dsl::detail::keyword_parser> {
  using result_type = std::string;
  std::string operator()(const cybernorms::dsl::detail::keyword_parser& p) const {
    return "'" + std::string(p.word) + "'";
  }
};
/// A parser with a semantic action is named as the parser itself.
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
template <typename Subject>
struct get_info<cybernorms::dsl::detail::named_parser<Subject>> {
  using result_type = std::string;
  std::string operator()(const cybernorms::dsl::detail::named_parser<Subject>& p) const { return std::string(p.label); }
};
}  // namespace boost::spirit::x3
