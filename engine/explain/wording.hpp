// How facts, rule conditions and templates read in explanations.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/report.hpp"
#include "infer/session.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cybernorms::explain {

using Bindings = std::vector<std::pair<std::string, std::string>>;

/// Replaces each `{Name}` in `text` by the value bound to Name; other braces stay as written.
std::string fill_template(std::string_view text, const Bindings& bindings);

/// A text of the rule base in `language` (null: English, as written).
std::string_view text_in(const compile::Language* language, std::string_view english);
/// The program's words in `language` (null: English).
Words words_in(const compile::Language* language);

/// A ground fact: relation name, values, and the relation's doc in `language` (null:
/// English) with `{arg}` filled in (or `rel(a, b)` when the relation has no doc).
FactRef fact_ref(const compile::RuleSet& rules, compile::RelationId relation, std::vector<std::string> args,
                 const compile::Language* language = nullptr);
FactRef fact_ref(const infer::Session& session, infer::FactId fact, const compile::Language* language = nullptr);

/// `rel(a, b)`.
std::string plain_fact(std::string_view relation, const std::vector<std::string>& args);

/// A body condition as written: `act(Op, unauthorised_access)`, `not consent_given(Op, V)`,
/// `State != Victim`; an exception literal reads `no exception consent(V, Op)`.
std::string condition_text(const compile::RuleSet& rules, const compile::Rule& rule, const compile::Literal& literal);

/// A rule's variables with the values bound, in rule order, leaving out unbound and
/// anonymous (`_`) variables.
Bindings named_bindings(const compile::Rule& rule, std::span<const std::optional<base::SymbolId>> values,
                        const infer::Session& session);

}  // namespace cybernorms::explain
