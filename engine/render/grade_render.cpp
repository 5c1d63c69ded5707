#include "render/grade_render.hpp"

#include "base/text_layout.hpp"
#include "render/json_text.hpp"
#include "render/report_render.hpp"

#include <fmt/format.h>

#include <cmath>

namespace cybernorms::render {

namespace {

using nlohmann::ordered_json;

/// Whole points as integers, halves as decimals: 7, 6.5.
ordered_json points_json(double points) {
  if (std::floor(points) == points) return static_cast<long long>(points);
  return points;
}

std::string points_text(double points) {
  if (std::floor(points) == points) return fmt::format("{}", static_cast<long long>(points));
  return fmt::format("{:.1f}", points);
}

std::string roles_text(const GradeItem& item) {
  std::string text;
  for (const auto& [role, value] : item.roles) text += fmt::format(" {}={}", role, value);
  return text;
}

}  // namespace

std::string grade_to_text(const Grade& grade, const RenderOptions& options) {
  const std::size_t width = std::max<std::size_t>(options.width, 40);
  std::string text = base::wrap(fmt::format("Exercise {}: {}", grade.exercise, base::printable(grade.title)), "",
                                "  ", width);
  text += fmt::format("Score: {}\n", grade.summary);
  for (const GradeItem& item : grade.items) {
    text += '\n';
    std::string verdict(to_string(item.verdict));
    text += base::wrap(fmt::format("[{}] {}/{} {} under {}:{}", verdict, points_text(item.points),
                                   points_text(item.max_points), item.principle, item.profile,
                                   base::printable(roles_text(item))),
                       "", "    ", width);
    if (item.answer) text += fmt::format("  answer: /findings/{}\n", *item.answer);
    text += base::wrap(item.feedback, "  ", "    ", width);
    for (const std::string& hint : item.hints) text += base::wrap(hint, "  hint: ", "    ", width);
  }
  return text;
}

std::string grade_to_json(const Grade& grade, const RenderOptions& options) {
  ordered_json document;
  document["exercise"] = grade.exercise;
  document["title"] = grade.title;
  document["score"] = points_json(grade.score);
  document["max_score"] = points_json(grade.max_score);
  document["summary"] = grade.summary;
  document["revealed"] = grade.revealed;
  ordered_json items = ordered_json::array();
  for (const GradeItem& item : grade.items) {
    ordered_json one;
    one["profile"] = item.profile;
    one["principle"] = item.principle;
    ordered_json roles = ordered_json::object();
    for (const auto& [role, value] : item.roles) roles[role] = value;
    one["roles"] = std::move(roles);
    one["verdict"] = to_string(item.verdict);
    one["points"] = points_json(item.points);
    one["max_points"] = points_json(item.max_points);
    one["feedback"] = item.feedback;
    one["hints"] = item.hints;
    one["answer"] = item.answer ? ordered_json(*item.answer) : ordered_json(nullptr);
    one["answered"] = item.answered ? ordered_json(level_token(*item.answered)) : ordered_json(nullptr);
    if (item.expected) {
      ordered_json expected;
      expected["level"] = level_token(item.expected->level);
      expected["hinges_on"] = item.expected->hinges_on;
      expected["fails_on"] = item.expected->fails_on;
      one["expected"] = std::move(expected);
    }
    items.push_back(std::move(one));
  }
  document["items"] = std::move(items);
  return json_text(document, options.json_layout);
}

}  // namespace cybernorms::render
