#include "render/batch_records.hpp"

#include <nlohmann/json.hpp>

namespace cybernorms::render {

namespace {
using nlohmann::ordered_json;

std::string one_line(const ordered_json& record) {
  return record.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}
}  // namespace

std::string batch_success_record(std::size_t line, const explain::Report& report, Detail detail) {
  ordered_json record;
  record["line"] = line;
  record["ok"] = true;
  record["scenario"] = report.scenario;
  record["profile"] = report.profile;
  // The report is rendered by the one JSON renderer and spliced in, so batch records and
  // `eval --format json` never drift apart.
  const std::string head = one_line(record);
  std::string body = report_to_json(report, detail, JsonLayout::compact);
  body.pop_back();  // the document's newline: the record ends the line
  return head.substr(0, head.size() - 1) + ",\"report\":" + body + "}";
}

std::string batch_error_record(std::size_t line, const base::Diagnostics& diagnostics) {
  ordered_json record;
  record["line"] = line;
  record["ok"] = false;
  record["errors"] = ordered_json::array();
  for (const base::Diagnostic& diagnostic : diagnostics.all()) {
    if (diagnostic.severity != base::Severity::error) continue;
    record["errors"].push_back({{"code", diagnostic.code},
                                {"pointer", diagnostic.pointer},
                                {"message", diagnostic.message},
                                {"notes", diagnostic.notes}});
  }
  return one_line(record);
}

}  // namespace cybernorms::render
