#include "render/batch_records.hpp"

#include "render/json_writer.hpp"

namespace cybernorms::render {

std::string batch_success_record(std::size_t line, const explain::Report& report, Detail detail) {
  std::string record;
  JsonWriter json(record);
  json.begin_object();
  json.plain_key("line").number(line);
  json.plain_key("ok").boolean(true);
  json.plain_key("scenario").string(report.scenario);
  json.plain_key("profile").string(report.profile);
  // The report is rendered by the one JSON renderer and spliced in, so batch records and
  // `eval --format json` never drift apart.
  std::string body = report_to_json(report, detail, JsonLayout::compact);
  body.pop_back();  // the document's newline: the record ends the line
  json.plain_key("report").raw(body);
  json.end_object();
  return record;
}

void append_batch_error_record(std::string& out, std::size_t line, std::optional<std::string_view> scenario,
                               const base::Diagnostics& diagnostics) {
  JsonWriter json(out);
  json.begin_object();
  json.plain_key("line").number(line);
  json.plain_key("ok").boolean(false);
  if (scenario) json.plain_key("scenario").string(*scenario);
  json.plain_key("errors").begin_array();
  for (const base::Diagnostic& diagnostic : diagnostics.all()) {
    if (diagnostic.severity != base::Severity::error) continue;
    json.begin_object();
    json.plain_key("code").string(diagnostic.code);
    json.plain_key("pointer").string(diagnostic.pointer);
    json.plain_key("message").string(diagnostic.message);
    json.plain_key("notes").begin_array();
    for (const std::string& note : diagnostic.notes) json.string(note);
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace cybernorms::render
