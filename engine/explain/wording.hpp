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
/// As above, with the doc filled from `labels` (what each value reads as) instead of the values.
FactRef fact_ref(const compile::RuleSet& rules, compile::RelationId relation, std::vector<std::string> args,
                 const std::vector<std::string>& labels, const compile::Language* language = nullptr);
/// A session's fact, its doc filled with the values' labels (entity names where the
/// scenario gives them), its arguments the values' ids.
FactRef fact_ref(const infer::Session& session, infer::FactId fact, const compile::Language* language = nullptr);

/// `text` without its final full stop ("." or "。"): a doc sentence used as a clause.
std::string_view without_full_stop(std::string_view text);

/// A parameter's value as a statement of law, with what the parameter means:
/// "force_threshold = severe_disruption (the effects a cyber operation must have ...)".
std::string parameter_value_text(const compile::RuleSet& rules, compile::RelationId relation, std::string_view value,
                                 const compile::Language* language = nullptr);

/// Replaces each `{arg}` of `text` by the value of the relation's argument of that name.
std::string fill_arguments(const compile::Relation& relation, std::string_view text,
                           const std::vector<std::string>& values);

/// `rel(a, b)`.
std::string plain_fact(std::string_view relation, const std::vector<std::string>& args);

/// A body condition as written: `act(Op, unauthorised_access)`, `not consent_given(Op, V)`,
/// `State != Victim`; an exception literal reads `no exception consent(V, Op)`.
std::string condition_text(const compile::RuleSet& rules, const compile::Rule& rule, const compile::Literal& literal);

/// A rule's variables with the values bound, in rule order, leaving out unbound and
/// anonymous (`_`) variables.
Bindings named_bindings(const compile::Rule& rule, std::span<const std::optional<base::SymbolId>> values,
                        const infer::Session& session);
/// As named_bindings, with each value's label (its entity's name where it has one): what a
/// `because` template is filled with.
Bindings labelled_bindings(const compile::Rule& rule, std::span<const std::optional<base::SymbolId>> values,
                           const infer::Session& session);

}  // namespace cybernorms::explain
