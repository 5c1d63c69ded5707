// Text renderings for plain facts files: derived facts with levels and hinges, why-not.
#include "explain/wording.hpp"
#include "render/facts_text.hpp"
#include "render/report_words.hpp"
#include "base/text_layout.hpp"

#include <fmt/format.h>

namespace cybernorms::render {

namespace {

std::string plain(const FactRef& fact) { return explain::plain_fact(fact.relation, fact.args); }

std::string hinge_text(const std::vector<Hinge>& set) {
  std::vector<std::string> conditions;
  for (const Hinge& hinge : set) conditions.push_back(hinge_condition_words(hinge));
  return fmt::format("{}", fmt::join(conditions, " and "));
}

std::string level_text(const DerivedFact& fact) {
  if (fact.established) return "established";
  const auto limit = hinge_limit_words(fact.hinge_sets.size(), fact.hinge_sets_found, fact.hinge_limit);
  if (fact.hinge_sets.empty())
    return "possible (" + (limit.empty() ? "no settling of the unknowns alone establishes it" : limit) + ")";
  std::string text = "possible, if ";
  for (std::size_t i = 0; i < fact.hinge_sets.size(); ++i) text += (i ? "; or if " : "") + hinge_text(fact.hinge_sets[i]);
  const bool more = fact.hinge_sets_found > fact.hinge_sets.size();
  return limit.empty() ? text : text + (more ? " (and " : " (") + limit + ")";
}

std::string why_not_text(const GoalAnswer& answer) {
  const WhyNot& why = answer.why_not;
  std::string text = fmt::format("{} is not derived\n", plain(answer.goal));
  if (why.rule_id.empty()) return text + "  no rule concludes it\n";
  text += base::wrap("why not: " + why_not_words(why), "  ", "    ", 80);
  text += fmt::format("  nearest rule: {}\n", why.rule_id);
  if (!why.failed_condition.empty()) text += fmt::format("  failed condition: {}\n", why.failed_condition);
  else text += "  its head does not match the goal\n";
  std::string bindings;
  for (const auto& [name, value] : why.bindings) bindings += (bindings.empty() ? "" : ", ") + name + " = " + value;
  if (!bindings.empty()) text += fmt::format("  bindings: {}\n", bindings);
  return text;
}

}  // namespace

std::string derived_facts_to_text(const std::vector<DerivedFact>& facts) {
  std::string out;
  for (const DerivedFact& fact : facts) out += plain(fact.fact) + ": " + level_text(fact) + "\n";
  return out;
}

std::string goal_answer_to_text(const GoalAnswer& answer) {
  if (answer.matches.empty()) return why_not_text(answer);
  std::string out;
  for (const DerivedFact& fact : answer.matches) out += fmt::format("{} is {}\n", plain(fact.fact), level_text(fact));
  return out;
}

std::string facts_report_to_text(const FactsReport& report) {
  std::string out = derived_facts_to_text(report.derived);
  for (const GoalAnswer& answer : report.goals) {
    out += '\n';  // appended apart: GCC 12 at -O3 warns of overlap in "\n" + string (-Wrestrict)
    out += goal_answer_to_text(answer);
  }
  return out;
}

}  // namespace cybernorms::render
