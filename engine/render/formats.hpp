// Rendering by format: each output (a report, a comparison, a summary, profiles,
// diagnostics) in the format asked for, through one table of renderers (formats.cpp).
#pragma once
#include "base/diagnostics.hpp"
#include "compile/rule_set.hpp"
#include "explain/report.hpp"

#include <cybernorms/format.hpp>

#include <string>
#include <vector>

namespace cybernorms::render {

std::string report(const Report& report, const RenderOptions& options);

/// `reports`: one scenario's, one per profile. Principles come in `principle_order`.
std::string comparison(const std::vector<Report>& reports, const std::vector<std::string>& principle_order,
                       const RenderOptions& options);

std::string summary(const std::vector<Report>& reports, const std::vector<std::string>& principle_order,
                    const RenderOptions& options);

std::string profiles(const compile::RuleSet& rules, const RenderOptions& options);

std::string diagnostics(const Diagnostics& diagnostics, const SourceSet& sources, const RenderOptions& options);

/// What the rule base holds, by id: principles, relations, profiles (`cybernorms rules`).
std::string catalog(const compile::RuleSet& rules, const RenderOptions& options);

}  // namespace cybernorms::render
