#include "render/what_if_render.hpp"

#include "base/text_layout.hpp"
#include "render/html.hpp"
#include "render/json_text.hpp"
#include "render/markdown.hpp"
#include "render/report_render.hpp"
#include "render/report_words.hpp"

#include <fmt/format.h>

namespace cybernorms::render {

using base::printable;
using base::table_to_text;
using base::TextTable;
using base::wrap;
using nlohmann::ordered_json;

namespace {

/// What the scenario had said of an assumed fact, for people; of an assumed parameter
/// value (a relation named `$...`), what the profile had.
std::string_view stated_words(Truth stated, bool parameter) {
  if (parameter) {
    switch (stated) {
      case Truth::yes: return "the profile sets it";
      case Truth::no: return "the profile sets another value";
      case Truth::unknown: return "the profile holds it open";
    }
  }
  switch (stated) {
    case Truth::yes: return "the scenario says true";
    case Truth::no: return "the scenario does not state it";
    case Truth::unknown: return "the scenario says unknown";
  }
  return "?";
}

/// ... and for programs.
std::string_view stated_token(Truth stated) {
  switch (stated) {
    case Truth::yes: return "true";
    case Truth::no: return "false";
    case Truth::unknown: return "unknown";
  }
  return "?";
}


/// `principle(value, value)`.
std::string finding_label(const LevelChange& change) {
  std::string values;
  for (const auto& role : change.roles) values += (values.empty() ? "" : ", ") + printable(role.second);
  return fmt::format("{}({})", printable(change.principle), values);
}

std::string move_words(const LevelChange& change) {
  return fmt::format("{} \u2192 {}", to_string(change.from), to_string(change.to));
}

std::string unchanged_words(const WhatIfAnswer& answer) {
  if (answer.changes.empty()) return fmt::format("nothing moves ({} unchanged)", answer.unchanged);
  return fmt::format("{} unchanged", answer.unchanged);
}

std::string heading_words(const WhatIfTable& table) {
  return fmt::format("What if: scenario {} under profile {}: {} open question{}, {} finding{}",
                     printable(table.scenario), printable(table.profile), table.questions.size(),
                     table.questions.size() == 1 ? "" : "s", table.findings, table.findings == 1 ? "" : "s");
}

constexpr std::string_view incomplete_words =
    "Some findings' hinge sets were not all listed (--hinge-sets, --hinge-budget): there may be open questions "
    "not shown.";

constexpr std::string_view no_questions_words =
    "No open question: no possible finding hinges on an unknown fact.";

ordered_json fact_json(const FactRef& fact) {
  return ordered_json{{"relation", fact.relation}, {"args", fact.args}, {"text", fact.text}};
}

ordered_json change_json(const LevelChange& change) {
  ordered_json roles = ordered_json::object();
  for (const auto& [name, value] : change.roles) roles[name] = value;
  return ordered_json{{"principle", change.principle},
                      {"roles", std::move(roles)},
                      {"from", level_token(change.from)},
                      {"to", level_token(change.to)}};
}

ordered_json answer_json(const WhatIfAnswer& answer) {
  ordered_json changes = ordered_json::array();
  for (const LevelChange& change : answer.changes) changes.push_back(change_json(change));
  return ordered_json{{"answer", answer.label},
                      {"assumed", assumptions_to_json(answer.assumed)},
                      {"changes", std::move(changes)},
                      {"unchanged", answer.unchanged}};
}

ordered_json question_json(const WhatIfQuestion& question) {
  ordered_json facts = ordered_json::array();
  for (const FactRef& fact : question.facts) facts.push_back(fact_json(fact));
  ordered_json answers = ordered_json::array();
  for (const WhatIfAnswer& answer : question.answers) answers.push_back(answer_json(answer));
  return ordered_json{{"question", question.text}, {"facts", std::move(facts)}, {"answers", std::move(answers)}};
}

std::string answer_markdown(const WhatIfAnswer& answer) {
  if (answer.changes.empty()) return "nothing moves";
  std::string out;
  for (const LevelChange& change : answer.changes)
    out += fmt::format("{}{}: {}", out.empty() ? "" : "<br>", markdown_text(finding_label(change)),
                       markdown_text(move_words(change)));
  return out;
}

std::string roles_html(const LevelChange& change) {
  std::string out;
  for (const auto& [name, value] : change.roles)
    out += fmt::format("{}{}=<code>{}</code>", out.empty() ? "" : ", ", html_text(name), html_text(value));
  return out;
}

/// One answer's cell: each finding that moves, from its level to the other, or nothing.
std::string moves_html(const WhatIfAnswer& answer) {
  if (answer.changes.empty()) return "<span class=\"none\">nothing moves</span>";
  std::string out = "<ul class=\"moves\">";
  for (const LevelChange& change : answer.changes) {
    out += fmt::format("<li>{} <code>{}</code> <span class=\"for-roles\">({})</span>: {} \u2192 {}</li>",
                       html_text(change.title.empty() ? change.principle : change.title), html_text(change.principle),
                       roles_html(change), level_badge(change.from), level_badge(change.to));
  }
  return out + "</ul>";
}

}  // namespace

std::string assumption_words(const Assumption& assumption) {
  return fmt::format("{}: {} ({})", fact_words(assumption.fact), assumption.value ? "true" : "false",
                     stated_words(assumption.stated, assumption.fact.relation.starts_with('$')));
}

std::string assumptions_to_html(const std::vector<Assumption>& assumptions) {
  if (assumptions.empty()) return {};
  std::string out = "<section class=\"assumptions\">\n<h2>Assumed</h2>\n<ul>\n";
  for (const Assumption& assumption : assumptions) out += "<li>" + html_text(assumption_words(assumption)) + "</li>\n";
  return out + "</ul>\n</section>\n";
}

// Table cells go one to a line, as in the other pages, so that the page reads as source.
std::string what_if_to_html(const WhatIfTable& table) {
  std::string body = fmt::format("<header>\n<h1>What if: scenario <span class=\"id\">{}</span></h1>\n<p class=\"meta\">"
                                 "Profile <code>{}</code>: {} open question{}, {} finding{}. Each row answers one "
                                 "question one way and shows the findings that move.</p>\n</header>\n<main>\n",
                                 html_text(table.scenario), html_text(table.profile), table.questions.size(),
                                 table.questions.size() == 1 ? "" : "s", table.findings, table.findings == 1 ? "" : "s");
  body += assumptions_to_html(table.assumptions);
  if (table.questions.empty()) {
    body += fmt::format("<p>{}</p>\n", html_text(no_questions_words));
  } else {
    body += "<div class=\"table-scroll\"><table class=\"what-if\">\n<thead><tr>\n<th scope=\"col\">question</th>\n"
            "<th scope=\"col\">answer</th>\n<th scope=\"col\">findings that move</th>\n"
            "<th scope=\"col\">unchanged</th>\n</tr></thead>\n<tbody>\n";
    for (const WhatIfQuestion& question : table.questions) {
      for (std::size_t a = 0; a < question.answers.size(); ++a) {
        const WhatIfAnswer& answer = question.answers[a];
        body += "<tr>\n";
        if (a == 0)
          body += fmt::format("<th scope=\"rowgroup\" rowspan=\"{}\" class=\"question\">{}</th>\n",
                              question.answers.size(), html_text(question.text));
        body += fmt::format("<td class=\"answer\">{}</td>\n<td>{}</td>\n<td class=\"count\">{}</td>\n</tr>\n",
                            html_text(answer.label), moves_html(answer), answer.unchanged);
      }
    }
    body += "</tbody>\n</table></div>\n";
  }
  if (!table.complete) body += fmt::format("<p class=\"incomplete\">{}</p>\n", html_text(incomplete_words));
  body += "</main>\n" + level_legend_html();
  return html_page(fmt::format("What if: scenario {} under profile {}", table.scenario, table.profile), body,
                   PageKind::tables);
}

std::string assumptions_to_text(const std::vector<Assumption>& assumptions, std::size_t width) {
  if (assumptions.empty()) return {};
  std::string out = "Assumed:\n";
  for (const Assumption& assumption : assumptions) out += wrap(assumption_words(assumption), "  ", "    ", width);
  return out;
}

ordered_json assumptions_to_json(const std::vector<Assumption>& assumptions) {
  ordered_json out = ordered_json::array();
  for (const Assumption& assumption : assumptions)
    out.push_back(ordered_json{
        {"fact", fact_json(assumption.fact)}, {"value", assumption.value}, {"stated", stated_token(assumption.stated)}});
  return out;
}

std::string assumptions_to_markdown(const std::vector<Assumption>& assumptions) {
  if (assumptions.empty()) return {};
  std::string out = "**Assumed:**\n\n";
  for (const Assumption& assumption : assumptions) out += "- " + markdown_text(assumption_words(assumption)) + "\n";
  return out + "\n";
}

std::string what_if_to_text(const WhatIfTable& table, std::size_t width) {
  std::string out = wrap(heading_words(table), "", "  ", width);
  out += assumptions_to_text(table.assumptions, width);
  if (table.questions.empty()) {
    out += '\n' + wrap(no_questions_words, "", "", width);
  } else {
    TextTable text;
    text.header = {"question", "answer", "findings that move"};
    for (std::size_t q = 0; q < table.questions.size(); ++q) {
      const WhatIfQuestion& question = table.questions[q];
      if (q > 0) text.rows.push_back({"", "", ""});
      bool first_of_question = true;
      for (const WhatIfAnswer& answer : question.answers) {
        bool first_of_answer = true;
        const auto add = [&](std::string cell) {
          text.rows.push_back({first_of_question ? printable(question.text) : std::string{},
                               first_of_answer ? printable(answer.label) : std::string{}, std::move(cell)});
          first_of_question = first_of_answer = false;
        };
        for (const LevelChange& change : answer.changes) add(finding_label(change) + ": " + move_words(change));
        add(unchanged_words(answer));
      }
    }
    out += '\n' + table_to_text(text, width);
  }
  if (!table.complete) out += '\n' + wrap(incomplete_words, "", "", width);
  return out;
}

std::string what_if_to_json(const WhatIfTable& table, JsonLayout layout) {
  ordered_json out{{"scenario", table.scenario}, {"profile", table.profile}};
  if (!table.assumptions.empty()) out["assumptions"] = assumptions_to_json(table.assumptions);
  out["findings"] = table.findings;
  out["complete"] = table.complete;
  ordered_json questions = ordered_json::array();
  for (const WhatIfQuestion& question : table.questions) questions.push_back(question_json(question));
  out["questions"] = std::move(questions);
  return json_text(out, layout);
}

std::string what_if_to_markdown(const WhatIfTable& table) {
  std::string out = fmt::format("## What if: scenario {}, profile {}\n\n", markdown_code(table.scenario),
                                markdown_code(table.profile));
  out += assumptions_to_markdown(table.assumptions);
  if (table.questions.empty()) {
    out += std::string(no_questions_words) + "\n";
  } else {
    out += "| question | answer | findings that move | unchanged |\n|---|---|---|---|\n";
    for (const WhatIfQuestion& question : table.questions) {
      for (std::size_t a = 0; a < question.answers.size(); ++a) {
        const WhatIfAnswer& answer = question.answers[a];
        out += fmt::format("| {} | {} | {} | {} |\n", a == 0 ? markdown_text(question.text) : std::string{},
                           markdown_text(answer.label), answer_markdown(answer), answer.unchanged);
      }
    }
  }
  if (!table.complete) out += "\n" + std::string(incomplete_words) + "\n";
  return out;
}

std::string what_if(const WhatIfTable& table, const RenderOptions& options) {
  switch (options.format) {
    case Format::json: return what_if_to_json(table, options.json_layout);
    case Format::markdown: return what_if_to_markdown(table);
    case Format::html: return what_if_to_html(table);
    default: return what_if_to_text(table, options.width);
  }
}

}  // namespace cybernorms::render
