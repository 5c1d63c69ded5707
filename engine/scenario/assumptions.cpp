// Assumptions read, checked against a rule set and a scenario, and applied to its facts.
#include "scenario/assumptions.hpp"

#include "base/names.hpp"
#include "base/text_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace cybernorms::scenario {

namespace {

using base::brief;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_value_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':';
}

/// Reads a text left to right, remembering where it is, for the messages.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  void skip_space() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
  }
  bool done() const { return at_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[at_]; }
  std::size_t at() const { return at_; }
  bool take(char c) {
    if (peek() != c) return false;
    ++at_;
    return true;
  }
  /// The longest run of characters satisfying `accept` from here (maybe empty).
  template <typename Accept>
  std::string_view run(Accept accept) {
    const std::size_t start = at_;
    while (at_ < text_.size() && accept(text_[at_])) ++at_;
    return text_.substr(start, at_ - start);
  }
  /// What stands here, for a message: the next word, or the end.
  std::string shown_here() const {
    if (done()) return "the end";
    return fmt::format("'{}'", brief(text_.substr(at_, token_length())));
  }
  SyntaxProblem problem(std::string message) const { return {at_, token_length(), std::move(message)}; }
  /// The word that starts here (a run of value characters), or the one character.
  std::size_t token_length() const {
    std::size_t length = 1;
    if (done() || !is_value_char(text_[at_])) return length;
    while (at_ + length < text_.size() && is_value_char(text_[at_ + length])) ++length;
    return length;
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
};

std::optional<SyntaxProblem> parse_values(Cursor& cursor, WrittenFact& fact) {
  cursor.skip_space();
  if (cursor.take(')')) return std::nullopt;
  while (true) {
    cursor.skip_space();
    const std::size_t at = cursor.at();
    const std::string_view value = cursor.run(is_value_char);
    if (value.empty())
      return cursor.problem(fmt::format("expected a value (an entity id or an enumeration value), got {}",
                                        cursor.shown_here()));
    fact.args.emplace_back(value);
    fact.args_at.push_back(at);
    cursor.skip_space();
    if (cursor.take(')')) return std::nullopt;
    if (!cursor.take(','))
      return cursor.problem(fmt::format("expected ',' or ')' after a value, got {}", cursor.shown_here()));
  }
}

/// A span inside an assumption's fact text, which is on one line.
Span inner_span(const Span& fact, std::size_t at, std::size_t length) {
  Span span = fact;
  span.column += static_cast<std::uint32_t>(at);
  span.offset += static_cast<std::uint32_t>(at);
  span.length = static_cast<std::uint32_t>(std::max<std::size_t>(length, 1));
  return span;
}

/// An error about one assumption: at its place when it has one, else naming it.
template <typename... Args>
base::Diagnostic& located_error(base::Diagnostics& diagnostics, const AssumedFact& assumption, std::string code,
                                std::size_t at, std::size_t length, fmt::format_string<Args...> format,
                                Args&&... args) {
  std::string message = fmt::format(format, std::forward<Args>(args)...);
  if (assumption.span.is_known())
    return diagnostics.error(std::move(code), inner_span(assumption.span, at, length), "{}", message);
  return diagnostics.pointer_error(std::move(code), fmt::format("assumption {}", brief(assumption.fact)), "", "{}",
                                   message);
}

void add_note(base::Diagnostic& diagnostic, std::optional<std::string> note) {
  if (note) diagnostic.notes.push_back(std::move(*note));
}

/// Relations an assumption may name: base relations bound to a scenario attribute, and
/// parameters (a question of law answered: `$force_threshold(severe_disruption)=true`).
bool read_from_scenarios(const compile::Relation& relation) {
  return (relation.kind == compile::RelationKind::base && relation.binding.has_value()) ||
         relation.kind == compile::RelationKind::parameter;
}

std::vector<std::string> scenario_relation_names(const compile::RuleSet& rules) {
  std::vector<std::string> names;
  for (const compile::Relation& relation : rules.relations)
    if (read_from_scenarios(relation)) names.push_back(relation.name);
  return names;
}

std::string_view kind_words(compile::RelationKind kind) {
  switch (kind) {
    case compile::RelationKind::parameter: return "a profile's parameter";
    case compile::RelationKind::principle: return "a principle, concluded by rules";
    case compile::RelationKind::exception: return "an exception, concluded by rules";
    case compile::RelationKind::derived: return "concluded by rules";
    case compile::RelationKind::base: return "not read from scenarios";
  }
  return "not read from scenarios";
}

/// The values an argument may take in this scenario, or nullopt when any value will do
/// (integers, strings).
std::optional<std::vector<std::string>> allowed_values(const compile::RuleSet& rules, const compile::Type& type,
                                                       const LoadedScenario& scenario) {
  std::vector<std::string> values;
  switch (type.kind) {
    case compile::TypeKind::entity:
      for (const ScenarioEntity& entity : scenario.entities)
        if (entity.collection == type.collection) values.push_back(entity.id);
      return values;
    case compile::TypeKind::enumeration:
    case compile::TypeKind::boolean:
      for (const base::SymbolId symbol : type.values) values.push_back(rules.symbols.name(symbol));
      return values;
    case compile::TypeKind::integer:
    case compile::TypeKind::string: return std::nullopt;
  }
  return std::nullopt;
}

/// "no state 'x' in this scenario", with what else the value is, or the nearest one.
void check_value(const compile::RuleSet& rules, const compile::Relation& relation, std::size_t index,
                 const WrittenFact& written, const AssumedFact& assumption, const LoadedScenario& scenario,
                 base::Diagnostics& diagnostics, bool& ok) {
  const compile::Type& type = rules.types.at(relation.arg_types.at(index));
  const auto allowed = allowed_values(rules, type, scenario);
  const std::string& value = written.args[index];
  if (!allowed || std::find(allowed->begin(), allowed->end(), value) != allowed->end()) return;
  ok = false;
  const std::size_t at = written.args_at[index];
  if (type.kind == compile::TypeKind::entity) {
    auto& error = located_error(diagnostics, assumption, "E422", at, value.size(), "no {} '{}' in this scenario ({} of {})",
                                type.name, brief(value), relation.arg_names[index], relation.name);
    const auto other = std::find_if(scenario.entities.begin(), scenario.entities.end(),
                                    [&](const ScenarioEntity& entity) { return entity.id == value; });
    if (other != scenario.entities.end())
      error.notes.push_back(fmt::format("'{}' is in {}", brief(value), other->collection));
    else
      add_note(error, base::did_you_mean(value, *allowed));
    return;
  }
  auto& error = located_error(diagnostics, assumption, "E422", at, value.size(), "'{}' is not a value of {} ({} of {})",
                              brief(value), type.name, relation.arg_names[index], relation.name);
  if (const auto near = base::did_you_mean(value, *allowed)) error.notes.push_back(*near);
  else error.notes.push_back(fmt::format("values: {}", fmt::join(*allowed, ", ")));
}

std::optional<CheckedAssumption> check_one(const AssumedFact& assumption, const compile::RuleSet& rules,
                                           const LoadedScenario& scenario, base::Diagnostics& diagnostics) {
  const auto parsed = parse_written_fact(assumption.fact);
  if (const auto* problem = std::get_if<SyntaxProblem>(&parsed)) {
    located_error(diagnostics, assumption, "E420", problem->at, problem->length, "{}", problem->message);
    return std::nullopt;
  }
  const WrittenFact& written = std::get<WrittenFact>(parsed);
  const auto relation_id = rules.find_relation(written.relation);
  if (!relation_id) {
    auto& error = located_error(diagnostics, assumption, "E410", written.relation_at, written.relation.size(),
                                "unknown relation '{}'", brief(written.relation));
    add_note(error, base::did_you_mean(written.relation, scenario_relation_names(rules)));
    return std::nullopt;
  }
  const compile::Relation& relation = rules.relations[*relation_id];
  if (!read_from_scenarios(relation)) {
    auto& error = located_error(diagnostics, assumption, "E421", written.relation_at, written.relation.size(),
                                "'{}' is {}: an assumption names a relation read from scenarios",
                                relation.name, kind_words(relation.kind));
    error.notes.push_back("assume the scenario facts it rests on instead (cybernorms rules lists them)");
    return std::nullopt;
  }
  if (written.args.size() != relation.arity()) {
    located_error(diagnostics, assumption, "E411", written.relation_at, written.relation.size(),
                  "'{}' takes {} values ({}), got {}", relation.name, relation.arity(),
                  fmt::join(relation.arg_names, ", "), written.args.size());
    return std::nullopt;
  }
  bool ok = true;
  for (std::size_t i = 0; i < written.args.size(); ++i)
    check_value(rules, relation, i, written, assumption, scenario, diagnostics, ok);
  if (!ok) return std::nullopt;
  return CheckedAssumption{*relation_id, written.args, assumption.value,
                           relation.kind == compile::RelationKind::parameter};
}

/// Indices of the scenario facts that are this fact (a reader lists each once, but
/// nothing here depends on it).
std::vector<std::size_t> indices_of(const LoadedScenario& scenario, const CheckedAssumption& assumption) {
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < scenario.facts.size(); ++i) {
    const ScenarioFact& fact = scenario.facts[i];
    if (fact.relation == assumption.relation && fact.args == assumption.args) found.push_back(i);
  }
  return found;
}

}  // namespace

std::variant<WrittenFact, SyntaxProblem> parse_written_fact(std::string_view text) {
  Cursor cursor(text);
  WrittenFact fact;
  cursor.skip_space();
  fact.relation_at = cursor.at();
  // A parameter's relation is named with its `$`: `$force_threshold(severe_disruption)`.
  const bool parameter = cursor.take('$');
  if (!is_name_start(cursor.peek()))
    return cursor.problem(
        fmt::format("expected a fact like knew_of(op1, arland), got {}", cursor.shown_here()));
  fact.relation = (parameter ? "$" : "") + std::string(cursor.run(is_name_char));
  cursor.skip_space();
  if (!cursor.take('('))
    return cursor.problem(fmt::format("expected '(' after the relation name, got {}", cursor.shown_here()));
  if (auto problem = parse_values(cursor, fact)) return *problem;
  cursor.skip_space();
  if (!cursor.done()) return cursor.problem(fmt::format("unexpected {} after the fact", cursor.shown_here()));
  return fact;
}

std::vector<AssumedFact> read_assumption_lines(const base::SourceFile& source, base::FileId file,
                                               base::Diagnostics& diagnostics) {
  std::vector<AssumedFact> assumptions;
  for (std::uint32_t number = 1; number <= source.line_count(); ++number) {
    const std::string_view line = source.line_text(number);
    std::string_view content = line.substr(0, line.find('#'));
    while (!content.empty() && is_space(content.back())) content.remove_suffix(1);
    std::size_t begin = 0;
    while (begin < content.size() && is_space(content[begin])) ++begin;
    if (begin == content.size()) continue;
    const std::size_t offset_of_line = static_cast<std::size_t>(line.data() - source.text().data());
    const auto span_at = [&](std::size_t at, std::size_t length) {
      return source.span_at(offset_of_line + at, std::max<std::size_t>(length, 1), file);
    };
    const std::size_t equals = content.find('=');
    if (equals == std::string_view::npos) {
      diagnostics.error("E420", span_at(content.size(), 1), "expected '=true' or '=false' after the fact");
      continue;
    }
    std::size_t value_begin = equals + 1;
    while (value_begin < content.size() && is_space(content[value_begin])) ++value_begin;
    const std::string_view value = content.substr(value_begin);
    AssumedFact assumption;
    std::size_t fact_end = equals;
    while (fact_end > begin && is_space(content[fact_end - 1])) --fact_end;
    assumption.fact = std::string(content.substr(begin, fact_end - begin));
    assumption.span = span_at(begin, assumption.fact.size());
    if (value == "true" || value == "false") {
      assumption.value = value == "true";
    } else if (value == "maybe" || value == "unknown") {
      diagnostics.error("E420", span_at(value_begin, value.size()),
                        "an assumption is true or false, not '{}': a fact not assumed stays as the scenario says",
                        value);
      continue;
    } else {
      diagnostics.error("E420", span_at(value_begin, value.size()), "expected true or false after '=', got {}",
                        value.empty() ? std::string("nothing") : fmt::format("'{}'", brief(value)));
      continue;
    }
    if (assumption.fact.empty()) {
      diagnostics.error("E420", span_at(begin, 1), "expected a fact before '=', like knew_of(op1, arland)=true");
      continue;
    }
    const auto parsed = parse_written_fact(assumption.fact);
    if (const auto* problem = std::get_if<SyntaxProblem>(&parsed)) {
      diagnostics.error("E420", span_at(begin + problem->at, problem->length), "{}", problem->message);
      continue;
    }
    assumptions.push_back(std::move(assumption));
  }
  return assumptions;
}

std::vector<CheckedAssumption> check_assumptions(const std::vector<AssumedFact>& assumptions,
                                                 const compile::RuleSet& rules, const LoadedScenario& scenario,
                                                 base::Diagnostics& diagnostics) {
  std::vector<CheckedAssumption> checked;
  std::vector<const AssumedFact*> sources;
  for (const AssumedFact& assumption : assumptions) {
    auto one = check_one(assumption, rules, scenario, diagnostics);
    if (!one) continue;
    const auto same = std::find_if(checked.begin(), checked.end(), [&](const CheckedAssumption& earlier) {
      return earlier.relation == one->relation && earlier.args == one->args;
    });
    // A parameter has one value: two values assumed true contradict each other.
    const auto other_value = std::find_if(checked.begin(), checked.end(), [&](const CheckedAssumption& earlier) {
      return one->parameter && one->value && earlier.relation == one->relation && earlier.value &&
             earlier.args != one->args;
    });
    if (other_value != checked.end()) {
      const AssumedFact& first = *sources[static_cast<std::size_t>(other_value - checked.begin())];
      auto& error = located_error(diagnostics, assumption, "E423", 0, assumption.fact.size(),
                                  "'{}' gives parameter '{}' a second value", brief(assumption.fact),
                                  rules.relations[one->relation].name.substr(1));
      error.notes.push_back(fmt::format("'{}' is assumed true as well: a parameter has one value", brief(first.fact)));
      continue;
    }
    if (same == checked.end()) {
      checked.push_back(std::move(*one));
      sources.push_back(&assumption);
    } else if (same->value != one->value) {
      const AssumedFact& first = *sources[static_cast<std::size_t>(same - checked.begin())];
      auto& error = located_error(diagnostics, assumption, "E423", 0, assumption.fact.size(),
                                  "'{}' is assumed both true and false", brief(assumption.fact));
      if (first.span.is_known())
        error.notes.push_back(fmt::format("assumed {} at line {}, column {}", first.value, first.span.line,
                                          first.span.column));
    }
  }
  return checked;
}

std::vector<base::Truth> apply_assumptions(LoadedScenario& scenario, const std::vector<CheckedAssumption>& assumptions) {
  std::vector<base::Truth> stated;
  std::vector<bool> removed(scenario.facts.size(), false);
  std::vector<bool> assumed_true(scenario.facts.size(), false);
  for (const CheckedAssumption& assumption : assumptions) {
    if (assumption.parameter) {
      // A question of law: the profile's value is what the scenario "says"; the session
      // applies the answer when it takes the profile.
      scenario.parameter_answers.push_back(
          LoadedScenario::ParameterAnswer{assumption.relation, assumption.args.front(), assumption.value});
      stated.push_back(base::Truth::unknown);
      continue;
    }
    const std::vector<std::size_t> found = indices_of(scenario, assumption);
    stated.push_back(found.empty() ? base::Truth::no : scenario.facts[found.front()].truth);
    if (!assumption.value) {
      for (const std::size_t i : found) removed[i] = true;
    } else if (found.empty()) {
      scenario.facts.push_back(ScenarioFact{assumption.relation, assumption.args, base::Truth::yes});
      removed.push_back(false);
      assumed_true.push_back(true);
    } else {
      for (const std::size_t i : found) {
        scenario.facts[i].truth = base::Truth::yes;
        assumed_true[i] = true;
      }
    }
  }
  // An attribute has one value: the rest of its group are false once one is assumed true.
  for (const std::vector<std::size_t>& group : scenario.exclusive) {
    if (std::none_of(group.begin(), group.end(), [&](std::size_t i) { return assumed_true[i]; })) continue;
    for (const std::size_t i : group)
      if (!assumed_true[i]) removed[i] = true;
  }
  std::vector<std::size_t> new_index(scenario.facts.size());
  std::vector<ScenarioFact> kept;
  for (std::size_t i = 0; i < scenario.facts.size(); ++i) {
    new_index[i] = kept.size();
    if (!removed[i]) kept.push_back(std::move(scenario.facts[i]));
  }
  std::vector<std::vector<std::size_t>> groups;
  for (const std::vector<std::size_t>& group : scenario.exclusive) {
    std::vector<std::size_t> still_unknown;
    for (const std::size_t i : group)
      if (!removed[i] && kept[new_index[i]].truth == base::Truth::unknown) still_unknown.push_back(new_index[i]);
    if (still_unknown.size() > 1) groups.push_back(std::move(still_unknown));
  }
  scenario.facts = std::move(kept);
  scenario.exclusive = std::move(groups);
  return stated;
}

}  // namespace cybernorms::scenario
