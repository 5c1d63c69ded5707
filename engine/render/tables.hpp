// Tables across many reports: a summary of scenarios by principle, and a comparison of
// one scenario's findings across profiles. Each as data, then as text, JSON or Markdown.
#pragma once
#include "explain/report.hpp"

#include <cybernorms/format.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cybernorms::render {

/// One cell: the strongest level among a principle's findings, and how many there are.
struct LevelCell {
  explain::Level level = explain::Level::not_implicated;
  std::size_t findings = 0;
  friend bool operator==(const LevelCell&, const LevelCell&) = default;
};

/// One report's row: its level for each principle of the table.
struct SummaryRow {
  std::string scenario;
  std::string profile;
  std::vector<LevelCell> cells;  ///< one per principle, in the table's order
};

/// Scenario by principle, rows in the reports' order. Text and Markdown label a row by
/// its scenario, and by its profile too when the rows use more than one.
struct SummaryTable {
  std::vector<std::string> principles;
  std::vector<SummaryRow> rows;
};

/// Principles come in `principle_order` (the rule base's), then any others in order of
/// first appearance.
SummaryTable summarise(const std::vector<explain::Report>& reports,
                       const std::vector<std::string>& principle_order = {});

std::string summary_to_text(const SummaryTable& table, std::size_t width = 80);
std::string summary_to_json(const SummaryTable& table, JsonLayout layout = JsonLayout::compact);
std::string summary_to_markdown(const SummaryTable& table);

/// A profile parameter that makes profiles disagree on a row: one the proofs of the row's
/// findings rest on (Finding::parameters), or whose comparison failed in the why-not of a
/// profile that does not find it, and whose values differ between two profiles that give
/// the row different levels.
struct ParameterReason {
  std::string parameter;
  std::vector<std::string> values;  ///< one per profile, in the comparison's order
};

/// One finding (principle and roles) or, for a principle found under no profile, the
/// principle alone; its level under each profile.
struct ComparisonRow {
  std::string principle;
  std::vector<std::pair<std::string, std::string>> roles;
  std::vector<explain::Level> levels;  ///< one per profile, in the comparison's order
  bool disagree = false;               ///< the profiles do not all give the same level
  std::vector<ParameterReason> reasons;  ///< for a row the profiles disagree on
  /// When explanations are asked for and the profiles disagree: each profile's, in words
  /// (its finding's level and hinges, or its why-not), in the comparison's order.
  std::vector<std::string> explanations;
};

/// Principle by profile for one scenario.
struct ProfileComparison {
  std::string scenario;
  std::vector<std::string> profiles;
  std::vector<ComparisonRow> rows;
};

/// `reports` are one scenario's reports, one per profile, in the order to show them.
/// Rows come in principle order (as for summarise), then by role values.
/// With `explain`, rows the profiles disagree on carry each profile's explanation at that
/// detail (ComparisonRow::explanations).
ProfileComparison compare_profiles(const std::vector<explain::Report>& reports,
                                   const std::vector<std::string>& principle_order = {},
                                   std::optional<Detail> explain = std::nullopt);

/// Why a row's profiles differ: "espionage_breaches is false under tallinn_majority,
/// true under the others; ...", or that no parameter was traced.
std::string reasons_words(const ComparisonRow& row, const std::vector<std::string>& profiles);

std::string comparison_to_text(const ProfileComparison& comparison, std::size_t width = 80);
std::string comparison_to_json(const ProfileComparison& comparison, JsonLayout layout = JsonLayout::compact);
std::string comparison_to_markdown(const ProfileComparison& comparison);

}  // namespace cybernorms::render
