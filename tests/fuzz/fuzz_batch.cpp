// A block of JSON Lines -> batch evaluation. Properties: one record per line, in order,
// each a JSON object naming its line; a bad line never costs the others their record.
#include "fuzz_target.hpp"

#include <cybernorms/batch.hpp>

#include <nlohmann/json.hpp>

#include <vector>

using namespace cybernorms;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static BatchEvaluator batch(fuzz::bundled_rule_base(), BatchOptions{1});
  std::vector<std::string> lines;
  std::string_view text = fuzz::as_text(data, size);
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  if (lines.empty()) return 0;
  constexpr std::size_t first_line = 41;
  const std::vector<std::string> records = batch.evaluate_block(lines, first_line);
  fuzz::require(records.size() == lines.size(), "one record per line");
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto record = nlohmann::json::parse(records[i], nullptr, false);
    fuzz::require(record.is_object(), "each record is a JSON object");
    fuzz::require(record.value("line", std::size_t{0}) == first_line + i, "each record names its line");
    fuzz::require(record.contains("ok") && record["ok"].is_boolean(), "each record says whether its line was a scenario");
  }
  return 0;
}
