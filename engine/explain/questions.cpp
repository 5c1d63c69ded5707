#include "explain/questions.hpp"

#include "explain/wording.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace cybernorms::explain {

namespace {

bool answer_less(const Answer& left, const Answer& right) {
  return std::tie(left.question, left.yes, left.all, left.facts) <
         std::tie(right.question, right.yes, right.all, right.facts);
}

bool answer_equal(const Answer& left, const Answer& right) {
  return left.question == right.question && left.yes == right.yes && left.all == right.all &&
         left.facts == right.facts;
}

/// One set's answers, sorted, with the facts one set needs of the same question the same
/// way joined into one answer that needs them all ("attribution: no" for a set that needs
/// the group to be neither an organ of the state nor directed by it).
Route joined_answers(Route answers) {
  std::sort(answers.begin(), answers.end(), answer_less);
  Route joined;
  for (Answer& answer : answers) {
    if (!joined.empty() && joined.back().question == answer.question && joined.back().yes == answer.yes) {
      joined.back().all = true;
      joined.back().facts.insert(joined.back().facts.end(), answer.facts.begin(), answer.facts.end());
      continue;
    }
    joined.push_back(std::move(answer));
  }
  return joined;
}

bool route_less(const Route& left, const Route& right) {
  if (left.size() != right.size()) return left.size() < right.size();
  return std::lexicographical_compare(left.begin(), left.end(), right.begin(), right.end(), answer_less);
}

/// The one position where two routes of the same length differ, when they differ in one
/// answer's alternatives only (same question, same yes or no); nullopt otherwise.
std::optional<std::size_t> merge_position(const Route& left, const Route& right) {
  if (left.size() != right.size()) return std::nullopt;
  std::optional<std::size_t> position;
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (answer_equal(left[i], right[i])) continue;
    // Only alternatives merge: an answer that needs all its facts is not one of several.
    if (position || left[i].question != right[i].question || left[i].yes != right[i].yes || left[i].all ||
        right[i].all)
      return std::nullopt;
    position = i;
  }
  return position;
}

void merge_into(Route& into, const Route& from, std::size_t position) {
  auto& facts = into[position].facts;
  facts.insert(facts.end(), from[position].facts.begin(), from[position].facts.end());
  std::sort(facts.begin(), facts.end());
  facts.erase(std::unique(facts.begin(), facts.end()), facts.end());
  std::sort(into.begin(), into.end(), answer_less);
}

/// Merges routes pairwise until no two differ in one answer's alternatives only.
void merge_routes(std::vector<Route>& routes) {
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < routes.size() && !merged; ++i) {
      for (std::size_t j = i + 1; j < routes.size(); ++j) {
        const auto position = merge_position(routes[i], routes[j]);
        if (!position) continue;
        merge_into(routes[i], routes[j], *position);
        routes.erase(routes.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
        break;
      }
    }
  }
}

std::string joined(const std::vector<std::string>& values, std::string_view separator) {
  return fmt::format("{}", fmt::join(values, separator));
}

/// A parameter's doc as a clause: its final full stop dropped, and in English its first
/// letter lowered ("a breach of sovereignty is wrongful in itself").
std::string statement_of(std::string_view doc, bool english) {
  std::string text(without_full_stop(doc));
  if (english && !text.empty() && text[0] >= 'A' && text[0] <= 'Z' && !(text.size() > 1 && text[1] >= 'A' && text[1] <= 'Z'))
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

}  // namespace

bool answered_by(const compile::Relation& relation, std::size_t position) {
  if (!relation.question || position >= relation.question->answers.size()) return false;
  return relation.question->answers[position];
}

std::string QuestionBook::value_word(const compile::Param& param, base::SymbolId value) const {
  const auto& rules = session_.network().rules();
  if (rules.types[param.type].kind != compile::TypeKind::boolean) return std::string(rules.symbols.name(value));
  return std::string(words_(rules.symbols.name(value) == "true" ? "answer_yes" : "answer_no"));
}

std::string QuestionBook::positions_text(const compile::Param& param, std::size_t index) const {
  const auto& rules = session_.network().rules();
  std::vector<std::string> by_value;
  for (const base::SymbolId value : rules.types[param.type].values) {
    std::vector<std::string> holders;
    for (const compile::Profile& profile : rules.profiles) {
      if (index >= profile.values.size() || profile.values[index] != value) continue;
      const bool states_it = profile.id == default_profile ||
                             std::find(profile.set_explicitly.begin(), profile.set_explicitly.end(), index) !=
                                 profile.set_explicitly.end();
      if (states_it) holders.push_back(profile.id);
    }
    if (holders.empty()) continue;
    by_value.push_back(words_.format("law_position", {{"value", value_word(param, value)},
                                                      {"profiles", joined(holders, words_("list_separator"))}}));
  }
  if (by_value.empty()) return {};
  return words_.format("law_positions", {{"positions", joined(by_value, words_("list_semicolon"))}});
}

QuestionBook::LawQuestion QuestionBook::law_question(const compile::Param& param) const {
  const auto& rules = session_.network().rules();
  const std::size_t index = static_cast<std::size_t>(&param - rules.params.data());
  const bool boolean = rules.types[param.type].kind == compile::TypeKind::boolean;
  // "Is it the law that a breach ...?" lowers the doc's first letter; "What ...?" keeps it.
  const std::string statement = statement_of(text_in(language_, param.doc), boolean && words_.language() == "en");
  std::string text = words_.format(boolean ? "law_question_bool" : "law_question_value", {{"statement", statement}});
  std::string positions = positions_text(param, index);
  if (!positions.empty()) text += ' ' + positions;
  return LawQuestion{std::move(text), std::move(positions)};
}

QuestionBook::QuestionBook(const infer::Session& session, std::vector<Question>& questions,
                           const compile::Language* language)
    : session_(session), questions_(questions), language_(language), words_(words_in(language)) {}

QuestionBook::Place QuestionBook::place_of(infer::FactId fact) {
  if (const auto found = places_.find(fact); found != places_.end()) return found->second;
  const auto& rules = session_.network().rules();
  const compile::Relation& relation = rules.relations[session_.relation_of(fact)];
  std::vector<std::string> ids;
  std::vector<std::string> labels;
  for (const auto value : session_.args(fact)) {
    ids.push_back(session_.symbol_name(value));
    labels.push_back(session_.label(value));
  }
  FactRef ref = fact_ref(session_, fact, language_);
  std::string key;
  std::string element;
  std::string label;
  std::string text;
  std::vector<std::string> values;  // the arguments the question leaves for its answer
  bool of_law = false;
  std::string positions;
  if (const compile::Param* param = rules.parameter_of(session_.relation_of(fact))) {
    // A parameter the profile holds open: a question of law, answered by its value.
    of_law = true;
    element = std::string(law_element);
    label = language_ != nullptr ? std::string(language_->element(element)) : element;
    key = '\x1d' + param->name;
    LawQuestion asked = law_question(*param);
    text = std::move(asked.text);
    positions = std::move(asked.positions);
    const auto args = session_.args(fact);
    if (!args.empty()) values.push_back(value_word(*param, args[0]));
  } else if (relation.question) {
    element = relation.question->element;
    label = language_ != nullptr ? std::string(language_->element(element)) : element;
    key = element + '\x1f' + fill_arguments(relation, relation.question->text, ids);
    text = fill_arguments(relation, text_in(language_, relation.question->text), labels);
    for (std::size_t i = 0; i < relation.arg_names.size() && i < labels.size(); ++i)
      if (answered_by(relation, i)) values.push_back(labels[i]);
  } else {
    element = relation.name;
    label = element;
    key = '\x1e' + plain_fact(relation.name, ids);
    text = words_.format("question_fallback", {{"fact", ref.text}});
  }
  auto [slot, added] = by_key_.try_emplace(std::move(key), questions_.size());
  if (added) {
    Question question{std::move(element), std::move(label), std::move(text), {}, of_law, std::move(positions)};
    questions_.push_back(std::move(question));
    answer_values_.emplace_back();
  }
  const Place place{slot->second, questions_[slot->second].facts.size()};
  questions_[place.question].facts.push_back(std::move(ref));
  answer_values_[place.question].push_back(joined(values, " "));
  places_.emplace(fact, place);
  return place;
}

std::string QuestionBook::answer_text(const Answer& answer) const {
  const auto& values = answer_values_[answer.question];
  std::vector<std::string> named;
  for (const std::size_t fact : answer.facts)
    if (!values[fact].empty()) named.push_back(values[fact]);
  if (named.size() != answer.facts.size() || named.empty())
    return std::string(words_(answer.yes ? "answer_yes" : "answer_no"));
  if (answer.all) {
    if (answer.yes) return joined(named, words_("answer_and"));
    return words_.format("answer_neither", {{"values", joined(named, words_("answer_nor"))}});
  }
  if (answer.yes) return joined(named, words_("answer_or"));
  for (auto& value : named) value = words_.format("answer_not", {{"value", value}});
  return joined(named, words_("answer_or_not"));
}

std::vector<Route> QuestionBook::routes(const std::vector<infer::HingeSet>& sets) {
  std::vector<Route> routes;
  routes.reserve(sets.size());
  for (const infer::HingeSet& set : sets) {
    Route route;
    for (const infer::HingeLiteral& literal : set) {
      const Place place = place_of(literal.fact);
      route.push_back(Answer{place.question, literal.needs_true, {place.fact}, false, {}});
    }
    routes.push_back(joined_answers(std::move(route)));
  }
  merge_routes(routes);
  std::sort(routes.begin(), routes.end(), route_less);
  for (Route& route : routes)
    for (Answer& answer : route) answer.text = answer_text(answer);
  return routes;
}

}  // namespace cybernorms::explain
