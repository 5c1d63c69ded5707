// The records of a JSON Lines batch: one line out per line in, in input order.
#pragma once
#include "base/diagnostics.hpp"
#include "explain/report.hpp"
#include "render/report_render.hpp"

#include <cstddef>
#include <string>

namespace cybernorms::render {

/// `{"line": N, "ok": true, "scenario": "...", "profile": "...", "report": {...}}` on one line.
std::string batch_success_record(std::size_t line, const explain::Report& report, Detail detail);

/// `{"line": N, "ok": false, "errors": [{"code", "pointer", "message", "notes"}]}` on one
/// line; the pointers are into the scenario of that line.
std::string batch_error_record(std::size_t line, const base::Diagnostics& diagnostics);
/// The same record appended to `out`.
void append_batch_error_record(std::string& out, std::size_t line, const base::Diagnostics& diagnostics);

}  // namespace cybernorms::render
