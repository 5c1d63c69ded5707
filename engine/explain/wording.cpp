#include "explain/wording.hpp"

#include "base/placeholders.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

namespace cybernorms::explain {

namespace {

std::string_view compare_text(compile::CompareOp op) {
  switch (op) {
    case compile::CompareOp::eq: return "=";
    case compile::CompareOp::ne: return "!=";
    case compile::CompareOp::lt: return "<";
    case compile::CompareOp::le: return "<=";
    case compile::CompareOp::gt: return ">";
    case compile::CompareOp::ge: return ">=";
  }
  return "?";
}

std::string term_text(const compile::RuleSet& rules, const compile::Rule& rule, const compile::Term& term) {
  if (!term.is_variable()) return term.value < rules.symbols.size() ? rules.symbols.name(term.value) : "?";
  if (term.value >= rule.variable_names.size()) return "?";
  const auto& name = rule.variable_names[term.value];
  return name.starts_with('_') ? std::string("_") : name;
}

std::string join(const std::vector<std::string>& parts) { return fmt::format("{}", fmt::join(parts, ", ")); }


}  // namespace

std::string fill_template(std::string_view text, const Bindings& bindings) {
  return base::fill_placeholders(text, [&](std::string_view name) -> const std::string* {
    const auto found = std::find_if(bindings.begin(), bindings.end(), [&](const auto& b) { return b.first == name; });
    return found == bindings.end() ? nullptr : &found->second;
  });
}

std::string plain_fact(std::string_view relation, const std::vector<std::string>& args) {
  return fmt::format("{}({})", relation, join(args));
}

std::string_view text_in(const compile::Language* language, std::string_view english) {
  return language == nullptr ? english : language->text(english);
}

Words words_in(const compile::Language* language) { return language == nullptr ? Words() : language->words; }

FactRef fact_ref(const compile::RuleSet& rules, compile::RelationId relation, std::vector<std::string> args,
                 const compile::Language* language) {
  std::vector<std::string> labels = args;
  return fact_ref(rules, relation, std::move(args), labels, language);
}

FactRef fact_ref(const compile::RuleSet& rules, compile::RelationId relation, std::vector<std::string> args,
                 const std::vector<std::string>& labels, const compile::Language* language) {
  const auto& declared = rules.relations.at(relation);
  FactRef ref{declared.name, std::move(args), {}};
  const std::string_view doc_in_language = text_in(language, declared.doc);
  if (const compile::Param* param = rules.parameter_of(relation); param && ref.args.size() == 1) {
    // A parameter's one fact is the profile's value; say so, with what the parameter means.
    const std::string_view doc = without_full_stop(doc_in_language);
    const Words words = words_in(language);
    ref.text = doc.empty() ? words.format("profile_sets", {{"param", param->name}, {"value", ref.args.front()}})
                           : words.format("profile_sets_meaning",
                                          {{"param", param->name}, {"value", ref.args.front()}, {"meaning", doc}});
    return ref;
  }
  if (declared.doc.empty()) {
    ref.text = plain_fact(ref.relation, ref.args);
    return ref;
  }
  ref.text = fill_arguments(declared, doc_in_language, labels);
  return ref;
}

std::string_view without_full_stop(std::string_view text) {
  for (const std::string_view stop : {".", "\u3002"})
    if (text.ends_with(stop)) text.remove_suffix(stop.size());
  return text;
}

std::string parameter_value_text(const compile::RuleSet& rules, compile::RelationId relation, std::string_view value,
                                 const compile::Language* language) {
  const std::string_view doc = without_full_stop(text_in(language, rules.relations.at(relation).doc));
  const compile::Param* param = rules.parameter_of(relation);
  return words_in(language).format("parameter_value_meaning",
                                   {{"param", param != nullptr ? std::string_view(param->name) : std::string_view()},
                                    {"value", value},
                                    {"meaning", doc}});
}

std::string fill_arguments(const compile::Relation& relation, std::string_view text,
                           const std::vector<std::string>& values) {
  return base::fill_placeholders(text, [&](std::string_view name) -> const std::string* {
    for (std::size_t i = 0; i < relation.arg_names.size() && i < values.size(); ++i)
      if (relation.arg_names[i] == name) return &values[i];
    return nullptr;
  });
}

FactRef fact_ref(const infer::Session& session, infer::FactId fact, const compile::Language* language) {
  std::vector<std::string> args;
  std::vector<std::string> labels;
  for (const auto value : session.args(fact)) {
    args.push_back(session.symbol_name(value));
    labels.push_back(session.label(value));
  }
  const auto& rules = session.network().rules();
  FactRef ref = fact_ref(rules, session.relation_of(fact), args, labels, language);
  if (rules.parameter_of(session.relation_of(fact)) != nullptr && session.base_truth(fact) == base::Truth::unknown) {
    // A value of a parameter the profile holds open: a question of law, not the profile's value.
    const std::string_view doc = without_full_stop(text_in(language, rules.relations[session.relation_of(fact)].doc));
    ref.text = words_in(language).format("profile_holds_open",
                                         {{"param", rules.parameter_of(session.relation_of(fact))->name},
                                          {"value", ref.args.front()},
                                          {"meaning", doc}});
  }
  return ref;
}

std::string condition_text(const compile::RuleSet& rules, const compile::Rule& rule, const compile::Literal& literal) {
  if (const auto* compare = std::get_if<compile::CompareLiteral>(&literal))
    return fmt::format("{} {} {}", term_text(rules, rule, compare->left), compare_text(compare->op),
                       term_text(rules, rule, compare->right));
  const auto& atom = std::get<compile::AtomLiteral>(literal);
  std::vector<std::string> args;
  for (const auto& term : atom.args) args.push_back(term_text(rules, rule, term));
  if (atom.relation >= rules.relations.size()) return plain_fact("?", args);
  if (const auto* exception = rules.exception_of(atom.relation); exception && atom.negated)
    return "no exception " + plain_fact(exception->id, args);
  return (atom.negated ? "not " : "") + plain_fact(rules.relations[atom.relation].name, args);
}

Bindings named_bindings(const compile::Rule& rule, std::span<const std::optional<base::SymbolId>> values,
                        const infer::Session& session) {
  Bindings named;
  for (std::size_t i = 0; i < rule.variable_names.size() && i < values.size(); ++i) {
    if (!values[i] || rule.variable_names[i].starts_with('_')) continue;
    named.emplace_back(rule.variable_names[i], session.symbol_name(*values[i]));
  }
  return named;
}

Bindings labelled_bindings(const compile::Rule& rule, std::span<const std::optional<base::SymbolId>> values,
                           const infer::Session& session) {
  Bindings labelled;
  for (std::size_t i = 0; i < rule.variable_names.size() && i < values.size(); ++i) {
    if (!values[i] || rule.variable_names[i].starts_with('_')) continue;
    labelled.emplace_back(rule.variable_names[i], session.label(*values[i]));
  }
  return labelled;
}

}  // namespace cybernorms::explain
