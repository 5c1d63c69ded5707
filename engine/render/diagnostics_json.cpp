#include "render/diagnostics_json.hpp"

#include "render/json_text.hpp"

#include <nlohmann/json.hpp>

namespace cybernorms::render {

namespace {

nlohmann::ordered_json to_json(const base::Diagnostic& diagnostic, const base::SourceSet& sources) {
  nlohmann::ordered_json out;
  out["severity"] = std::string(to_string(diagnostic.severity));
  out["code"] = diagnostic.code;
  if (!diagnostic.document.empty() || !diagnostic.pointer.empty()) {
    out["file"] = diagnostic.document;
    out["pointer"] = diagnostic.pointer;
  } else if (diagnostic.span.is_known() && diagnostic.span.file < sources.size()) {
    out["file"] = sources.file(diagnostic.span.file).name();
    out["line"] = diagnostic.span.line;
    out["column"] = diagnostic.span.column;
    out["length"] = diagnostic.span.length;
  }
  out["message"] = diagnostic.message;
  out["notes"] = diagnostic.notes;
  return out;
}

}  // namespace

std::string diagnostics_to_json(const base::Diagnostics& diagnostics, const base::SourceSet& sources,
                                JsonLayout layout) {
  nlohmann::ordered_json out;
  out["diagnostics"] = nlohmann::ordered_json::array();
  for (const auto& diagnostic : diagnostics.all()) out["diagnostics"].push_back(to_json(diagnostic, sources));
  out["errors"] = diagnostics.error_count();
  out["warnings"] = diagnostics.warning_count();
  out["not_shown"] = diagnostics.dropped();
  return json_text(out, layout);
}

}  // namespace cybernorms::render
