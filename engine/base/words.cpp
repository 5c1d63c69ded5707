// The program's words in English, and the Words lookup every renderer uses. Keys are
// the names a `language` block gives its words by (`word implicated "涉及"`); a key not
// listed here is an error there (E242), so this table is the one list of them.
#include <cybernorms/words.hpp>

#include "base/placeholders.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>

namespace cybernorms {

namespace {

constexpr std::array<WordEntry, 136> english{{
    // levels: in brackets in text, as headings in Markdown
    {"implicated", "implicated"},
    {"possible", "possible"},
    {"not_implicated", "not implicated"},
    // report text
    {"report_heading", "Scenario {scenario} under profile {profile}: {implicated} implicated, {possible} possible, "
                       "{not_implicated} not implicated"},
    {"finding_for", "for {roles}"},
    {"hinges_on", "hinges on:"},
    {"hinges_or", "or:"},
    {"cites", "cites"},
    {"step_because", "because {text}"},
    {"checked", "checked: {text}"},
    {"proof", "proof:"},
    {"another_proof", "another proof:"},
    {"why_not", "why not: {text}"},
    {"nearest_rule", "nearest rule {rule} failed at: {condition}"},
    {"nearest_rule_with", "nearest rule {rule} failed at: {condition} (with {bindings})"},
    {"no_rule_concludes", "no rule concludes it"},
    {"rule_failed_at", "rule {rule} failed at {condition}"},
    // Markdown
    {"md_heading", "Scenario {scenario}, profile {profile}"},
    {"md_nothing_found", "No principle is implicated or possible."},
    {"md_for", "For:"},
    {"md_hinges_on", "Hinges on:"},
    {"md_or_on", "Or on:"},
    {"md_incomplete", "Incomplete list:"},
    {"md_cites", "Cites:"},
    {"md_proof", "Proof"},
    {"md_another_proof", "Another proof"},
    {"md_because", "because {text}"},
    {"md_checked", "checked: {text}"},
    {"md_not_implicated", "Not implicated"},
    {"column_principle", "principle"},
    {"column_why_not", "why not"},
    {"column_nearest_rule", "nearest rule"},
    // where a proof step comes from
    {"from_profile", "profile"},
    {"from_scenario", "scenario fact"},
    {"from_scenario_unknown", "scenario fact, unknown"},
    {"from_rule", "rule {rule}"},
    {"from_rule_possible", "rule {rule}, possible"},
    // hinges as questions: the ways a possible finding becomes implicated
    {"implicated_if", "implicated if:"},
    {"route_or", "or"},
    {"route_and", "and"},
    {"more_way", "and {count} more way, not shown (--hinge-sets)"},
    {"more_ways", "and {count} more ways, not shown (--hinge-sets)"},
    {"md_implicated_if", "Implicated if:"},
    {"md_or_if", "Or if:"},
    {"md_not_all_shown", "Not all shown:"},
    // hinges
    {"hinge", "{fact} (unknown, needs to be {value})"},
    {"true", "true"},
    {"false", "false"},
    {"hinge_and", " and "},
    {"more_hinge_set", "{count} more set of hinges, not shown"},
    {"more_hinge_sets", "{count} more sets of hinges, not shown"},
    {"more_hinges_after", "and {text}"},
    {"hinge_search_stopped", "the search for what this hinges on {reason}: {consequence}"},
    {"stopped_work_budget", "stopped at its work budget"},
    {"stopped_depth", "stopped at a chain of derivations deeper than it follows"},
    {"stopped_derivations", "met a fact with more derivations than evaluation keeps"},
    {"stopped_sets_per_fact", "met a fact with more sets than it keeps"},
    {"may_hinge_on_more", "there may be more"},
    {"may_hinge_on_unfound", "it may hinge on sets not found"},
    // folded proofs
    {"folded_depth", "premises folded: the proof goes deeper than it is unfolded (--proof-depth, {steps} steps by "
                     "default)"},
    {"folded_steps", "premises folded: the proof has more steps than one tree shows ({steps})"},
    // facts and conditions in proofs
    {"profile_sets", "the profile sets {param} = {value}"},
    {"profile_sets_meaning", "the profile sets {param} = {value} ({meaning})"},
    {"parameter_value_meaning", "{param} = {value} ({meaning})"},
    {"profile_holds_open", "{param} = {value}, which the profile holds open ({meaning})"},
    {"exception_may_apply", "exception {exception} may apply ({values})"},
    {"exception_does_not_apply", "exception {exception} does not apply ({values})"},
    {"absent_unknown", "unknown: {fact}"},
    {"absent_no_fact", "no fact: {fact}"},
    // why not
    {"not_derived_no_rule", "{relation} not derived: no rule concludes it"},
    {"not_derived_other_values", "{relation} not derived: rule {rule} concludes other values"},
    {"not_derived_stopped", "{relation} not derived: rule {rule} holds, but evaluation stopped early"},
    {"not_derived_failed", "{relation} not derived: rule {rule} failed at `{condition}`"},
    {"not_derived_failed_with", "{relation} not derived: rule {rule} failed at `{condition}` with {bindings}"},
    {"why_not_search_cut", " (the search for the nearest rule stopped at its budget of {steps} steps: a rule may come "
                           "nearer)"},
    {"list_separator", ", "},
    // why not, in a paragraph: the nearest rule, what failed and what held
    {"why_nearest", "the nearest rule is {rule}"},
    {"why_nearest_doc", "the nearest rule is {rule} ({doc})"},
    {"why_holds_stopped", "{text}, which holds, but evaluation stopped early"},
    {"why_other_values", "{text}, which concludes other values"},
    {"why_fails", "{text}; it fails because {reasons}."},
    {"why_reasons_and", "; and "},
    {"why_held", "{text} What held: {facts}."},
    {"why_held_separator", "; "},
    {"why_budget", "{text} The search for the nearest rule stopped at its budget of {steps} steps: a rule may come "
                   "nearer."},
    {"why_taken_possible", "{fact} (not known: taken as possible)"},
    {"why_exception_may_apply", "the exception {exception} may apply (not known)"},
    {"why_exception_does_not_apply", "the exception {exception} does not apply"},
    {"why_not_known", "it is not known that {fact}"},
    {"why_no_stated_fact", "no stated fact says that {fact}"},
    {"why_not_established", "it is not established that {fact}"},
    {"why_excluded_by_exception", "{text}, which excludes it (exception {exception})"},
    {"why_excluded", "{fact}, which excludes it"},
    {"why_profile_sets", "the profile sets {param} = {value}"},
    {"why_under_profile", "under {profile} {reading}: {sets}"},
    {"why_under_profile_not", "under {profile} it is not the case that {reading}: {sets}"},
    {"why_under_profile_doc", "under {profile} {reading}: {sets} ({doc})"},
    {"why_any", "any {type}"},
    {"why_anything", "anything"},
    {"compare", "{left} {op} {right}"},
    {"compare_is", "is"},
    {"compare_is_not", "is not"},
    {"compare_below", "is below"},
    {"compare_not_below", "is not below"},
    {"compare_at_most", "is at most"},
    {"compare_above", "is above"},
    {"compare_not_above", "is not above"},
    {"compare_at_least", "is at least"},
    // answers to a question
    {"answer_yes", "yes"},
    {"answer_no", "no"},
    {"answer_and", " and "},
    {"answer_or", " or "},
    {"answer_neither", "neither {values}"},
    {"answer_nor", " nor "},
    {"answer_not", "not {value}"},
    {"answer_or_not", ", or "},
    {"question_fallback", "Is it so that {fact}?"},
    // a role only an open question fills (explain/pooling.hpp)
    {"pooled_value", "whichever answers “{question}” (not stated; {count} candidates: {candidates})"},
    // the value `_` of an open question asked once (EvaluateOptions::open_values_once)
    {"unnamed_value", "some value not named"},
    // questions of law: parameters a profile holds open
    {"law_question_bool", "Is it the law that {statement}?"},
    {"law_question_value", "{statement}?"},
    {"law_position", "{value} ({profiles})"},
    {"law_positions", "Positions: {positions}."},
    {"list_semicolon", "; "},
    // HTML report
    {"html_title", "Scenario {scenario} under profile {profile}"},
    {"html_scenario", "Scenario"},
    {"html_profile_counts", "Profile {profile}: {counts}"},
    {"html_counts", "{implicated} implicated, {possible} possible, {not_implicated} not implicated"},
    {"html_findings", "Findings"},
    {"html_implicated_if", "Implicated if"},
    {"html_cites", "Cites"},
    {"html_why_not", "Why not: {text}"},
    {"html_legend_implicated", "follows from the scenario with every unknown fact taken as false"},
    {"html_legend_possible", "follows only if some unknown facts are settled one way: the hinges name them, and any "
                             "one set of hinges is enough"},
    {"html_legend_not_implicated", "does not follow however the unknown facts are settled"},
    {"html_footer", "Written by cybernorms from the rule base's own sources; this page loads nothing from elsewhere."},
}};


}  // namespace

struct Words::Table {
  std::string language;
  std::map<std::string, std::string, std::less<>> words;
};

std::span<const WordEntry> english_words() { return english; }

const WordEntry* find_english_word(std::string_view key) {
  const auto found = std::find_if(english.begin(), english.end(), [&](const WordEntry& e) { return e.key == key; });
  return found == english.end() ? nullptr : &*found;
}

std::vector<std::string> placeholders_of(std::string_view text) {
  std::vector<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    std::string name(text.substr(open + 1, close - open - 1));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return names;
}

std::string fill_placeholders(std::string_view text,
                              std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  return base::fill_placeholders(text, [&](std::string_view name) -> const std::string_view* {
    for (const auto& value : values)
      if (value.first == name) return &value.second;
    return nullptr;
  });
}

Words::Words() : Words(std::string(default_language), {}) {}

Words::Words(std::string language, std::vector<std::pair<std::string, std::string>> words) {
  auto table = std::make_shared<Table>();
  table->language = std::move(language);
  for (auto& [key, text] : words) table->words.emplace(std::move(key), std::move(text));
  table_ = std::move(table);
}

const std::string& Words::language() const { return table_->language; }

std::string_view Words::operator()(std::string_view key) const {
  if (const auto found = table_->words.find(key); found != table_->words.end()) return found->second;
  const WordEntry* entry = find_english_word(key);
  return entry == nullptr ? key : entry->text;
}

std::string Words::format(std::string_view key,
                          std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
  return fill_placeholders((*this)(key), values);
}

}  // namespace cybernorms
