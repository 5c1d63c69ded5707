// Reports, profile comparisons and summaries as one self-contained HTML page each
// (docs/html-report.md): inline style, no script, nothing loaded from elsewhere.
#pragma once
#include "explain/report.hpp"

#include <cybernorms/format.hpp>

#include <string>
#include <vector>

namespace cybernorms::render {

/// One report as a page: findings with their levels, hinges and citations, with
/// `Detail::full` each proof as a collapsible tree, then why each other principle is
/// not implicated.
std::string report_to_html(const explain::Report& report, Detail detail, const Words& words = Words());

/// One scenario's reports, one per profile, as a page: the comparison table (principles
/// in `principle_order`), then each profile's findings, collapsed.
std::string comparison_to_html(const std::vector<explain::Report>& reports,
                               const std::vector<std::string>& principle_order, Detail detail);

/// Many reports as a page: one row per report, one column per principle.
std::string summary_to_html(const std::vector<explain::Report>& reports,
                            const std::vector<std::string>& principle_order);

}  // namespace cybernorms::render
