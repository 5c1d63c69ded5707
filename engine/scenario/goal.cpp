// Goals for why-not, as a person types them: `rel(a, _)`.
#include "scenario/facts_file.hpp"

#include <algorithm>
#include <cctype>

namespace cybernorms::scenario {

namespace {

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

}  // namespace

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

}  // namespace cybernorms::scenario
