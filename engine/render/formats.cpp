// The one table of output formats: each format's name and its renderer for each output.
// A new format is an enumerator in cybernorms/format.hpp, its renderer file, and a row here.
#include "render/formats.hpp"

#include "render/catalog_render.hpp"
#include "render/diagnostics_json.hpp"
#include "render/profiles_render.hpp"
#include "render/report_html.hpp"
#include "render/report_render.hpp"
#include "render/tables.hpp"
#include "render/terse.hpp"

#include <array>
#include <optional>

namespace cybernorms::render {

namespace {

using Principles = std::vector<std::string>;
using ReportRenderer = std::string (*)(const Report&, const RenderOptions&);
using ComparisonRenderer = std::string (*)(const std::vector<Report>&, const Principles&, const RenderOptions&);
using SummaryRenderer = std::string (*)(const std::vector<Report>&, const Principles&, const RenderOptions&);
using ProfilesRenderer = std::string (*)(const compile::RuleSet&, const RenderOptions&);
using DiagnosticsRenderer = std::string (*)(const Diagnostics&, const SourceSet&, const RenderOptions&);
using CatalogRenderer = std::string (*)(const compile::RuleSet&, const RenderOptions&);

/// The detail a comparison explains its differing rows at, if it is asked to.
std::optional<Detail> explained(const RenderOptions& options) {
  return options.comparison_explanations ? std::optional(options.detail) : std::nullopt;
}

/// A format's renderers; null where it has none of its own (the text one is used).
struct FormatRow {
  Format format;
  std::string_view name;
  ReportRenderer report = nullptr;
  ComparisonRenderer comparison = nullptr;
  SummaryRenderer summary = nullptr;
  ProfilesRenderer profiles = nullptr;
  DiagnosticsRenderer diagnostics = nullptr;
  CatalogRenderer catalog = nullptr;
};

constexpr std::array format_table{
    FormatRow{Format::text, "text",
              [](const Report& r, const RenderOptions& o) { return report_to_text(r, {o.detail, o.colour, o.width, o.words}); },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions& o) {
                return comparison_to_text(compare_profiles(rs, p, explained(o)), o.width);
              },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions& o) {
                return summary_to_text(summarise(rs, p), o.width);
              },
              [](const compile::RuleSet& rules, const RenderOptions&) { return profiles_to_text(rules); },
              [](const Diagnostics& d, const SourceSet& s, const RenderOptions&) { return render_text(d, s); },
              [](const compile::RuleSet& rules, const RenderOptions&) { return catalog_to_text(rules); }},
    FormatRow{Format::json, "json",
              [](const Report& r, const RenderOptions& o) { return report_to_json(r, o.detail, o.json_layout); },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions& o) {
                return comparison_to_json(compare_profiles(rs, p, explained(o)), o.json_layout);
              },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions& o) {
                return summary_to_json(summarise(rs, p), o.json_layout);
              },
              [](const compile::RuleSet& rules, const RenderOptions& o) { return profiles_to_json(rules, o.json_layout); },
              [](const Diagnostics& d, const SourceSet& s, const RenderOptions& o) {
                return diagnostics_to_json(d, s, o.json_layout);
              },
              [](const compile::RuleSet& rules, const RenderOptions& o) { return catalog_to_json(rules, o.json_layout); }},
    FormatRow{Format::markdown, "markdown",
              [](const Report& r, const RenderOptions& o) { return report_to_markdown(r, o.detail, o.words); },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions& o) {
                return comparison_to_markdown(compare_profiles(rs, p, explained(o)));
              },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions&) {
                return summary_to_markdown(summarise(rs, p));
              },
              [](const compile::RuleSet& rules, const RenderOptions&) { return profiles_to_markdown(rules); }, nullptr},
    FormatRow{Format::terse, "terse",
              [](const Report& r, const RenderOptions&) { return terse_to_text(terse_findings({r})); },
              [](const std::vector<Report>& rs, const Principles&, const RenderOptions&) {
                return terse_to_text(terse_findings(rs));
              },
              nullptr, nullptr, nullptr},
    FormatRow{Format::html, "html",
              [](const Report& r, const RenderOptions& o) { return report_to_html(r, o.detail, o.words); },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions& o) {
                return comparison_to_html(rs, p, o.detail);
              },
              [](const std::vector<Report>& rs, const Principles& p, const RenderOptions&) {
                return summary_to_html(rs, p);
              },
              nullptr, nullptr, nullptr},
};

const FormatRow& row_of(Format format) {
  for (const FormatRow& row : format_table)
    if (row.format == format) return row;
  return format_table.front();
}

/// The format's renderer for one output, or the text format's when it has none.
template <typename Renderer>
Renderer renderer(Format format, Renderer FormatRow::*output) {
  const Renderer own = row_of(format).*output;
  return own != nullptr ? own : row_of(Format::text).*output;
}

}  // namespace

std::string report(const Report& report, const RenderOptions& options) {
  return renderer(options.format, &FormatRow::report)(report, options);
}

std::string comparison(const std::vector<Report>& reports, const Principles& principle_order,
                       const RenderOptions& options) {
  return renderer(options.format, &FormatRow::comparison)(reports, principle_order, options);
}

std::string summary(const std::vector<Report>& reports, const Principles& principle_order,
                    const RenderOptions& options) {
  return renderer(options.format, &FormatRow::summary)(reports, principle_order, options);
}

std::string profiles(const compile::RuleSet& rules, const RenderOptions& options) {
  return renderer(options.format, &FormatRow::profiles)(rules, options);
}

std::string diagnostics(const Diagnostics& diagnostics, const SourceSet& sources, const RenderOptions& options) {
  return renderer(options.format, &FormatRow::diagnostics)(diagnostics, sources, options);
}

std::string catalog(const compile::RuleSet& rules, const RenderOptions& options) {
  return renderer(options.format, &FormatRow::catalog)(rules, options);
}

}  // namespace cybernorms::render

namespace cybernorms {

std::string_view format_name(Format format) { return render::row_of(format).name; }

std::optional<Format> parse_format(std::string_view name) {
  for (const render::FormatRow& row : render::format_table)
    if (row.name == name) return row.format;
  return std::nullopt;
}

std::vector<std::string> format_names(Output output) {
  std::vector<std::string> names;
  for (const render::FormatRow& row : render::format_table) {
    const bool has_own = [&] {
      switch (output) {
        case Output::report: return row.report != nullptr;
        case Output::comparison: return row.comparison != nullptr;
        case Output::summary: return row.summary != nullptr;
        case Output::profiles: return row.profiles != nullptr;
        case Output::diagnostics: return row.diagnostics != nullptr;
        case Output::catalog: return row.catalog != nullptr;
      }
      return false;
    }();
    if (has_own) names.emplace_back(row.name);
  }
  return names;
}

}  // namespace cybernorms
