// What if a fact were otherwise: assumptions that settle or override a scenario's base
// facts (EvaluateOptions::assumptions, `eval --assume`), and the what-if table that
// answers each open question of a scenario both ways (Evaluator::what_if, `cybernorms
// whatif`). Plain values; part of the public API; includes no internal header.
#pragma once
#include <cybernorms/diagnostics.hpp>
#include <cybernorms/report.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace cybernorms {

/// A base fact to take as true or false whatever the scenario says of it: settling an
/// unknown fact, or overriding a stated one (true adds it, false removes it).
struct AssumedFact {
  /// As the rule language writes a fact: `knew_of(op1, arland)`. The relation is a base
  /// relation read from scenarios; the values are the scenario's entity ids or values of
  /// the argument's enumeration.
  std::string fact;
  bool value = true;
  /// Where `fact` was written (the first character of the relation's name), when known:
  /// diagnostics about it then point into that source with a caret. A fact is on one line.
  Span span;
  friend bool operator==(const AssumedFact&, const AssumedFact&) = default;
};

/// A finding whose level an answer changes. A finding that one of the two evaluations
/// does not have is `not_implicated` there.
struct LevelChange {
  std::string principle;
  std::string title;
  std::vector<std::pair<std::string, std::string>> roles;
  Level from = Level::possible;  ///< without the answer's assumptions
  Level to = Level::possible;    ///< with them
  friend bool operator==(const LevelChange&, const LevelChange&) = default;
};

/// One way to answer a question: the facts it assumes, and how the findings move.
struct WhatIfAnswer {
  std::string label;                 ///< "yes" or "no"
  std::vector<Assumption> assumed;   ///< with what the scenario had said of each fact
  std::vector<LevelChange> changes;  ///< in report order (principle, then roles)
  /// Findings (of either evaluation) whose level the answer leaves as it was.
  std::size_t unchanged = 0;
  friend bool operator==(const WhatIfAnswer&, const WhatIfAnswer&) = default;
};

/// An open question of a scenario: an unknown base fact that some possible finding
/// hinges on, with its answers, yes (the fact assumed true) then no (assumed false).
/// `facts` is a list so that a question can cover several facts (the values of one
/// attribute); each answer then says what it assumes of each.
struct WhatIfQuestion {
  std::string text;  ///< the question in words, from the relation's doc
  std::vector<FactRef> facts;
  std::vector<WhatIfAnswer> answers;
  friend bool operator==(const WhatIfQuestion&, const WhatIfQuestion&) = default;
};

/// Every open question of one scenario under one profile, in the order the findings'
/// hinge sets first name them, each answered both ways.
struct WhatIfTable {
  std::string scenario;
  std::string profile;
  /// Assumptions every evaluation of the table made (EvaluateOptions::assumptions).
  std::vector<Assumption> assumptions;
  /// Findings of the evaluation without the questions' answers (implicated or possible).
  std::size_t findings = 0;
  std::vector<WhatIfQuestion> questions;
  /// false: some finding's hinge search stopped early or listed only some of its sets
  /// (Finding::hinge_limit, hinge_sets_found), so there may be open questions not listed.
  bool complete = true;
  friend bool operator==(const WhatIfTable&, const WhatIfTable&) = default;
};

}  // namespace cybernorms
