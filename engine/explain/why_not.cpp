// Why-not worded: every element of the nearest rule read through the rule base's own
// words (relation docs, exception `because` templates, parameter docs), so a reader
// needs neither the rule language nor the rule's variables.
#include "explain/why_not.hpp"

#include "explain/wording.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <variant>

namespace cybernorms::explain {

namespace {

using Values = std::vector<std::optional<base::SymbolId>>;

/// A doc sentence inside another: its first letter in lower case (unless the word is an
/// acronym) and without its closing full stop.
std::string inner_sentence(std::string_view doc) {
  constexpr std::string_view ideographic_full_stop = "\u3002";
  while (!doc.empty()) {
    if (doc.back() == '.' || doc.back() == ' ') doc.remove_suffix(1);
    else if (doc.ends_with(ideographic_full_stop)) doc.remove_suffix(ideographic_full_stop.size());
    else break;
  }
  std::string out(doc);
  const auto is_upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
  const std::size_t word_end = std::min(out.find(' '), out.size());
  const bool is_acronym = word_end > 1 && std::all_of(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(word_end), is_upper);
  if (!out.empty() && is_upper(out[0]) && !is_acronym)
    out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

/// The words (keys) for how a comparison reads when it holds and when it fails.
std::pair<std::string_view, std::string_view> compare_words(compile::CompareOp op) {
  switch (op) {
    case compile::CompareOp::eq: return {"compare_is", "compare_is_not"};
    case compile::CompareOp::ne: return {"compare_is_not", "compare_is"};
    case compile::CompareOp::lt: return {"compare_below", "compare_not_below"};
    case compile::CompareOp::le: return {"compare_at_most", "compare_above"};
    case compile::CompareOp::gt: return {"compare_above", "compare_not_above"};
    case compile::CompareOp::ge: return {"compare_at_least", "compare_below"};
  }
  return {"?", "?"};
}

/// Words one element of the nearest rule, with the values the search reached.
class ElementWords {
 public:
  ElementWords(const compile::RuleSet& rules, const infer::Session& session, const compile::Rule& rule,
               const Values& values, std::string_view profile, const compile::Language* language)
      : rules_(rules), session_(session), rule_(rule), values_(values), profile_(profile), language_(language),
        words_(words_in(language)) {}

  RuleElement held(const compile::Literal& literal, infer::FactId matched) const {
    RuleElement element = written(literal);
    if (const auto* compare = std::get_if<compile::CompareLiteral>(&literal)) {
      element.text = held_comparison(*compare, element);
      return element;
    }
    const auto& atom = std::get<compile::AtomLiteral>(literal);
    if (!atom.negated && matched != infer::no_fact) {
      element.fact = fact_ref(session_, matched, language_);
      element.text = element.fact.text;
      if (session_.truth(matched) == base::Truth::unknown)
        element.text = words_.format("why_taken_possible", {{"fact", element.text}});
      return element;
    }
    element.text = absent_words(atom);
    return element;
  }

  RuleElement failed(const compile::Literal& literal) const {
    RuleElement element = written(literal);
    if (const auto* compare = std::get_if<compile::CompareLiteral>(&literal)) {
      element.text = failed_comparison(*compare, element);
      return element;
    }
    const auto& atom = std::get<compile::AtomLiteral>(literal);
    if (atom.negated) {
      element.text = present_words(atom, element);
      return element;
    }
    element.text = absent_words(atom);
    return element;
  }

 private:
  RuleElement written(const compile::Literal& literal) const {
    RuleElement element;
    element.written = condition_text(rules_, rule_, literal);
    return element;
  }

  std::optional<base::SymbolId> value(const compile::Term& term) const {
    if (!term.is_variable()) return term.value;
    return term.value < values_.size() ? values_[term.value] : std::nullopt;
  }

  /// The parameter a term reads, if it is a `$name` variable.
  const compile::Param* parameter(const compile::Term& term) const {
    if (!term.is_variable() || term.value >= rule_.variable_names.size()) return nullptr;
    const std::string& name = rule_.variable_names[term.value];
    if (!name.starts_with('$')) return nullptr;
    const auto found = std::find_if(rules_.params.begin(), rules_.params.end(),
                                    [&](const compile::Param& param) { return name.substr(1) == param.name; });
    return found == rules_.params.end() ? nullptr : &*found;
  }

  std::string term_words(const compile::Term& term) const {
    if (const auto bound = value(term)) return session_.label(*bound);
    return term.value < rule_.variable_names.size() ? rule_.variable_names[term.value] : "?";
  }

  /// The atom's values, an open argument read as "any <type>".
  std::vector<std::string> atom_values(const compile::AtomLiteral& atom) const {
    const auto& relation = rules_.relations[atom.relation];
    std::vector<std::string> out;
    for (std::size_t i = 0; i < atom.args.size(); ++i) {
      if (const auto bound = value(atom.args[i])) {
        out.push_back(session_.label(*bound));
      } else {
        const bool typed = i < relation.arg_types.size() && relation.arg_types[i] < rules_.types.size();
        out.push_back(typed ? words_.format("why_any", {{"type", rules_.types[relation.arg_types[i]].name}})
                            : std::string(words_("why_anything")));
      }
    }
    return out;
  }

  std::vector<base::SymbolId> ground(const compile::AtomLiteral& atom) const {
    std::vector<base::SymbolId> key;
    for (const auto& term : atom.args) {
      const auto bound = value(term);
      if (!bound) return {};
      key.push_back(*bound);
    }
    return key;
  }

  /// "no stated fact says that ..." for a base relation, "it is not established that ..."
  /// for a derived one; an exception that does not apply says so by name.
  std::string absent_words(const compile::AtomLiteral& atom) const {
    const auto values = atom_values(atom);
    const auto key = ground(atom);
    const bool unknown = key.size() == atom.args.size() &&
                         session_.truth_of(atom.relation, key) == base::Truth::unknown;
    if (const auto* exception = rules_.exception_of(atom.relation))
      return words_.format(unknown ? "why_exception_may_apply" : "why_exception_does_not_apply",
                           {{"exception", exception->id}});
    const std::string reads = fact_ref(rules_, atom.relation, values, language_).text;
    if (unknown) return words_.format("why_not_known", {{"fact", reads}});
    if (rules_.relations[atom.relation].kind == compile::RelationKind::base)
      return words_.format("why_no_stated_fact", {{"fact", reads}});
    return words_.format("why_not_established", {{"fact", reads}});
  }

  /// A negated element that failed: the fact that is there, "which excludes it"; for an
  /// exception, its `because` as its own derivation fills it in.
  std::string present_words(const compile::AtomLiteral& atom, RuleElement& element) const {
    const auto key = ground(atom);
    // no_fact rather than an optional: GCC 12 takes an optional's value here for unset.
    infer::FactId fact = infer::no_fact;
    if (key.size() == atom.args.size()) fact = session_.find_fact(atom.relation, key).value_or(infer::no_fact);
    if (const auto* exception = rules_.exception_of(atom.relation)) {
      std::string because = exception->id;
      if (fact != infer::no_fact && session_.derivation_count(fact) > 0) {
        const auto derivation = session_.derivation(fact, 0);
        const auto& rule = rules_.rules[derivation.rule];
        const Values bound(derivation.bindings.begin(), derivation.bindings.end());
        because = fill_template(text_in(language_, rule.because), labelled_bindings(rule, bound, session_));
      }
      return words_.format("why_excluded_by_exception", {{"text", because}, {"exception", exception->id}});
    }
    if (fact != infer::no_fact) element.fact = fact_ref(session_, fact, language_);
    const std::string reads = fact != infer::no_fact ? element.fact.text
                                                     : fact_ref(rules_, atom.relation, atom_values(atom), language_).text;
    return words_.format("why_excluded", {{"fact", reads}});
  }

  /// The comparison's parameter, filled into the element; null when it compares none.
  const compile::Param* note_parameter(const compile::CompareLiteral& compare, RuleElement& element) const {
    const compile::Param* param = parameter(compare.left);
    const compile::Term* term = &compare.left;
    if (param == nullptr) {
      param = parameter(compare.right);
      term = &compare.right;
    }
    if (param == nullptr) return nullptr;
    element.parameter = param->name;
    element.value = term_words(*term);
    return param;
  }

  std::string compared(std::string_view left, std::string_view op, std::string_view right) const {
    return words_.format("compare", {{"left", left}, {"op", words_(op)}, {"right", right}});
  }

  std::string profile_sets(const RuleElement& element) const {
    return words_.format("why_profile_sets", {{"param", element.parameter}, {"value", element.value}});
  }

  std::string held_comparison(const compile::CompareLiteral& compare, RuleElement& element) const {
    const compile::Param* param = note_parameter(compare, element);
    const auto holds = compare_words(compare.op).first;
    if (param == nullptr) return compared(term_words(compare.left), holds, term_words(compare.right));
    const bool against_constant = !compare.left.is_variable() || !compare.right.is_variable();
    if (compare.op == compile::CompareOp::eq && against_constant) return profile_sets(element);
    const auto side = [&](const compile::Term& term) {
      return parameter(term) != nullptr ? fmt::format("{} ({})", parameter(term)->name, term_words(term))
                                        : term_words(term);
    };
    return compared(side(compare.left), holds, side(compare.right));
  }

  /// A failed comparison; with a parameter, "under <profile> ...: the profile sets p = v".
  std::string failed_comparison(const compile::CompareLiteral& compare, RuleElement& element) const {
    const compile::Param* param = note_parameter(compare, element);
    const auto fails = compare_words(compare.op).second;
    const std::string plain = compared(term_words(compare.left), fails, term_words(compare.right));
    if (param == nullptr) return plain;
    const std::string sets = profile_sets(element);
    const compile::Term& other = parameter(compare.left) != nullptr ? compare.right : compare.left;
    const std::string needed = other.is_variable() ? std::string() : term_words(other);
    if (compare.op == compile::CompareOp::eq && (needed == "true" || needed == "false") && !param->doc.empty()) {
      // A yes-or-no reading of the law, which the doc states: say which way the profile reads it.
      const std::string reading = inner_sentence(text_in(language_, param->doc));
      return words_.format(needed == "false" ? "why_under_profile" : "why_under_profile_not",
                           {{"profile", profile_}, {"reading", reading}, {"sets", sets}});
    }
    if (param->doc.empty())
      return words_.format("why_under_profile", {{"profile", profile_}, {"reading", plain}, {"sets", sets}});
    return words_.format("why_under_profile_doc", {{"profile", profile_},
                                                   {"reading", plain},
                                                   {"sets", sets},
                                                   {"doc", inner_sentence(text_in(language_, param->doc))}});
  }

  const compile::RuleSet& rules_;
  const infer::Session& session_;
  const compile::Rule& rule_;
  const Values& values_;
  std::string_view profile_;
  const compile::Language* language_;
  Words words_;
};

bool is_parameter_lookup(const compile::RuleSet& rules, const compile::Literal& literal) {
  const auto* atom = std::get_if<compile::AtomLiteral>(&literal);
  return atom != nullptr && !atom->negated && rules.parameter_of(atom->relation) != nullptr;
}

std::string principle_title(const compile::RuleSet& rules, compile::RelationId relation) {
  for (const auto& principle : rules.principles)
    if (principle.relation == relation) return principle.title;
  return {};
}

/// Fills the worded elements of the nearest miss: those that held, the one that failed,
/// and every parameter comparison that failed.
void word_elements(const compile::RuleSet& rules, const infer::Session& session, const compile::Rule& rule,
                   const infer::RuleMiss& miss, std::string_view profile, const compile::Language* language,
                   WhyNot& why) {
  const ElementWords words(rules, session, rule, miss.bindings, profile, language);
  const auto failed_parameter = [&](std::uint32_t literal) {
    return std::find(miss.failed_parameters.begin(), miss.failed_parameters.end(), literal) !=
           miss.failed_parameters.end();
  };
  // The plan's steps follow Rule::body, so step k is body literal k.
  for (std::uint32_t k = 0; k < miss.depth && k < rule.body.size(); ++k) {
    if (failed_parameter(k) || is_parameter_lookup(rules, rule.body[k])) continue;
    why.held.push_back(words.held(rule.body[k], k < miss.matched.size() ? miss.matched[k] : infer::no_fact));
  }
  for (const auto literal : miss.failed_parameters) why.parameters.push_back(words.failed(rule.body[literal]));
  if (!why.parameters.empty()) why.profile = std::string(profile);
  if (miss.failed_literal && *miss.failed_literal < rule.body.size()) {
    why.failed = words.failed(rule.body[*miss.failed_literal]);
  } else if (!why.parameters.empty()) {
    why.failed = why.parameters.front();
  }
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  return fmt::format("{}", fmt::join(parts, separator));
}

}  // namespace

std::string why_not_paragraph(const WhyNot& why, const Words& words) {
  if (why.rule_id.empty()) return std::string(words("no_rule_concludes"));
  std::string text = why.rule_doc.empty() ? words.format("why_nearest", {{"rule", why.rule_id}})
                                          : words.format("why_nearest_doc", {{"rule", why.rule_id},
                                                                             {"doc", inner_sentence(why.rule_doc)}});
  if (why.failed.written.empty()) {
    const bool stopped = why.failed_condition.empty() && !why.held.empty();
    return words.format(stopped ? "why_holds_stopped" : "why_other_values", {{"text", text}});
  }
  std::vector<std::string> failures{why.failed.text};
  for (const auto& parameter : why.parameters)
    if (parameter.written != why.failed.written) failures.push_back(parameter.text);
  text = words.format("why_fails", {{"text", text}, {"reasons", joined(failures, words("why_reasons_and"))}});
  std::vector<std::string> held;
  for (const auto& element : why.held) held.push_back(element.text);
  if (!held.empty()) text = words.format("why_held", {{"text", text}, {"facts", joined(held, words("why_held_separator"))}});
  if (!why.search_complete)
    text = words.format("why_budget", {{"text", text}, {"steps", std::to_string(infer::why_not_step_budget)}});
  return text;
}

WhyNot why_not(const compile::RuleSet& rules, const infer::Session& session, compile::RelationId relation,
               std::span<const std::optional<base::SymbolId>> goal, std::string_view profile,
               const compile::Language* language) {
  const Words words = words_in(language);
  WhyNot why;
  why.principle = rules.relations.at(relation).name;
  why.title = principle_title(rules, relation);
  const auto misses = session.why_not(relation, goal);
  if (misses.empty()) {
    why.text = why_not_paragraph(why, words);
    return why;
  }
  const auto& miss = misses.front();
  const auto& rule = rules.rules[miss.rule];
  why.rule_id = rule.id;
  why.rule_doc = std::string(text_in(language, rule.doc));
  if (miss.failed_literal) why.failed_condition = condition_text(rules, rule, rule.body[*miss.failed_literal]);
  else if (!miss.failed_parameters.empty())
    why.failed_condition = condition_text(rules, rule, rule.body[miss.failed_parameters.front()]);
  why.bindings = named_bindings(rule, miss.bindings, session);
  if (miss.head_matches) word_elements(rules, session, rule, miss, profile, language, why);
  why.search_complete = std::all_of(misses.begin(), misses.end(), [](const auto& m) { return m.searched_all; });
  why.text = why_not_paragraph(why, words);
  return why;
}

}  // namespace cybernorms::explain
