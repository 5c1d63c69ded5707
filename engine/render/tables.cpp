#include "render/tables.hpp"

#include "render/json_text.hpp"
#include "render/markdown.hpp"
#include "render/report_render.hpp"
#include "render/report_words.hpp"
#include "base/text_layout.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace cybernorms::render {

using base::printable;
using base::wrap;
using base::table_to_text;
using base::TextTable;

namespace {

using explain::Level;
using explain::Report;
using nlohmann::ordered_json;

void add_once(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

/// The rule base's order first, then principles the reports name that it lacks.
std::vector<std::string> principle_columns(const std::vector<Report>& reports, const std::vector<std::string>& order) {
  std::vector<std::string> columns;
  for (const auto& name : order) add_once(columns, name);
  for (const auto& report : reports) {
    for (const auto& finding : report.findings) add_once(columns, finding.principle);
    for (const auto& why : report.not_implicated) add_once(columns, why.principle);
  }
  return columns;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

/// implicated is stronger than possible, possible than not implicated.
Level stronger(Level a, Level b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; }

std::string level_words(Level level) { return std::string(to_string(level)); }

/// Levels as text tables show them, short enough for many columns in 80.
std::string level_short(Level level) {
  switch (level) {
    case Level::implicated: return "impl";
    case Level::possible: return "poss";
    case Level::not_implicated: return "-";
  }
  return "?";
}

constexpr std::string_view level_legend = "impl = implicated, poss = possible, - = not implicated";
constexpr std::size_t table_value_width = 12;

std::string short_cell(const LevelCell& cell) {
  return cell.findings > 1 ? fmt::format("{} ({})", level_short(cell.level), cell.findings) : level_short(cell.level);
}

std::string cell_words(const LevelCell& cell) {
  return cell.findings > 1 ? fmt::format("{} ({})", level_words(cell.level), cell.findings) : level_words(cell.level);
}

bool several_profiles(const SummaryTable& table) {
  return std::any_of(table.rows.begin(), table.rows.end(),
                     [&](const SummaryRow& row) { return row.profile != table.rows.front().profile; });
}

/// A row's label: its scenario, with its profile when the table has several (asked
/// once per table, not once per row).
std::string row_label(const SummaryRow& row, bool with_profile) {
  return with_profile ? fmt::format("{} [{}]", row.scenario, row.profile) : row.scenario;
}

}  // namespace

SummaryTable summarise(const std::vector<Report>& reports, const std::vector<std::string>& principle_order) {
  SummaryTable table;
  table.principles = principle_columns(reports, principle_order);
  for (const auto& report : reports) {
    SummaryRow row{report.scenario, report.profile, std::vector<LevelCell>(table.principles.size())};
    for (const auto& finding : report.findings) {
      LevelCell& cell = row.cells[index_of(table.principles, finding.principle)];
      cell.level = cell.findings == 0 ? finding.level : stronger(cell.level, finding.level);
      ++cell.findings;
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string summary_to_text(const SummaryTable& table, std::size_t width) {
  TextTable text;
  text.max_value_width = table_value_width;
  text.header.push_back("scenario");
  for (const auto& principle : table.principles) text.header.push_back(printable(principle));
  const bool with_profile = several_profiles(table);
  for (const auto& row : table.rows) {
    std::vector<std::string> cells{printable(row_label(row, with_profile))};
    for (const auto& cell : row.cells) cells.push_back(short_cell(cell));
    text.rows.push_back(std::move(cells));
  }
  return table_to_text(text, width) + '\n' + std::string(level_legend) + '\n';
}

std::string summary_to_json(const SummaryTable& table, JsonLayout layout) {
  ordered_json rows = ordered_json::array();
  for (const auto& row : table.rows) {
    ordered_json levels = ordered_json::object();
    for (std::size_t p = 0; p < table.principles.size(); ++p) {
      levels[table.principles[p]] = {{"level", level_token(row.cells[p].level)}, {"findings", row.cells[p].findings}};
    }
    rows.push_back({{"scenario", row.scenario}, {"profile", row.profile}, {"levels", std::move(levels)}});
  }
  const ordered_json out{{"principles", table.principles}, {"rows", std::move(rows)}};
  return json_text(out, layout);
}

std::string summary_to_markdown(const SummaryTable& table) {
  std::string out = "| scenario |";
  std::string rule = "|---|";
  for (const auto& principle : table.principles) {
    out += fmt::format(" {} |", markdown_code(principle));
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  const bool with_profile = several_profiles(table);
  for (const auto& row : table.rows) {
    out += fmt::format("| {} |", markdown_text(row_label(row, with_profile)));
    for (const auto& cell : row.cells) out += fmt::format(" {} |", cell_words(cell));
    out += '\n';
  }
  return out;
}

// ---- profile comparison ----

namespace {

using Roles = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> role_values(const Roles& roles) {
  std::vector<std::string> values;
  for (const auto& role : roles) values.push_back(role.second);
  return values;
}

/// Each principle's column, found in constant time (index_of searches the list).
class Columns {
 public:
  explicit Columns(const std::vector<std::string>& principles) : count_(principles.size()) {
    for (std::size_t p = 0; p < principles.size(); ++p) index_.emplace(principles[p], p);
  }
  /// The column of a principle, or the number of columns for one not among them.
  std::size_t of(const std::string& principle) const {
    const auto found = index_.find(principle);
    return found == index_.end() ? count_ : found->second;
  }

 private:
  std::size_t count_;
  std::unordered_map<std::string, std::size_t> index_;
};

/// Where a row goes: its principle's column, then its role values.
using RowPlace = std::pair<std::size_t, std::vector<std::string>>;

/// `rows` in the order of `places` (one per row); rows of equal places keep their order.
std::vector<ComparisonRow> in_place_order(std::vector<ComparisonRow> rows, const std::vector<RowPlace>& places) {
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return places[a] < places[b]; });
  std::vector<ComparisonRow> sorted;
  sorted.reserve(rows.size());
  for (const std::size_t i : order) sorted.push_back(std::move(rows[i]));
  return sorted;
}

/// The rows: every finding under any profile, plus each principle found under none.
std::vector<ComparisonRow> comparison_rows(const std::vector<Report>& reports, const std::vector<std::string>& principles) {
  const Columns columns(principles);
  std::set<std::tuple<std::size_t, std::vector<std::string>, std::string>> seen;
  std::vector<ComparisonRow> rows;
  std::vector<RowPlace> places;
  std::vector<bool> has_rows(principles.size() + 1, false);
  for (const auto& report : reports) {
    for (const auto& finding : report.findings) {
      const std::size_t column = columns.of(finding.principle);
      if (!seen.emplace(column, role_values(finding.roles), finding.principle).second) continue;
      rows.push_back(ComparisonRow{finding.principle, finding.roles, {}, false});
      places.emplace_back(column, role_values(finding.roles));
      has_rows[column] = true;
    }
  }
  for (std::size_t p = 0; p < principles.size(); ++p) {
    if (has_rows[p]) continue;
    rows.push_back(ComparisonRow{principles[p], {}, {}, false});
    places.emplace_back(p, std::vector<std::string>{});
  }
  return in_place_order(std::move(rows), places);
}

/// One report's findings by principle and roles, for looking a row's level up.
class LevelsOf {
 public:
  explicit LevelsOf(const Report& report) {
    for (const auto& finding : report.findings) levels_.emplace(std::make_pair(finding.principle, finding.roles), finding.level);
  }
  /// The level of the row's finding (the first, if the report had two), or not implicated.
  Level of(const ComparisonRow& row) const {
    const auto found = levels_.find(std::make_pair(row.principle, row.roles));
    return found == levels_.end() ? Level::not_implicated : found->second;
  }

 private:
  std::map<std::pair<std::string, Roles>, Level> levels_;
};

std::string comparison_label(const ComparisonRow& row) {
  if (row.roles.empty()) return printable(row.principle);
  std::string values;
  for (const auto& value : role_values(row.roles)) values += (values.empty() ? "" : ", ") + printable(value);
  return fmt::format("{}({})", printable(row.principle), values);
}

}  // namespace

ProfileComparison compare_profiles(const std::vector<Report>& reports, const std::vector<std::string>& principle_order) {
  ProfileComparison comparison;
  if (!reports.empty()) comparison.scenario = reports.front().scenario;
  for (const auto& report : reports) comparison.profiles.push_back(report.profile);
  comparison.rows = comparison_rows(reports, principle_columns(reports, principle_order));
  const std::vector<LevelsOf> levels(reports.begin(), reports.end());
  for (auto& row : comparison.rows) {
    for (const auto& report_levels : levels) row.levels.push_back(report_levels.of(row));
    row.disagree = std::any_of(row.levels.begin(), row.levels.end(), [&](Level level) { return level != row.levels.front(); });
  }
  return comparison;
}

std::string comparison_to_text(const ProfileComparison& comparison, std::size_t width) {
  TextTable text;
  text.max_value_width = table_value_width;
  text.header.push_back("principle");
  for (const auto& profile : comparison.profiles) text.header.push_back(printable(profile));
  for (const auto& row : comparison.rows) {
    std::vector<std::string> cells{comparison_label(row) + (row.disagree ? " *" : "")};
    for (const auto level : row.levels) cells.push_back(level_short(level));
    text.rows.push_back(std::move(cells));
  }
  std::string out = wrap(fmt::format("Scenario {} compared across {} profiles", printable(comparison.scenario),
                                     comparison.profiles.size()), "", "  ", width);
  return out + '\n' + table_to_text(text, width) + '\n' + std::string(level_legend) +
         "\n* the profiles disagree on this row\n";
}

std::string comparison_to_json(const ProfileComparison& comparison, JsonLayout layout) {
  ordered_json rows = ordered_json::array();
  for (const auto& row : comparison.rows) {
    ordered_json roles = ordered_json::object();
    for (const auto& [name, value] : row.roles) roles[name] = value;
    ordered_json levels = ordered_json::object();
    for (std::size_t p = 0; p < comparison.profiles.size(); ++p) levels[comparison.profiles[p]] = level_token(row.levels[p]);
    rows.push_back({{"principle", row.principle}, {"roles", std::move(roles)}, {"levels", std::move(levels)},
                    {"agree", !row.disagree}});
  }
  const ordered_json out{{"scenario", comparison.scenario}, {"profiles", comparison.profiles}, {"rows", std::move(rows)}};
  return json_text(out, layout);
}

std::string comparison_to_markdown(const ProfileComparison& comparison) {
  std::string out = fmt::format("## Scenario {} across profiles\n\n| principle |", markdown_code(comparison.scenario));
  std::string rule = "|---|";
  for (const auto& profile : comparison.profiles) {
    out += fmt::format(" {} |", markdown_code(profile));
    rule += "---|";
  }
  out += " profiles |\n" + rule + "---|\n";
  for (const auto& row : comparison.rows) {
    out += fmt::format("| {} |", markdown_text(comparison_label(row)));
    for (const auto level : row.levels) out += fmt::format(" {} |", level_words(level));
    out += row.disagree ? " **differ** |\n" : " agree |\n";
  }
  return out;
}

}  // namespace cybernorms::render
