// The item loop around the grammar: size and text checks, one diagnostic per bad item,
// and recovery at the next line that starts a top-level item.
#include "dsl/parse.hpp"

#include "dsl/grammar.hpp"
#include "dsl/lexer.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string_view>

namespace cybernorms::dsl {
namespace {

using detail::SyntaxError;

/// Git's test for binary content: a NUL byte among the first 8000 bytes.
constexpr std::size_t binary_probe_bytes = 8000;

/// A note on a name written wrongly; empty if `word` is not one. `starts_line` tells a
/// word that begins the next item from one misused as a name.
std::string name_hint(const std::string& expected, std::string_view word, bool starts_line) {
  const bool wants_name = expected.starts_with("a name") || expected.starts_with("a type name") ||
                          expected.starts_with("a parameter (") || expected.starts_with("a value name");
  if (!wants_name || word.empty()) return {};
  if (detail::is_keyword(word) && !(starts_line && detail::is_item_keyword(word))) {
    return fmt::format("'{}' is a keyword, and keywords cannot be names", word);
  }
  if (detail::is_upper(word.front()) || word.front() == '_') {
    return fmt::format("names start with a lower-case letter; '{}' is written like a variable", word);
  }
  return {};
}

/// A note on a clause written out of order or out of place; empty if `word` starts none.
std::string_view clause_hint(std::string_view word) {
  constexpr std::string_view source_order = "a source's parts come in the order: doc string, date, file, url, headings";
  constexpr std::string_view rule_order =
      "the parts of a rule or exception come in the order: doc string, conclude (rules only), when, because, "
      "citations";
  if (word == "date" || word == "file" || word == "url" || word == "heading") return source_order;
  if (word == "conclude" || word == "when" || word == "because") return rule_order;
  if (word == "title") return "the title comes first in a principle or profile, after the doc string";
  if (word == "layers") return "a principle's parts come in the order: doc string, title, layers, citations";
  if (word == "set") return "a profile's settings come after its title and before its citations";
  if (word == "or") return "'or' joins alternatives only inside parentheses: (a(X) or b(X))";
  return {};
}

/// A note for the mistakes the expectation alone does not explain; empty if none.
std::string hint(const std::string& expected, std::string_view word, bool starts_line) {
  if (std::string note = name_hint(expected, word, starts_line); !note.empty()) return note;
  return std::string(clause_hint(word));
}

class FileParser {
 public:
  FileParser(const base::SourceSet& sources, base::FileId file, base::Diagnostics& diagnostics,
             const ParseLimits& limits)
      : source_(sources.file(file)),
        file_(file),
        diagnostics_(diagnostics),
        begin_(source_.text().data()),
        end_(begin_ + source_.text().size()),
        state_{source_, file, begin_, limits.max_nesting, 0} {}

  ast::RuleFile run() {
    ast::RuleFile result{file_, {}};
    const char* position = skip_byte_order_mark(begin_);
    while ((position = skip_trivia(position)) != end_) {
      position = parse_one(position, result);
    }
    return result;
  }

  /// E100 when the file is too large or is not text; true if it can be parsed.
  bool check_file(const ParseLimits& limits) {
    const std::string& text = source_.text();
    if (text.size() > limits.max_file_bytes) {
      diagnostics_.error("E100", source_.span_at(0, 1, file_), "file too large: {} bytes, the limit is {}", text.size(),
                         limits.max_file_bytes);
      return false;
    }
    const std::string_view probe = std::string_view(text).substr(0, binary_probe_bytes);
    if (const std::size_t nul = probe.find('\0'); nul != std::string_view::npos) {
      diagnostics_.error("E100", source_.span_at(nul, 1, file_), "not a text file: NUL byte at offset {}", nul);
      return false;
    }
    return true;
  }

 private:
  const char* skip_byte_order_mark(const char* p) const {
    const std::string_view bom = "\xEF\xBB\xBF";
    return std::string_view(p, static_cast<std::size_t>(end_ - p)).starts_with(bom) ? p + bom.size() : p;
  }

  /// Skips blanks and comments; a bad byte in a comment is reported and its line skipped.
  const char* skip_trivia(const char* p) {
    while (true) {
      try {
        return detail::skip_trivia(p, end_);
      } catch (const SyntaxError& error) {
        report(error);
        p = std::find(error.where, end_, '\n');
      }
    }
  }

  /// Parses the item at `p` into `result`, or reports its error and skips it.
  const char* parse_one(const char* p, ast::RuleFile& result) {
    detail::ItemResult parsed = detail::parse_item(p, end_, state_);
    if (parsed.item) {
      result.items.push_back(std::move(*parsed.item));
      return parsed.end;
    }
    const char* where = report(*parsed.error);
    return detail::next_item_start(std::max(where, p + 1), begin_, end_);
  }

  /// Reports one syntax error; returns where it was found.
  const char* report(const SyntaxError& error) {
    if (error.expected.empty()) {
      add(error.code, error.where, error.length, error.message);
      return error.where;
    }
    const char* found = detail::skip_trivia_unchecked(error.where, end_);
    if (const auto invalid = detail::invalid_character(found, end_)) {
      add("E103", found, invalid->length, invalid->description);
      return found;
    }
    const detail::TokenView token = detail::token_at(found, end_);
    base::Diagnostic& added =
        add("E101", found, token.length, "expected " + error.expected + ", found " + token.description);
    if (std::string note = hint(error.expected, token.word, starts_line(found)); !note.empty()) {
      added.notes.push_back(std::move(note));
    }
    return found;
  }

  bool starts_line(const char* p) const {
    while (p != begin_ && (p[-1] == ' ' || p[-1] == '\t')) --p;
    return p == begin_ || p[-1] == '\n';
  }

  base::Diagnostic& add(const std::string& code, const char* where, std::size_t length, const std::string& message) {
    const auto offset = static_cast<std::size_t>(where - begin_);
    return diagnostics_.error(code, source_.span_at(offset, std::max<std::size_t>(length, 1), file_), "{}", message);
  }

  const base::SourceFile& source_;
  base::FileId file_;
  base::Diagnostics& diagnostics_;
  const char* begin_;
  const char* end_;
  detail::ParseState state_;
};

}  // namespace

ast::RuleFile parse(const base::SourceSet& sources, base::FileId file, base::Diagnostics& diagnostics,
                    const ParseLimits& limits) {
  FileParser parser(sources, file, diagnostics, limits);
  if (!parser.check_file(limits)) return ast::RuleFile{file, {}};
  return parser.run();
}

}  // namespace cybernorms::dsl
