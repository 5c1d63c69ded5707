// Goals for why-not, as a person types them: `rel(a, _)`. Each problem points into the
// goal's text, so it is shown with a caret under the part that is wrong.
#include "scenario/facts_file.hpp"

#include "base/names.hpp"

#include <algorithm>
#include <cctype>

namespace cybernorms::scenario {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool is_value(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
  });
}

/// A part of the goal's text and where it starts in it.
struct Piece {
  std::string_view text;
  std::size_t at = 0;
};

/// The piece without the white space around it (at its own place).
Piece trimmed(Piece piece) {
  while (!piece.text.empty() && is_space(piece.text.front())) {
    piece.text.remove_prefix(1);
    ++piece.at;
  }
  while (!piece.text.empty() && is_space(piece.text.back())) piece.text.remove_suffix(1);
  return piece;
}

std::vector<Piece> split_values(Piece inside) {
  std::vector<Piece> values;
  if (trimmed(inside).text.empty()) return values;
  while (true) {
    const auto comma = inside.text.find(',');
    values.push_back(trimmed({inside.text.substr(0, comma), inside.at}));
    if (comma == std::string_view::npos) return values;
    inside = {inside.text.substr(comma + 1), inside.at + comma + 1};
  }
}

std::vector<std::string> relation_names(const compile::RuleSet& rules) {
  std::vector<std::string> names;
  for (const auto& relation : rules.relations)
    if (relation.kind != compile::RelationKind::parameter) names.push_back(relation.name);
  return names;
}

}  // namespace

std::optional<Goal> parse_goal(const base::SourceFile& source, base::FileId file, const compile::RuleSet& rules,
                               base::Diagnostics& diagnostics) {
  const auto span = [&](std::size_t at, std::size_t length) {
    return source.span_at(at, std::max<std::size_t>(length, 1), file);
  };
  const Piece goal = trimmed({source.text(), 0});
  const auto open = goal.text.find('(');
  if (goal.text.empty() || open == std::string_view::npos || goal.text.back() != ')') {
    const std::size_t at = goal.text.empty() ? 0 : open == std::string_view::npos ? goal.at : goal.at + goal.text.size() - 1;
    diagnostics.error("E413", span(at, goal.text.empty() ? 1 : goal.text.size() - (at - goal.at)),
                      "expected a goal like rel(a, b), got \"{}\"", goal.text);
    return std::nullopt;
  }
  const Piece name = trimmed({goal.text.substr(0, open), goal.at});
  const auto relation = rules.find_relation(name.text);
  if (!relation || rules.relations[*relation].kind == compile::RelationKind::parameter) {
    auto& diagnostic = diagnostics.error("E410", span(name.at, name.text.size()), "unknown relation '{}'", name.text);
    if (auto note = base::did_you_mean(name.text, relation_names(rules))) diagnostic.notes.push_back(std::move(*note));
    return std::nullopt;
  }
  Goal goal_read{*relation, {}};
  const Piece inside{goal.text.substr(open + 1, goal.text.size() - open - 2), goal.at + open + 1};
  for (const Piece& value : split_values(inside)) {
    if (!is_value(value.text)) {
      diagnostics.error("E413", span(value.at, value.text.size()), "\"{}\" is not a value", value.text);
      return std::nullopt;
    }
    goal_read.args.push_back(value.text == "_" ? std::nullopt : std::optional(std::string(value.text)));
  }
  const auto arity = rules.relations[*relation].arity();
  if (goal_read.args.size() != arity) {
    diagnostics.error("E411", span(inside.at, inside.text.size()), "'{}' takes {} values, got {}", name.text, arity,
                      goal_read.args.size());
    return std::nullopt;
  }
  return goal_read;
}

}  // namespace cybernorms::scenario
