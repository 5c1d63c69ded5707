// The program's own words (headings, level names, labels of reports) in one language.
// English is built in; a rule base adds a language with a `language` block
// (docs/rule-language.md, "Languages"), so a new language needs no change here.
// Part of the public API; implemented in base, so every module may use it.
#pragma once
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cybernorms {

/// The language the rule base is written in and the program's words are built in.
inline constexpr std::string_view default_language = "en";

/// One word of the program: its key, and its English text. `{name}` in a text is filled
/// in when it is used; a translation must have the same placeholders.
struct WordEntry {
  std::string_view key;
  std::string_view text;
};

/// Every word the program uses, with its English text, in a fixed order.
std::span<const WordEntry> english_words();

/// The English entry of a key, or null when the program has no such word.
const WordEntry* find_english_word(std::string_view key);

/// What is written between `{` and the next `}` in a text, in order of first appearance,
/// each once: the placeholders a translation must keep.
std::vector<std::string> placeholders_of(std::string_view text);

/// The program's words in one language. Cheap to copy. A default-constructed Words is
/// English; a language's Words falls back to English for a word it lacks (the rule
/// base's check warns about those when asked: `check --lang`).
class Words {
 public:
  Words();
  Words(std::string language, std::vector<std::pair<std::string, std::string>> words);

  /// "en", "zh", ...
  const std::string& language() const;
  /// The word for `key`; the key itself for a key the program does not have.
  std::string_view operator()(std::string_view key) const;
  /// The word for `key` with each `{name}` replaced by its value; other braces stay.
  std::string format(std::string_view key,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> values) const;

 private:
  struct Table;
  std::shared_ptr<const Table> table_;
};

/// Replaces each `{name}` in `text` by its value in `values`; other braces stay as written.
std::string fill_placeholders(std::string_view text,
                              std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace cybernorms
