// The compact batch record, batch's default (docs/batch.md, "Records";
// docs/batch-record.schema.json): per scenario its findings with their levels and, for a
// possible finding, its hinge sets as indices into the record's list of open questions.
// No titles, citations or wording: those are the rule base's data (`cybernorms rules
// --format json`), listed once instead of in every record. Written straight from the
// session into the caller's buffer, with no document built.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/outcome.hpp"
#include "infer/session.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::render {

/// Writes compact records; keeps its scratch storage from record to record. One per thread.
class CompactRecordWriter {
 public:
  /// Appends the record of line `line` (without a newline) to `out`.
  void append(std::string& out, std::size_t line, std::string_view scenario, std::string_view profile,
              const compile::RuleSet& rules, const infer::Session& session, const explain::Outcome& outcome);

 private:
  /// Numbers the facts the hinge sets name, in order of first mention: the questions.
  void number_questions(const infer::Session& session, const explain::Outcome& outcome);

  std::vector<std::uint32_t> question_of_;  ///< by fact id; `none` where the fact is no question
  std::vector<infer::FactId> questions_;     ///< fact of each question, by number
};

}  // namespace cybernorms::render
