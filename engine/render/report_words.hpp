// The phrases every report renderer shares: how a fact, a hinge, a citation and a
// why-not read. Plain text, made printable; Markdown escapes it further.
#pragma once
#include "explain/report.hpp"

#include <cybernorms/words.hpp>

#include <string>
#include <utility>
#include <vector>

namespace cybernorms::render {

/// The fact's text, or `relation(arg, ...)` when it has none.
std::string fact_words(const explain::FactRef& fact);

/// Where a proof step comes from: "scenario fact", "scenario fact, unknown", "rule x",
/// or "rule x, possible" for a step derived only with unknowns settled.
std::string step_source_words(const explain::ProofStep& step, const Words& words = Words());

/// `op1 is attributable to a (unknown, needs to be true)`.
std::string hinge_words(const explain::Hinge& hinge, const Words& words = Words());

/// `consent_given(op1, b) is false`: the hinge as a condition on the bare fact, for
/// listings of plain facts.
std::string hinge_condition_words(const explain::Hinge& hinge);
/// The hinges of one set joined by "and".
std::string hinge_set_words(const std::vector<explain::Hinge>& hinges, const Words& words = Words());

/// `Where is the ministry's server located? → Arland`: one answer of a route, with the
/// question it answers (the legal element first when `with_element`).
std::string answer_words(const explain::Report& report, const explain::Answer& answer, bool with_element = true);

/// Nothing when all the routes found are listed, else "and 6 more ways, not shown
/// (--hinge-sets)"; then, when the search for hinges stopped early, where it stopped.
std::string routes_limit_words(const explain::Finding& finding, const Words& words = Words());

/// The name the report's scenario gives an entity, else its id.
std::string label_of(const explain::Report& report, const std::string& id);
/// `responsible=Borania, injured=Arland`: roles by name where the scenario names them.
std::string roles_words(const explain::Report& report, const std::vector<std::pair<std::string, std::string>>& roles,
                        const Words& words = Words());

/// Nothing when every minimal set was found and listed; otherwise one sentence on what is
/// missing: "3 more sets of hinges, not shown" when the list was cut (after the sets
/// listed, "and " reads before it), and where the search stopped when it was cut short
/// ("the search for what this hinges on stopped at its work budget: there may be more").
std::string hinge_limit_words(std::size_t listed, std::size_t found, HingeLimit limit,
                              const Words& words = Words());

/// Nothing for a step that shows all its premises; otherwise why it does not:
/// "premises folded: the proof is deeper than it is unfolded (--proof-depth)".
std::string fold_words(ProofFold fold, const Words& words = Words());

/// `sov3, "section": "quote"`, or without the quote.
std::string citation_words(const Citation& citation, bool with_quote);

/// `name=value, name=value`.
std::string pairs_words(const std::vector<std::pair<std::string, std::string>>& pairs, const Words& words = Words());
std::string roles_words(const std::vector<std::pair<std::string, std::string>>& roles, const Words& words = Words());

/// The level in words: "implicated", "possible", "not implicated", or their translations.
std::string_view level_words(Level level, const Words& words);

/// One line on why a principle was not found.
std::string why_not_words(const explain::WhyNot& why, const Words& words = Words());

/// The nearest rule, its failed condition and the bindings it had reached.
std::string failed_condition_words(const explain::WhyNot& why, const Words& words = Words());

/// The nearest rule's elements that held, as written, joined by "; ".
std::string held_conditions_words(const explain::WhyNot& why);

}  // namespace cybernorms::render
