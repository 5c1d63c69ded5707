#include "render/html.hpp"

#include "base/text_layout.hpp"
#include "render/report_words.hpp"

#include <fmt/format.h>

namespace cybernorms::render {

namespace {

// One style sheet for every page, inline so the file works offline and alone. Levels
// carry their word as well as their colour (each colour pair has a contrast ratio above
// 4.5:1), and print keeps the colours, opens every collapsed proof and drops the shading.
constexpr std::string_view style_sheet = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: #1b1b1b; background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 1.65rem; line-height: 1.25; margin: 0 0 .35rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 2px solid #cfd8dc; }
h3 { font-size: 1.1rem; line-height: 1.35; margin: 0 0 .5rem; }
h4 { font-size: .8rem; letter-spacing: .06em; text-transform: uppercase; color: #455a64; margin: .9rem 0 .3rem; }
p { margin: .35rem 0; }
code, .id { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: .88em; }
h3 code, th code { color: #546e7a; font-weight: 400; }
.meta { color: #455a64; margin: 0; }
.level { display: inline-block; padding: .05rem .5rem; border: 1px solid; border-radius: .3rem; font-size: .82rem;
  font-weight: 700; line-height: 1.5; white-space: nowrap; vertical-align: .1em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.level.implicated { background: #b3261e; border-color: #8c1d18; color: #fff; }
.level.possible { background: #ffe08a; border-color: #b7791f; color: #4a2f00; }
.level.not-implicated { background: #eceff1; border-color: #b0bec5; color: #37474f; }
.finding, .why-not { border: 1px solid #cfd8dc; border-left: 6px solid #b0bec5; border-radius: .35rem;
  padding: .8rem 1rem; margin: 1rem 0; break-inside: avoid; }
.finding.implicated { border-left-color: #b3261e; }
.finding.possible { border-left-color: #d69e2e; }
.why-not { padding: .6rem 1rem; }
.roles { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; margin: .3rem 0; }
.roles div { display: flex; gap: .35rem; }
.roles dt { color: #546e7a; }
.roles dd { margin: 0; font-weight: 600; }
.hinges { background: #fff8e1; border: 1px solid #f0c36d; border-radius: .35rem; padding: .2rem .9rem .5rem; margin: .7rem 0;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.hinges h4 { color: #6d4c00; }
.hinges ol { margin: .2rem 0; padding-left: 1.4rem; }
.route-or { font-weight: 700; color: #6d4c00; }
.hinge { font-weight: 600; }
.needs { font-weight: 400; color: #5d4037; }
.element { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: #6d4c00; }
.answer { font-weight: 700; white-space: nowrap; }
.limit { font-style: italic; color: #5d4037; }
.citation { margin: .4rem 0 .6rem; }
blockquote { margin: .2rem 0; padding: .3rem .9rem; border-left: 4px solid #90a4ae; background: #f5f7f8; }
figcaption { font-size: .88rem; color: #455a64; }
cite { font-style: normal; font-weight: 600; }
.why { margin: .2rem 0; }
.nearest { font-size: .92rem; color: #455a64; }
details.proof { margin: .8rem 0 .2rem; border-top: 1px dashed #cfd8dc; padding-top: .4rem; }
details > summary { cursor: pointer; }
details.proof > summary { font-weight: 700; color: #37474f; }
.step, .leaf { margin: .25rem 0 .25rem 1.1rem; padding-left: .6rem; border-left: 2px solid #cfd8dc; }
details.step > summary { list-style-position: outside; }
.fact { font-weight: 600; }
.leaf .fact { font-weight: 400; }
.source { font-size: .82rem; color: #546e7a; margin-left: .35rem; }
.unknown > summary .fact, .leaf.unknown .fact { color: #7a4f00; }
.because { font-style: italic; color: #37474f; }
.checked, .folded, .step-cites { font-size: .88rem; color: #455a64; }
body.tables { max-width: 100rem; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
td .level.not-implicated { background: none; border-color: transparent; font-weight: 400; color: #546e7a; }
td.roles-cell { font-size: .85rem; color: #37474f; }
th, td { border: 1px solid #cfd8dc; padding: .35rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #eceff1; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
tr.differ { background: #fff8e1; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.agreement { font-size: .88rem; white-space: nowrap; }
tr.differ .agreement { font-weight: 700; color: #6d4c00; }
.subtitle { display: block; font-size: .82rem; font-weight: 400; color: #546e7a; }
.count { font-size: .82rem; color: #455a64; }
.for-roles { color: #455a64; }
.differences li { margin: .35rem 0; }
.assumptions { background: #eef3f8; border: 1px solid #90a4ae; border-radius: .35rem; padding: .1rem 1rem .4rem;
  margin: 1rem 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.assumptions h2 { font-size: 1rem; margin: .6rem 0 .3rem; border: 0; }
table.what-if th.question { max-width: 30rem; font-weight: 600; }
table.what-if .answer { font-weight: 700; }
ul.moves { margin: 0; padding-left: 1.1rem; }
ul.moves li + li { margin-top: .25rem; }
.none { color: #546e7a; font-style: italic; }
.incomplete { font-style: italic; color: #5d4037; }
footer { margin-top: 2.5rem; padding-top: .6rem; border-top: 1px solid #cfd8dc; font-size: .88rem; color: #455a64; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem .8rem; align-items: baseline; }
footer dd { margin: 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
  .table-scroll { overflow: visible; }
  h2 { break-after: avoid; }
}
)css";

}  // namespace

std::string html_text(std::string_view text) {
  std::string out;
  for (const char c : base::printable(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_page(std::string_view title, std::string_view body, PageKind kind, std::string_view language) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"cybernorms\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body{}>\n{}</body>\n"
      "</html>\n",
      html_text(language), html_text(title), style_sheet, kind == PageKind::tables ? " class=\"tables\"" : "", body);
}

std::string_view level_class(explain::Level level) {
  switch (level) {
    case explain::Level::implicated: return "implicated";
    case explain::Level::possible: return "possible";
    case explain::Level::not_implicated: return "not-implicated";
  }
  return "";
}

std::string level_badge(explain::Level level, const Words& words) {
  return fmt::format("<span class=\"level {}\">{}</span>", level_class(level), html_text(level_words(level, words)));
}

std::string level_legend_html(const Words& words) {
  using explain::Level;
  return fmt::format("<footer>\n<dl>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n</dl>\n"
                     "<p>{}</p>\n</footer>\n",
                     level_badge(Level::implicated, words), html_text(words("html_legend_implicated")),
                     level_badge(Level::possible, words), html_text(words("html_legend_possible")),
                     level_badge(Level::not_implicated, words), html_text(words("html_legend_not_implicated")),
                     html_text(words("html_footer")));
}

}  // namespace cybernorms::render
