// Hinge sets as questions. A possible finding's minimal hinge sets name unknown facts one
// by one, so one question ("was the group's conduct attributable to Borania?") comes back
// in every set that settles it another way, and each value of an unknown attribute makes a
// set of its own. Here each unknown fact is mapped to the question its relation asks (the
// rule base's `question element "text"` clause), and sets that differ only in which fact
// answers one question are merged into one route whose answer lists the alternatives.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/report.hpp"
#include "infer/session.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace cybernorms::explain {

/// Whether an unknown fact of `relation` is answered by its value at `position`: the
/// relation's question leaves that argument out ("Where is {asset} located?" is answered
/// by a state). Reports word such a value as the answer; pooling groups findings by it.
bool answered_by(const compile::Relation& relation, std::size_t position);

/// The questions of one report, grown as findings are added: every unknown fact is asked
/// about by exactly one question, and questions keep the order they were first met in.
class QuestionBook {
 public:
  /// Questions and facts are worded in `language` (null: English, as the rule base writes them).
  QuestionBook(const infer::Session& session, std::vector<Question>& questions,
               const compile::Language* language = nullptr);

  /// The routes the minimal `sets` make: each set as answers to questions, then sets equal
  /// but for the alternatives of one answer merged, until none can be; fewest answers
  /// first. Sound by construction: every alternative of an answer, with the route's other
  /// answers, is one of the sets given, or a merge of sets given.
  std::vector<Route> routes(const std::vector<infer::HingeSet>& sets);

  /// The index of the question that asks about an unknown `fact` (added if new).
  std::size_t question_of(infer::FactId fact) { return place_of(fact).question; }

 private:
  struct Place {
    std::size_t question = 0;
    std::size_t fact = 0;  ///< index into the question's facts
  };
  struct LawQuestion {
    std::string text;       ///< "Is it the law that a breach of sovereignty is wrongful in itself?"
    std::string positions;  ///< which profiles hold which value
  };
  Place place_of(infer::FactId fact);
  LawQuestion law_question(const compile::Param& param) const;
  std::string positions_text(const compile::Param& param, std::size_t index) const;
  /// A parameter's value as an answer: "yes" or "no" for a bool, else the value.
  std::string value_word(const compile::Param& param, base::SymbolId value) const;
  std::string answer_text(const Answer& answer) const;

  const infer::Session& session_;
  std::vector<Question>& questions_;
  const compile::Language* language_;
  Words words_;
  std::unordered_map<std::string, std::size_t> by_key_;
  std::unordered_map<infer::FactId, Place> places_;
  /// Per question, the values that answer it per fact (the arguments its text leaves
  /// out, as labels); empty where the text names every argument: answered yes or no.
  std::vector<std::vector<std::string>> answer_values_;
};

}  // namespace cybernorms::explain
