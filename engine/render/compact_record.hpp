// The compact batch record, batch's default (docs/batch.md, "Records";
// docs/batch-record.schema.json): per scenario its findings with their levels and, for a
// possible finding, its hinge sets as indices into the record's list of open questions
// (unknown facts), and those facts grouped as reports ask them (`asks`: one question per
// legal element and values, the rule base's `question` clause).
// No titles, citations or wording: those are the rule base's data (`cybernorms rules
// --format json`), listed once instead of in every record. Written straight from the
// session into the caller's buffer, with no document built.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/outcome.hpp"
#include "infer/session.hpp"
#include "render/json_writer.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
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

  /// How a relation's unknown facts are asked: which question (its element and text) and
  /// the arguments the text names, in the order it names them. Facts whose relations ask
  /// the same question with the same values there are one question, as in reports.
  struct AskShape {
    std::uint32_t ask = UINT32_MAX;           ///< distinct (element, text); none without a question
    std::vector<std::uint32_t> named_args;    ///< argument positions, in the text's order
  };
  /// One question of a record: its shape, the values the text names, the facts by number.
  struct Ask {
    std::uint32_t relation = 0;
    std::uint32_t ask = UINT32_MAX;
    std::vector<base::SymbolId> values;
    std::vector<std::uint32_t> facts;
  };
  void prepare(const compile::RuleSet& rules);
  void group_questions(const infer::Session& session);
  /// A symbol's name as prepare_string() gives it: escaped the first time a record names
  /// it (a scenario's own symbols), or once per rule base (the rule base's symbols).
  std::string_view quoted(const infer::Session& session, base::SymbolId symbol);
  void write_roles(JsonWriter& json, const infer::Session& session, const explain::OutcomeFinding& finding,
                   std::span<const infer::FactId> members);
  void write_pooled(JsonWriter& json, const infer::Session& session, const explain::OutcomeFinding& finding,
                    std::span<const infer::FactId> members);

  std::vector<std::uint32_t> question_of_;  ///< by fact id; `none` where the fact is no question
  std::vector<infer::FactId> questions_;     ///< fact of each question, by number
  const compile::RuleSet* prepared_for_ = nullptr;
  std::vector<AskShape> shapes_;  ///< by relation
  std::vector<Ask> asks_;         ///< in order of first mention; reused storage
  std::size_t ask_count_ = 0;

  // The rule base's names, escaped once (prepare_key, prepare_string): records repeat
  // them in every finding and question.
  std::vector<std::string> principle_ids_;             ///< by principle
  std::vector<std::string> relation_names_;            ///< by relation
  std::vector<std::string> elements_;                  ///< by relation: the element its questions settle
  std::vector<std::vector<std::string>> role_keys_;    ///< by relation, by argument
  std::array<std::string, 3> levels_;                  ///< by explain::Level
  std::vector<std::string> symbols_;                   ///< by symbol; see quoted()
  std::vector<std::uint64_t> symbol_written_in_;       ///< record the text is for; `kept`: the rule base's
  std::uint64_t record_ = 0;                           ///< records appended so far
  std::size_t shared_symbols_ = 0;                     ///< the rule base's symbols come first
};

}  // namespace cybernorms::render
