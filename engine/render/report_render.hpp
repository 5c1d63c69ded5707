// Renderers of one evaluation's report: text for a terminal, JSON for programs, Markdown
// for documents. The JSON shape is documented in docs/scenario-format.md ("Output").
#pragma once
#include "explain/report.hpp"

#include <cybernorms/format.hpp>
#include <cybernorms/words.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cybernorms::render {

using cybernorms::Detail;
using cybernorms::JsonLayout;

/// Options of the text renderer. Colour only when asked: the caller knows whether
/// standard output is a terminal.
struct TextOptions {
  Detail detail = Detail::brief;
  bool colour = false;
  std::size_t width = 80;
  Words words{};  ///< headings and labels in the report's language
};

/// The report as text in at most `options.width` columns (long lines are wrapped).
std::string report_to_text(const explain::Report& report, const TextOptions& options = {});

/// The report as one JSON object with keys in a fixed order, ending in a newline.
std::string report_to_json(const explain::Report& report, Detail detail, JsonLayout layout = JsonLayout::compact);

/// The report as a Markdown section.
std::string report_to_markdown(const explain::Report& report, Detail detail, const Words& words = Words());

/// The level as one word for JSON and terse output: implicated, possible, not_implicated.
std::string_view level_token(explain::Level level);

}  // namespace cybernorms::render
