#include "render/tables.hpp"

#include "render/json_text.hpp"
#include "render/markdown.hpp"
#include "render/report_render.hpp"
#include "render/report_words.hpp"
#include "base/text_layout.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
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
      rows.push_back(ComparisonRow{finding.principle, finding.roles, {}, false, {}, {}});
      places.emplace_back(column, role_values(finding.roles));
      has_rows[column] = true;
    }
  }
  for (std::size_t p = 0; p < principles.size(); ++p) {
    if (has_rows[p]) continue;
    rows.push_back(ComparisonRow{principles[p], {}, {}, false, {}, {}});
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

using Pairs = std::vector<std::pair<std::string, std::string>>;

const std::string* value_in(const Pairs& pairs, const std::string& name) {
  const auto found = std::find_if(pairs.begin(), pairs.end(), [&](const auto& pair) { return pair.first == name; });
  return found == pairs.end() ? nullptr : &found->second;
}

const explain::Finding* finding_of(const Report& report, const ComparisonRow& row) {
  for (const auto& finding : report.findings)
    if (finding.principle == row.principle && finding.roles == row.roles) return &finding;
  return nullptr;
}

const explain::WhyNot* why_not_of(const Report& report, const std::string& principle) {
  for (const auto& why : report.not_implicated)
    if (why.principle == principle) return &why;
  return nullptr;
}

/// The parameters that make the profiles disagree on a row: a parameter is named when,
/// for a profile that gives the row a stronger level than another, the stronger one's
/// finding rests on it or the weaker one's why-not failed on it, and the two profiles
/// give it different values. In the rule base's parameter order.
std::vector<ParameterReason> reasons_for(const ComparisonRow& row, const std::vector<Report>& reports) {
  // Per profile: the parameters its finding rests on, or its why-not failed on.
  std::vector<std::set<std::string>> rests_on(reports.size());
  std::vector<std::set<std::string>> failed_on(reports.size());
  for (std::size_t p = 0; p < reports.size(); ++p) {
    if (const auto* finding = finding_of(reports[p], row)) {
      for (const auto& parameter : finding->parameters) rests_on[p].insert(parameter.first);
    } else if (const auto* why = why_not_of(reports[p], row.principle)) {
      for (const auto& element : why->parameters) failed_on[p].insert(element.parameter);
    }
  }
  std::vector<ParameterReason> reasons;
  if (reports.empty()) return reasons;
  for (const auto& parameter : reports.front().parameters) {
    ParameterReason reason{parameter.first, {}};
    for (const auto& report : reports) {
      const std::string* value = value_in(report.parameters, reason.parameter);
      reason.values.push_back(value != nullptr ? *value : std::string());
    }
    bool differs = false;
    for (std::size_t strong = 0; strong < reports.size() && !differs; ++strong) {
      for (std::size_t weak = 0; weak < reports.size() && !differs; ++weak) {
        const bool stronger_level = static_cast<int>(row.levels[strong]) < static_cast<int>(row.levels[weak]);
        const bool involved = rests_on[strong].contains(reason.parameter) || failed_on[weak].contains(reason.parameter);
        differs = stronger_level && involved && reason.values[strong] != reason.values[weak];
      }
    }
    if (differs) reasons.push_back(std::move(reason));
  }
  return reasons;
}

/// One profile's explanation of a row, in words: its finding's level (with the first
/// hinge set of a possible one), or why not.
std::string row_explanation(const Report& report, const ComparisonRow& row, Detail detail) {
  if (const auto* finding = finding_of(report, row)) {
    std::string out = level_words(finding->level);
    if (!finding->routes.empty()) {
      // The first way, as answers to the report's questions (of fact or of law).
      std::vector<std::string> answers;
      for (const explain::Answer& answer : finding->routes.front()) answers.push_back(answer_words(report, answer));
      out += fmt::format("; implicated if: {}", fmt::join(answers, " and "));
      const std::size_t others = std::max(finding->routes.size(), finding->routes_found) - 1;
      if (others > 0) out += fmt::format(" (or {} other way{})", others, others == 1 ? "" : "s");
    }
    if (detail == Detail::full && !finding->proof.because.empty()) out += "; because " + printable(finding->proof.because);
    if (detail == Detail::full && !finding->parameters.empty()) out += "; rests on " + pairs_words(finding->parameters);
    return out;
  }
  if (const auto* why = why_not_of(report, row.principle)) {
    std::string out = "not implicated: " + why_not_words(*why);
    if (detail == Detail::full && !why->rule_id.empty()) out += " (" + failed_condition_words(*why) + ")";
    return out;
  }
  return "not implicated for these roles (the profile finds the principle for others)";
}

using Groups = std::vector<std::pair<std::string, std::vector<std::string>>>;

/// Adds a profile to the group of its key, a new group at the end for a new key.
void add_to_group(Groups& groups, const std::string& key, const std::string& profile) {
  auto found = std::find_if(groups.begin(), groups.end(), [&](const auto& group) { return group.first == key; });
  if (found == groups.end()) {
    groups.emplace_back(key, std::vector<std::string>{});
    found = std::prev(groups.end());
  }
  found->second.push_back(profile);
}

/// `a`, `a and b`, `a, b and c`.
std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

/// `false under united_kingdom, true under the others`: a parameter's values across
/// the profiles, the largest group (of three or more) last as "the others".
std::string reason_words(const ParameterReason& reason, const std::vector<std::string>& profiles) {
  Groups groups;
  for (std::size_t p = 0; p < profiles.size() && p < reason.values.size(); ++p) {
    add_to_group(groups, reason.values[p], profiles[p]);
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
  std::vector<std::string> parts;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const bool others = g + 1 == groups.size() && groups.size() > 1 && groups[g].second.size() > 2;
    parts.push_back(fmt::format("{} under {}", printable(groups[g].first),
                                others ? std::string("the others") : printable(listed(groups[g].second))));
  }
  return fmt::format("{} is {}", printable(reason.parameter), fmt::join(parts, ", "));
}


/// Profiles with the same explanation of a row, together, in order of first appearance.
Groups explanation_groups(const ComparisonRow& row, const std::vector<std::string>& profiles) {
  Groups groups;
  for (std::size_t p = 0; p < profiles.size() && p < row.explanations.size(); ++p) {
    add_to_group(groups, row.explanations[p], profiles[p]);
  }
  return groups;
}

std::string comparison_label(const ComparisonRow& row) {
  if (row.roles.empty()) return printable(row.principle);
  std::string values;
  for (const auto& value : role_values(row.roles)) values += (values.empty() ? "" : ", ") + printable(value);
  return fmt::format("{}({})", printable(row.principle), values);
}

}  // namespace

std::string reasons_words(const ComparisonRow& row, const std::vector<std::string>& profiles) {
  if (row.reasons.empty()) return "no parameter traced (a finding's proof follows its first derivation only)";
  std::vector<std::string> parts;
  for (const auto& reason : row.reasons) parts.push_back(reason_words(reason, profiles));
  return fmt::format("{}", fmt::join(parts, "; "));
}

ProfileComparison compare_profiles(const std::vector<Report>& reports, const std::vector<std::string>& principle_order,
                                   std::optional<Detail> explain) {
  ProfileComparison comparison;
  if (!reports.empty()) comparison.scenario = reports.front().scenario;
  for (const auto& report : reports) comparison.profiles.push_back(report.profile);
  comparison.rows = comparison_rows(reports, principle_columns(reports, principle_order));
  const std::vector<LevelsOf> levels(reports.begin(), reports.end());
  for (auto& row : comparison.rows) {
    for (const auto& report_levels : levels) row.levels.push_back(report_levels.of(row));
    row.disagree = std::any_of(row.levels.begin(), row.levels.end(), [&](Level level) { return level != row.levels.front(); });
    if (!row.disagree) continue;
    row.reasons = reasons_for(row, reports);
    if (explain)
      for (const auto& report : reports) row.explanations.push_back(row_explanation(report, row, *explain));
  }
  return comparison;
}

namespace {

/// After the table: for each row the profiles disagree on, the parameters that make the
/// difference and, when asked, each profile's explanation.
std::string differences_text(const ProfileComparison& comparison, std::size_t width) {
  std::string out;
  for (const auto& row : comparison.rows) {
    if (!row.disagree) continue;
    out += '\n' + wrap(comparison_label(row) + ": the profiles differ because " +
                           reasons_words(row, comparison.profiles), "", "    ", width);
    for (const auto& [explanation, profiles] : explanation_groups(row, comparison.profiles)) {
      out += wrap(fmt::format("under {}: {}", printable(listed(profiles)), explanation),
                  "  ", "    ", width);
    }
  }
  return out;
}

}  // namespace

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
  out += '\n' + table_to_text(text, width) + '\n' + std::string(level_legend) + "\n* the profiles disagree on this row\n";
  return out + differences_text(comparison, width);
}

std::string comparison_to_json(const ProfileComparison& comparison, JsonLayout layout) {
  ordered_json rows = ordered_json::array();
  for (const auto& row : comparison.rows) {
    ordered_json roles = ordered_json::object();
    for (const auto& [name, value] : row.roles) roles[name] = value;
    ordered_json levels = ordered_json::object();
    for (std::size_t p = 0; p < comparison.profiles.size(); ++p) levels[comparison.profiles[p]] = level_token(row.levels[p]);
    ordered_json reasons = ordered_json::array();
    for (const auto& reason : row.reasons) {
      ordered_json values = ordered_json::object();
      for (std::size_t p = 0; p < comparison.profiles.size(); ++p) values[comparison.profiles[p]] = reason.values[p];
      reasons.push_back({{"parameter", reason.parameter}, {"values", std::move(values)}});
    }
    ordered_json json_row{{"principle", row.principle}, {"roles", std::move(roles)}, {"levels", std::move(levels)},
                          {"agree", !row.disagree}, {"parameters", std::move(reasons)}};
    if (!row.explanations.empty()) {
      ordered_json explanations = ordered_json::object();
      for (std::size_t p = 0; p < comparison.profiles.size(); ++p) explanations[comparison.profiles[p]] = row.explanations[p];
      json_row["explanations"] = std::move(explanations);
    }
    rows.push_back(std::move(json_row));
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
  std::string differences;
  for (const auto& row : comparison.rows) {
    if (!row.disagree) continue;
    differences += fmt::format("- {}: the profiles differ because {}\n", markdown_text(comparison_label(row)),
                               markdown_text(reasons_words(row, comparison.profiles)));
    for (const auto& [explanation, profiles] : explanation_groups(row, comparison.profiles)) {
      std::vector<std::string> names;
      for (const auto& profile : profiles) names.push_back(markdown_code(profile));
      differences += fmt::format("  - under {}: {}\n", listed(names), markdown_text(explanation));
    }
  }
  if (!differences.empty()) out += "\n### Why the profiles differ\n\n" + differences;
  return out;
}

}  // namespace cybernorms::render
