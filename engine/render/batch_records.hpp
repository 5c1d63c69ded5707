// The records of a JSON Lines batch: one line out per line in, in input order.
#pragma once
#include "base/diagnostics.hpp"
#include "explain/report.hpp"
#include "render/report_render.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cybernorms::render {

/// `{"line": N, "ok": true, "scenario": "...", "profile": "...", "report": {...}}` on one line.
std::string batch_success_record(std::size_t line, const explain::Report& report, Detail detail);

/// `{"line": N, "ok": false, "scenario": "...", "errors": [{"code", "pointer", "message",
/// "notes"}]}` on one line, appended to `out`; the pointers are into the scenario of that
/// line. `scenario` is written when the line's id could be read (a JSON object with a
/// string "id" at its top level), so even a rejected line joins back to its scenario.
void append_batch_error_record(std::string& out, std::size_t line, std::optional<std::string_view> scenario,
                               const base::Diagnostics& diagnostics);

}  // namespace cybernorms::render
