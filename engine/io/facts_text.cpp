// Text renderings for plain facts files: derived facts with levels and hinges, why-not.
#include "explain/build_report.hpp"
#include "explain/wording.hpp"
#include "io/facts_file.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>

namespace cybernorms::io {

namespace {

std::string fact_text(const infer::Session& session, infer::FactId fact) {
  std::vector<std::string> args;
  for (const auto value : session.args(fact)) args.push_back(session.symbol_name(value));
  return explain::plain_fact(session.network().rules().relations[session.relation_of(fact)].name, args);
}

std::string hinge_text(const infer::Session& session, const infer::HingeSet& set) {
  std::string text;
  for (std::size_t i = 0; i < set.size(); ++i)
    text += fmt::format("{}{} is {}", i ? " and " : "", fact_text(session, set[i].fact), set[i].needs_true ? "true" : "false");
  return text;
}

std::string level_text(const infer::Session& session, infer::FactId fact, std::size_t max_hinge_sets) {
  if (session.truth(fact) == base::Truth::yes) return "established";
  const auto sets = session.hinges(fact, max_hinge_sets);
  if (sets.empty()) return "possible (no settling of the unknowns alone establishes it)";
  std::string text = "possible, if ";
  for (std::size_t i = 0; i < sets.size(); ++i) text += (i ? "; or if " : "") + hinge_text(session, sets[i]);
  return text;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool is_value(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
  });
}

std::vector<std::string> split_values(std::string_view inside) {
  std::vector<std::string> values;
  if (trimmed(inside).empty()) return values;
  while (true) {
    const auto comma = inside.find(',');
    values.emplace_back(trimmed(inside.substr(0, comma)));
    if (comma == std::string_view::npos) return values;
    inside.remove_prefix(comma + 1);
  }
}

bool matches_goal(std::span<const base::SymbolId> args, const std::vector<std::optional<base::SymbolId>>& goal) {
  for (std::size_t i = 0; i < args.size() && i < goal.size(); ++i)
    if (goal[i] && *goal[i] != args[i]) return false;
  return true;
}

}  // namespace

std::string render_derived_facts(const infer::Session& session, std::size_t max_hinge_sets) {
  std::vector<std::pair<std::pair<compile::RelationId, std::string>, std::string>> lines;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
    if (session.base_truth(fact) != base::Truth::no) continue;
    const auto text = fact_text(session, fact);
    lines.push_back({{session.relation_of(fact), text}, text + ": " + level_text(session, fact, max_hinge_sets)});
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& line : lines) out += line.second + "\n";
  return out;
}

std::optional<Goal> parse_goal(std::string_view text, const std::string& document, const compile::RuleSet& rules,
                               base::Diagnostics& diagnostics) {
  text = trimmed(text);
  const auto open = text.find('(');
  if (open == std::string_view::npos || text.back() != ')') {
    diagnostics.pointer_error("E413", document, "", "expected a goal like rel(a, b), got \"{}\"", text);
    return std::nullopt;
  }
  const auto name = std::string(trimmed(text.substr(0, open)));
  const auto relation = rules.find_relation(name);
  if (!relation) {
    diagnostics.pointer_error("E410", document, "", "unknown relation '{}'", name);
    return std::nullopt;
  }
  Goal goal{*relation, {}};
  for (auto& value : split_values(text.substr(open + 1, text.size() - open - 2))) {
    if (!is_value(value)) {
      diagnostics.pointer_error("E413", document, "", "\"{}\" is not a value", value);
      return std::nullopt;
    }
    goal.args.push_back(value == "_" ? std::nullopt : std::optional(std::move(value)));
  }
  if (goal.args.size() != rules.relations[*relation].arity()) {
    diagnostics.pointer_error("E411", document, "", "'{}' takes {} values, got {}", name, rules.relations[*relation].arity(),
                              goal.args.size());
    return std::nullopt;
  }
  return goal;
}

std::string render_why_not(infer::Session& session, const Goal& goal, std::size_t max_hinge_sets) {
  const auto& rules = session.network().rules();
  std::vector<std::optional<base::SymbolId>> values;
  std::vector<std::string> shown;
  for (const auto& arg : goal.args) {
    values.push_back(arg ? std::optional(session.intern(*arg)) : std::nullopt);
    shown.push_back(arg.value_or("_"));
  }
  const auto head = explain::plain_fact(rules.relations[goal.relation].name, shown);
  std::string matches;
  for (const auto fact : session.facts_of(goal.relation))
    if (matches_goal(session.args(fact), values))
      matches += fmt::format("{} is {}\n", fact_text(session, fact), level_text(session, fact, max_hinge_sets));
  if (!matches.empty()) return matches;
  const auto why = explain::why_not(rules, session, goal.relation, values);
  std::string text = fmt::format("{} is not derived\n", head);
  if (why.rule_id.empty()) return text + "  no rule concludes it\n";
  text += fmt::format("  nearest rule: {}\n", why.rule_id);
  if (!why.failed_condition.empty()) text += fmt::format("  failed condition: {}\n", why.failed_condition);
  else text += "  its head does not match the goal\n";
  std::string bindings;
  for (const auto& [name, value] : why.bindings) bindings += (bindings.empty() ? "" : ", ") + name + " = " + value;
  if (!bindings.empty()) text += fmt::format("  bindings: {}\n", bindings);
  return text;
}

}  // namespace cybernorms::io
