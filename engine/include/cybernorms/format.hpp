// Output formats: one enumeration, one table (engine/render/formats.cpp) mapping each to
// its renderers. Adding a format is a value here, a renderer file and a row there.
// Part of the public API; includes no internal header.
#pragma once
#include <cybernorms/words.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms {

enum class Format : std::uint8_t {
  text,      ///< for a terminal: wrapped to a width, colour on request
  json,      ///< for programs: keys in a fixed order (docs/scenario-format.md, "Output")
  markdown,  ///< for documents
  terse,     ///< one line per finding, sorted: the expected files of scenarios
  html,      ///< one self-contained page: inline style, no script, loads nothing (docs/html-report.md)
};

/// What is rendered. Not every format has a renderer for every output; where it has none
/// the text renderer is used.
enum class Output : std::uint8_t {
  report,       ///< one scenario's findings under one profile
  comparison,   ///< one scenario's findings across profiles
  summary,      ///< many scenarios by principle
  profiles,     ///< a rule base's profiles and their parameters
  diagnostics,  ///< problems in rule files or scenarios
  catalog,      ///< a rule base's principles, relations and profiles, by id
};

/// How much of each explanation to show (`--explain brief|full`).
enum class Detail : std::uint8_t {
  brief,  ///< finding line, hinges, citations, one line of why-not per principle not implicated
  full,   ///< adds the proof tree down to the scenario's facts and the absent/exception notes
};

/// How JSON is laid out. Compact is the default: one line, no indentation, so the size of
/// a deep proof stays linear in its steps. The command line indents for a terminal or on
/// request (`--pretty`).
enum class JsonLayout : std::uint8_t {
  compact,   ///< one line per document
  indented,  ///< two spaces per level, for people
};

struct RenderOptions {
  Format format = Format::text;
  Detail detail = Detail::brief;
  bool colour = false;     ///< text only; the caller knows whether output is a terminal
  std::size_t width = 80;  ///< text only: columns
  JsonLayout json_layout = JsonLayout::compact;  ///< JSON only
  /// Headings, level names and labels in the report's language (RuleBase::words); the
  /// texts from the rule base come in the language the report was evaluated in
  /// (EvaluateOptions::language). English by default.
  Words words{};
  /// Profile comparisons: after the table, each profile's explanation of every row the
  /// profiles disagree on (`eval --compare-profiles --explain`), at `detail`.
  bool comparison_explanations = false;
};

/// The format's name on the command line: "text", "json", ...
std::string_view format_name(Format format);
/// The format named so, if any.
std::optional<Format> parse_format(std::string_view name);
/// The names of the formats with a renderer of their own for `output`, in table order.
std::vector<std::string> format_names(Output output);

}  // namespace cybernorms
