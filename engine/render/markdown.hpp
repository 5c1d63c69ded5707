// Escaping text for Markdown, shared by the Markdown renderers.
#pragma once
#include <string>
#include <string_view>

namespace cybernorms::render {

/// `text` as literal Markdown inline text: characters Markdown would read as markup are
/// backslash-escaped and line breaks become spaces, so it can go into a table cell too.
std::string markdown_text(std::string_view text);

/// An identifier as inline code; identifiers of the rule language hold no backticks.
std::string markdown_code(std::string_view text);

}  // namespace cybernorms::render
