#include "render/compact_record.hpp"

#include "explain/pooling.hpp"

#include "render/report_render.hpp"

#include <cybernorms/words.hpp>

#include <algorithm>

namespace cybernorms::render {

namespace {

constexpr std::uint32_t no_question = UINT32_MAX;

/// A pooled role's value, as reports give it (explain::pooled_token).
std::string pooled_token(const infer::Session& session, const explain::OutcomeFinding& finding,
                         std::span<const infer::FactId> members) {
  std::vector<std::string> candidates;
  for (const infer::FactId member : members) candidates.push_back(session.symbol_name(session.args(member)[finding.pooled_role]));
  return explain::pooled_token(session, finding.asked, finding.asked_position, candidates);
}

// `{"yes": [0, 2], "no": [1]}`: the questions to answer yes and those to answer no.
void write_set(JsonWriter& json, std::span<const infer::HingeLiteral> set, const std::vector<std::uint32_t>& number) {
  json.begin_object();
  for (const bool answer : {true, false}) {
    bool opened = false;
    for (const infer::HingeLiteral& literal : set) {
      if (literal.needs_true != answer) continue;
      if (!opened) (answer ? json.plain_key("yes") : json.plain_key("no")).begin_array();
      opened = true;
      json.number(number[literal.fact]);
    }
    if (opened) json.end_array();
  }
  json.end_object();
}

// Only a list cut short says so, as in reports (`hinge_sets_found`, `hinges_complete`).
void write_hinge_limits(JsonWriter& json, const explain::OutcomeFinding& finding) {
  if (finding.sets_found > finding.set_count) json.plain_key("hinge_sets_found").number(finding.sets_found);
  if (finding.hinge_limit == HingeLimit::none) return;
  json.plain_key("hinges_complete").boolean(false);
  json.plain_key("hinge_limit").string(to_string(finding.hinge_limit));
}

/// Argument positions in the order `text` names them, `{name}` by `{name}`.
std::vector<std::uint32_t> named_positions(const compile::Relation& relation, std::string_view text) {
  std::vector<std::uint32_t> positions;
  for (const std::string& name : placeholders_of(text)) {
    for (std::uint32_t i = 0; i < relation.arg_names.size(); ++i)
      if (relation.arg_names[i] == name) positions.push_back(i);
  }
  return positions;
}

/// The element a relation's questions settle, as `asks` gives it.
std::string_view element_of(const compile::Relation& relation) {
  if (relation.kind == compile::RelationKind::parameter) return law_element;
  return relation.question ? std::string_view(relation.question->element) : std::string_view(relation.name);
}

}  // namespace

void CompactRecordWriter::write_roles(JsonWriter& json, const infer::Session& session,
                                      const explain::OutcomeFinding& finding, std::span<const infer::FactId> members) {
  const auto args = session.args(finding.fact);
  const auto& keys = role_keys_[prepared_for_->principles[finding.principle].relation];
  json.plain_key("roles").begin_object();
  for (std::size_t i = 0; i < args.size() && i < keys.size(); ++i) {
    json.prepared_key(keys[i]);
    if (i == finding.pooled_role)
      json.string(pooled_token(session, finding, members));
    else
      json.prepared_string(quoted(session, args[i]));
  }
  json.end_object();
}

// `"pooled": {"role": "injured", "candidates": ["borvania", "cerat"]}`, as in reports.
void CompactRecordWriter::write_pooled(JsonWriter& json, const infer::Session& session,
                                       const explain::OutcomeFinding& finding,
                                       std::span<const infer::FactId> members) {
  const compile::Relation& relation = prepared_for_->relations[prepared_for_->principles[finding.principle].relation];
  json.plain_key("pooled").begin_object();
  json.plain_key("role").string(relation.arg_names[finding.pooled_role]);
  json.plain_key("candidates").begin_array();
  for (const infer::FactId member : members)
    json.prepared_string(quoted(session, session.args(member)[finding.pooled_role]));
  json.end_array();
  json.end_object();
}

std::string_view CompactRecordWriter::quoted(const infer::Session& session, base::SymbolId symbol) {
  constexpr std::uint64_t kept = UINT64_MAX;
  if (symbol >= symbols_.size()) {
    symbols_.resize(symbol + 1);
    symbol_written_in_.resize(symbol + 1, 0);
  }
  const std::uint64_t wanted = symbol < shared_symbols_ ? kept : record_;
  if (symbol_written_in_[symbol] != wanted) {
    prepare_string(symbols_[symbol], session.symbol_name(symbol));  // a scenario's symbols: every record
    symbol_written_in_[symbol] = wanted;
  }
  return symbols_[symbol];
}

void CompactRecordWriter::prepare(const compile::RuleSet& rules) {
  if (prepared_for_ == &rules) return;
  prepared_for_ = &rules;
  principle_ids_.clear();
  for (const compile::Principle& principle : rules.principles) principle_ids_.push_back(prepare_string(principle.id));
  relation_names_.clear();
  elements_.clear();
  role_keys_.clear();
  for (const compile::Relation& relation : rules.relations) {
    relation_names_.push_back(prepare_string(relation.name));
    elements_.push_back(prepare_string(element_of(relation)));
    auto& keys = role_keys_.emplace_back();
    for (const std::string& name : relation.arg_names) keys.push_back(prepare_key(name));
  }
  for (const explain::Level level : {explain::Level::implicated, explain::Level::possible, explain::Level::not_implicated})
    levels_[static_cast<std::size_t>(level)] = prepare_string(level_token(level));
  symbols_.clear();
  symbol_written_in_.clear();
  shared_symbols_ = rules.symbols.size();
  shapes_.assign(rules.relations.size(), AskShape{});
  std::vector<std::pair<std::string_view, std::string_view>> distinct;
  for (std::size_t r = 0; r < rules.relations.size(); ++r) {
    const auto& question = rules.relations[r].question;
    const bool parameter = rules.relations[r].kind == compile::RelationKind::parameter;
    if (!question && !parameter) continue;
    // A parameter held open asks one question of law, whichever value answers it.
    const std::pair<std::string_view, std::string_view> key =
        parameter ? std::pair<std::string_view, std::string_view>{law_element, rules.relations[r].name}
                  : std::pair<std::string_view, std::string_view>{question->element, question->text};
    if (parameter) {
      auto found = std::find(distinct.begin(), distinct.end(), key);
      if (found == distinct.end()) found = distinct.insert(distinct.end(), key);
      shapes_[r] = AskShape{static_cast<std::uint32_t>(found - distinct.begin()), {}};
      continue;
    }
    auto found = std::find(distinct.begin(), distinct.end(), key);
    if (found == distinct.end()) found = distinct.insert(distinct.end(), key);
    shapes_[r] = AskShape{static_cast<std::uint32_t>(found - distinct.begin()),
                          named_positions(rules.relations[r], question->text)};
  }
}

void CompactRecordWriter::group_questions(const infer::Session& session) {
  ask_count_ = 0;
  for (std::uint32_t number = 0; number < questions_.size(); ++number) {
    const infer::FactId fact = questions_[number];
    const auto relation = static_cast<std::uint32_t>(session.relation_of(fact));
    const AskShape& shape = shapes_[relation];
    const auto args = session.args(fact);
    const auto same = [&](const Ask& ask) {
      if (shape.ask == UINT32_MAX || ask.ask != shape.ask || ask.values.size() != shape.named_args.size()) return false;
      for (std::size_t i = 0; i < shape.named_args.size(); ++i)
        if (ask.values[i] != args[shape.named_args[i]]) return false;
      return true;
    };
    const auto end = asks_.begin() + static_cast<std::ptrdiff_t>(ask_count_);
    auto found = std::find_if(asks_.begin(), end, same);
    if (found == end) {
      if (ask_count_ == asks_.size()) asks_.emplace_back();
      Ask& ask = asks_[ask_count_++];
      ask.relation = relation;
      ask.ask = shape.ask;
      ask.values.clear();
      for (const std::uint32_t position : shape.named_args) ask.values.push_back(args[position]);
      ask.facts.clear();
      found = asks_.begin() + static_cast<std::ptrdiff_t>(ask_count_ - 1);
    }
    found->facts.push_back(number);
  }
}

void CompactRecordWriter::number_questions(const infer::Session& session, const explain::Outcome& outcome) {
  for (const infer::FactId fact : questions_) question_of_[fact] = no_question;
  questions_.clear();
  if (question_of_.size() < session.fact_count()) question_of_.resize(session.fact_count(), no_question);
  for (const infer::HingeLiteral& literal : outcome.literals) {
    if (question_of_[literal.fact] != no_question) continue;
    question_of_[literal.fact] = static_cast<std::uint32_t>(questions_.size());
    questions_.push_back(literal.fact);
  }
}

void CompactRecordWriter::append(std::string& out, std::size_t line, std::string_view scenario,
                                 std::string_view profile, const compile::RuleSet& rules,
                                 const infer::Session& session, const explain::Outcome& outcome) {
  prepare(rules);
  ++record_;
  number_questions(session, outcome);
  group_questions(session);
  JsonWriter json(out);
  json.begin_object();
  json.plain_key("line").number(line);
  json.plain_key("ok").boolean(true);
  json.plain_key("scenario").string(scenario);
  json.plain_key("profile").string(profile);
  json.plain_key("findings").begin_array();
  for (const explain::OutcomeFinding& finding : outcome.findings) {
    json.begin_object();
    json.plain_key("principle").prepared_string(principle_ids_[finding.principle]);
    const auto members =
        std::span<const infer::FactId>(outcome.candidates).subspan(finding.first_candidate, finding.candidate_count);
    write_roles(json, session, finding, members);
    json.plain_key("level").prepared_string(levels_[static_cast<std::size_t>(finding.level)]);
    if (finding.is_pooled()) write_pooled(json, session, finding, members);
    if (finding.level == explain::Level::possible) {
      json.plain_key("hinges").begin_array();
      for (std::uint32_t k = 0; k < finding.set_count; ++k)
        write_set(json, outcome.set(finding.first_set + k), question_of_);
      json.end_array();
      write_hinge_limits(json, finding);
    }
    json.end_object();
  }
  json.end_array();
  json.plain_key("not_implicated").begin_array();
  for (const std::uint32_t principle : outcome.without_findings) json.prepared_string(principle_ids_[principle]);
  json.end_array();
  json.plain_key("questions").begin_array();
  for (const infer::FactId fact : questions_) {
    json.begin_object();
    json.plain_key("relation").prepared_string(relation_names_[session.relation_of(fact)]);
    json.plain_key("args").begin_array();
    for (const base::SymbolId value : session.args(fact)) json.prepared_string(quoted(session, value));
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.plain_key("asks").begin_array();
  for (std::size_t a = 0; a < ask_count_; ++a) {
    const Ask& ask = asks_[a];
    json.begin_object();
    json.plain_key("element").prepared_string(elements_[ask.relation]);
    json.plain_key("facts").begin_array();
    for (const std::uint32_t number : ask.facts) json.number(number);
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace cybernorms::render
