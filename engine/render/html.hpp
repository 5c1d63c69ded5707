// The pieces every HTML page shares: escaping, the page around a body with its inline
// style sheet, and levels as coloured words. Pages load nothing: no script, font, image
// or style sheet from elsewhere, and a Content-Security-Policy says so to the browser.
#pragma once
#include "explain/report.hpp"

#include <cybernorms/words.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace cybernorms::render {

/// `text` made printable (control characters and bytes that are not UTF-8 shown as
/// `\xNN`) and escaped for HTML, fit for element content and quoted attribute values.
std::string html_text(std::string_view text);

/// What a page mostly shows: text reads best in a narrow column, tables need the width.
enum class PageKind : std::uint8_t { text, tables };

/// A complete page: doctype, `<head>` with `title` and the style sheet, then `body`
/// (HTML already escaped) inside `<body>`.
std::string html_page(std::string_view title, std::string_view body, PageKind kind = PageKind::text,
                      std::string_view language = "en");

/// The class a level's elements carry: implicated, possible, not-implicated.
std::string_view level_class(explain::Level level);

/// The level as a badge: its word on its colour, so it reads without colour too.
std::string level_badge(explain::Level level, const Words& words = Words());

/// The legend of the levels, for the foot of a page.
std::string level_legend_html(const Words& words = Words());

}  // namespace cybernorms::render
