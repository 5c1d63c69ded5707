// Diagnostics as JSON, for editors and scripts (`--format json`).
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"

#include <cybernorms/format.hpp>

#include <string>

namespace cybernorms::render {

/// `{"diagnostics": [{"severity", "code", "file", "line", "column", "length",
/// "pointer", "message", "notes"}], "errors": N, "warnings": N}`; keys in a fixed order,
/// one diagnostic per element, in the order given.
std::string diagnostics_to_json(const base::Diagnostics& diagnostics, const base::SourceSet& sources,
                                JsonLayout layout);

}  // namespace cybernorms::render
