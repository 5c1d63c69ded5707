// Languages: `language` blocks and the translations written beside the rule base's
// texts (`title "Due diligence" zh "审慎预防义务"`), checked and lowered to one
// compile::Language per language, so that adding a language is a rule file, not code.
#include "compile/languages.hpp"

#include "compile/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace cybernorms::compile {

namespace {

/// `word element.attribution "归属"`: a word naming a question's legal element.
constexpr std::string_view element_prefix = "element.";

/// `{a}, {b}`: placeholders as a message shows them.
std::string braced(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += fmt::format("{}{{{}}}", out.empty() ? "" : ", ", name);
  return out.empty() ? "none" : out;
}

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

/// E241/E243: a translation must keep its original's placeholders, no more, no fewer,
/// since explanations fill in the same values whatever the language.
void check_same_placeholders(std::string_view code, std::string_view original, std::string_view translated,
                             base::Span span, std::string_view what, base::Diagnostics& diagnostics) {
  const auto wanted = sorted(placeholders_of(original));
  const auto written = sorted(placeholders_of(translated));
  if (wanted == written) return;
  auto& added = diagnostics.error(std::string(code), span, "the translation of {} has placeholders {}, not {}", what,
                                  braced(placeholders_of(translated)), braced(placeholders_of(original)));
  added.notes.push_back("a translation keeps the placeholders of the text it translates, each `{Name}` as written");
}

std::vector<std::string_view> declared_languages(const Program& program) {
  std::vector<std::string_view> ids{default_language};
  for (const ast::LanguageDecl* language : program.languages.in_order)
    if (language->id != default_language) ids.push_back(language->id);
  return ids;
}

std::string listed(const std::vector<std::string_view>& ids) { return fmt::format("{}", fmt::join(ids, ", ")); }

/// E240 undeclared language, E245 a language twice (or `en`, which is the untagged text).
bool check_tag(const Program& program, const ast::Translation& translation, const std::vector<std::string_view>& ids,
               base::Diagnostics& diagnostics) {
  if (translation.language == default_language) {
    auto& added = diagnostics.error("E245", token_span(*program.sources, translation.span, translation.language),
                                    "a translation into '{}': the text without a language tag is the English one",
                                    translation.language);
    added.notes.push_back("write the English text first, untagged, then its translations: \"...\" zh \"...\"");
    return false;
  }
  if (std::find(ids.begin(), ids.end(), translation.language) != ids.end()) return true;
  auto& added = diagnostics.error("E240", token_span(*program.sources, translation.span, translation.language),
                                  "no language '{}' is declared", translation.language);
  if (auto note = base::did_you_mean(translation.language, ids)) added.notes.push_back(std::move(*note));
  added.notes.push_back(fmt::format("the rule base declares {}; a `language {} \"...\" {{ ... }}` block declares "
                                    "another",
                                    listed(ids), translation.language));
  return false;
}

/// Where each English text was first translated into each language, to find one text
/// translated two ways (E244).
using FirstTranslations = std::map<std::pair<std::string_view, std::string_view>, const ast::Translation*>;

void check_text(const Program& program, const ReaderText& text, const std::vector<std::string_view>& ids,
                FirstTranslations& first, base::Diagnostics& diagnostics) {
  std::vector<std::string_view> seen;
  for (const ast::Translation& translation : text.text->translations) {
    if (!check_tag(program, translation, ids, diagnostics)) continue;
    const base::Span span = token_span(*program.sources, translation.span, translation.language);
    if (std::find(seen.begin(), seen.end(), translation.language) != seen.end()) {
      diagnostics.error("E245", span, "{} is translated into '{}' twice", text.what, translation.language);
      continue;
    }
    seen.push_back(translation.language);
    check_same_placeholders("E241", text.text->value, translation.text, span, text.what, diagnostics);
    const auto [at, inserted] = first.emplace(std::pair{std::string_view(text.text->value),
                                                        std::string_view(translation.language)},
                                              &translation);
    if (inserted || at->second->text == translation.text) continue;
    auto& added = diagnostics.error("E244", span, "{} is translated into '{}' otherwise than the same text before",
                                    text.what, translation.language);
    added.notes.push_back(fmt::format("at {} it reads \"{}\"; one text has one translation per language, since "
                                      "explanations look translations up by the English text",
                                      place(*program.sources, at->second->span), at->second->text));
  }
}

std::vector<std::string_view> word_keys() {
  std::vector<std::string_view> keys;
  for (const WordEntry& entry : english_words()) keys.push_back(entry.key);
  return keys;
}

/// The legal elements the rule base's questions settle, in first use: what an
/// `element.NAME` word names.
std::vector<std::string_view> question_elements(const Program& program) {
  std::vector<std::string_view> elements;
  for (const Signature& signature : program.signatures) {
    if (signature.relation == nullptr || !signature.relation->question) continue;
    const std::string& element = signature.relation->question->element;
    if (std::find(elements.begin(), elements.end(), element) == elements.end()) elements.push_back(element);
  }
  // A profile may hold any parameter open, which asks a question of law.
  if (!program.params.in_order.empty()) elements.push_back(law_element);
  return elements;
}

/// E247: `word element.NAME` for a NAME no question settles.
bool check_element_word(const Program& program, const ast::WordDecl& word, base::Span span,
                        base::Diagnostics& diagnostics) {
  const std::string_view element = std::string_view(word.key).substr(element_prefix.size());
  const auto elements = question_elements(program);
  if (std::find(elements.begin(), elements.end(), element) != elements.end()) return true;
  auto& added = diagnostics.error("E247", span, "no question of the rule base settles an element '{}'", element);
  if (auto note = base::did_you_mean(element, elements)) added.notes.push_back(std::move(*note));
  added.notes.push_back(fmt::format("`word element.NAME \"...\"` names an element a relation's `question` clause "
                                    "gives: {}",
                                    listed(elements)));
  return false;
}

void check_words(const Program& program, const ast::LanguageDecl& language, base::Diagnostics& diagnostics) {
  std::vector<std::string_view> seen;
  for (const ast::WordDecl& word : language.words) {
    const base::Span span = token_span(*program.sources, word.span, word.key);
    if (word.key.starts_with(element_prefix)) {
      if (!check_element_word(program, word, span, diagnostics)) continue;
      if (std::find(seen.begin(), seen.end(), word.key) != seen.end())
        diagnostics.error("E245", span, "word '{}' is given twice in language '{}'", word.key, language.id);
      seen.push_back(word.key);
      continue;
    }
    const WordEntry* english = find_english_word(word.key);
    if (english == nullptr) {
      auto& added = diagnostics.error("E242", span, "no word '{}' in the program", word.key);
      if (auto note = base::did_you_mean(word.key, word_keys())) added.notes.push_back(std::move(*note));
      added.notes.push_back("docs/rule-language.md lists the words, with their English text");
      continue;
    }
    if (std::find(seen.begin(), seen.end(), word.key) != seen.end()) {
      diagnostics.error("E245", span, "word '{}' is given twice in language '{}'", word.key, language.id);
      continue;
    }
    seen.push_back(word.key);
    check_same_placeholders("E243", english->text, word.text, span, fmt::format("word '{}'", word.key), diagnostics);
  }
}

void check_source_languages(const Program& program, const std::vector<std::string_view>& ids,
                            base::Diagnostics& diagnostics) {
  for (const ast::SourceDecl* source : program.source_decls.in_order) {
    if (!source->language || std::find(ids.begin(), ids.end(), *source->language) != ids.end()) continue;
    auto& added = diagnostics.error("E240", token_span_after(*program.sources, source->span, "language", *source->language),
                                    "no language '{}' is declared", *source->language);
    added.notes.push_back(fmt::format("the rule base declares {}", listed(ids)));
  }
}

/// W010: every text and word without a translation into `language`.
void warn_untranslated(const Program& program, const std::vector<ReaderText>& texts, std::string_view language,
                       base::Diagnostics& diagnostics) {
  for (const ReaderText& text : texts) {
    const auto& translations = text.text->translations;
    if (std::any_of(translations.begin(), translations.end(), [&](const auto& t) { return t.language == language; }))
      continue;
    diagnostics.warning("W010", text.text->span, "{} has no translation into '{}'", text.what, language);
  }
  const ast::LanguageDecl* declared = program.languages.find(language);
  if (declared == nullptr) return;
  for (const WordEntry& entry : english_words()) {
    const auto& words = declared->words;
    if (std::any_of(words.begin(), words.end(), [&](const ast::WordDecl& w) { return w.key == entry.key; })) continue;
    auto& added = diagnostics.warning("W010", token_span(*program.sources, declared->span, declared->id),
                                      "language '{}' has no word '{}'", language, entry.key);
    added.notes.push_back(fmt::format("in English: word {} \"{}\"", entry.key, entry.text));
  }
  for (const std::string_view element : question_elements(program)) {
    const std::string key = fmt::format("{}{}", element_prefix, element);
    const auto& words = declared->words;
    if (std::any_of(words.begin(), words.end(), [&](const ast::WordDecl& w) { return w.key == key; })) continue;
    auto& added = diagnostics.warning("W010", token_span(*program.sources, declared->span, declared->id),
                                      "language '{}' has no name for the question element '{}'", language, element);
    added.notes.push_back(fmt::format("word {} \"...\" names it", key));
  }
}

}  // namespace

void check_languages(const Program& program, const std::vector<std::string>& wanted, base::Diagnostics& diagnostics) {
  const auto ids = declared_languages(program);
  const auto texts = reader_texts(program);
  FirstTranslations first;
  for (const ReaderText& text : texts) check_text(program, text, ids, first, diagnostics);
  for (const ast::LanguageDecl* language : program.languages.in_order) check_words(program, *language, diagnostics);
  check_source_languages(program, ids, diagnostics);
  for (const std::string& language : wanted) {
    if (language == default_language) continue;
    if (std::find(ids.begin(), ids.end(), language) == ids.end()) {
      diagnostics.error("E246", base::Span{}, "no language '{}' in the rule base: it has {}", language, listed(ids));
      continue;
    }
    warn_untranslated(program, texts, language, diagnostics);
  }
}

void lower_languages(const Program& program, RuleSet& out) {
  out.languages.push_back(Language{std::string(default_language), "English", {}, Words(), {}});
  for (const ast::LanguageDecl* decl : program.languages.in_order) {
    std::vector<std::pair<std::string, std::string>> words;
    std::map<std::string, std::string, std::less<>> elements;
    for (const ast::WordDecl& word : decl->words) {
      if (word.key.starts_with(element_prefix)) elements.emplace(word.key.substr(element_prefix.size()), word.text);
      else words.emplace_back(word.key, word.text);
    }
    Words lowered(decl->id, std::move(words));
    if (decl->id == default_language) {
      out.languages.front().words = std::move(lowered);
      out.languages.front().elements = std::move(elements);
      continue;
    }
    out.languages.push_back(Language{decl->id, decl->name, {}, std::move(lowered), std::move(elements)});
  }
  for (const ReaderText& text : reader_texts(program)) {
    for (const ast::Translation& translation : text.text->translations) {
      for (Language& language : out.languages)
        if (language.id == translation.language) language.texts.emplace(text.text->value, translation.text);
    }
  }
}

}  // namespace cybernorms::compile
