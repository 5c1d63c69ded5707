// What-if output: the assumptions a report made (the "Assumed:" block of every report
// format) and the what-if table of a scenario, as text, JSON and Markdown. The JSON
// shape is in docs/what-if.md.
#pragma once
#include "explain/report.hpp"

#include <cybernorms/format.hpp>
#include <cybernorms/what_if.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace cybernorms::render {

/// "fact: true (the scenario does not state it)": one assumption in words.
std::string assumption_words(const Assumption& assumption);
/// A section "Assumed" with one item per assumption; nothing when there are none.
std::string assumptions_to_html(const std::vector<Assumption>& assumptions);
/// The what-if table as one self-contained page (docs/html-report.md).
std::string what_if_to_html(const WhatIfTable& table);
/// "Assumed:" and one wrapped line per assumption; nothing when there are none.
std::string assumptions_to_text(const std::vector<Assumption>& assumptions, std::size_t width);
/// One object per assumption: fact (relation, args, text), value, stated.
nlohmann::ordered_json assumptions_to_json(const std::vector<Assumption>& assumptions);
/// "**Assumed:**" and a list; nothing when there are none.
std::string assumptions_to_markdown(const std::vector<Assumption>& assumptions);

std::string what_if_to_text(const WhatIfTable& table, std::size_t width = 80);
std::string what_if_to_json(const WhatIfTable& table, JsonLayout layout = JsonLayout::compact);
std::string what_if_to_markdown(const WhatIfTable& table);

/// In `options.format`: JSON, Markdown and HTML have their own, every other format gets text.
std::string what_if(const WhatIfTable& table, const RenderOptions& options);

}  // namespace cybernorms::render
