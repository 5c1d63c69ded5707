// A generator of well-typed rule sets: the fuzzer's bytes choose a vocabulary (a source,
// enumerations, entities, base relations read from scenario paths, parameters, derived
// relations and principles) and rules over it (conjunctions, negations, comparisons with
// constants and parameters, alternatives, exceptions, recursion within a level), written
// as rule-language text that is meant to compile without errors.
//
// What keeps it valid:
//  - every variable has one type, the one of the argument it first fills (names are
//    unique in a clause, so no two alternatives disagree);
//  - heads, negations and comparisons use only variables bound by a positive atom
//    outside any alternative (an alternative's own variables stay inside it);
//  - relations have levels: base relations 0, derived ones 1 and up, principles above
//    them all. A rule reads positively its own level or lower (so recursion stays
//    within a level) and negatively only lower levels, and an exception's body only
//    levels below its target's, so no relation depends on itself through `not`.
#pragma once
#include "decisions.hpp"

#include <fmt/core.h>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::fuzz {

enum class GeneratedKind { entity, enumeration, boolean, integer, text };

struct GeneratedType {
  std::string name;
  GeneratedKind kind = GeneratedKind::entity;
  std::vector<std::string> constants;  ///< values as written in rule text
  std::string collection;              ///< the scenario collection of an entity type
  bool ordered() const { return kind == GeneratedKind::enumeration || kind == GeneratedKind::integer; }
};

using TypeIndex = std::size_t;

struct GeneratedRelation {
  std::string name;
  std::vector<TypeIndex> args;
  std::size_t level = 0;  ///< 0: base; derived relations 1 and up; principles above them
};

struct GeneratedParam {
  std::string name;
  TypeIndex type = 0;
};

struct CitedSection {
  std::string source;
  std::string section;  ///< a heading of the source, or a heading's leading part
};

/// What the rules may mention.
struct Vocabulary {
  std::vector<GeneratedType> types;
  std::vector<GeneratedRelation> relations;
  std::vector<GeneratedParam> params;
  std::vector<CitedSection> sections;
};

/// Writes the body of one rule or exception, keeping track of which variables are bound
/// and of which type.
class ClauseWriter {
 public:
  /// Positive atoms read relations up to `positive_level`, negations those up to `negative_level`.
  ClauseWriter(Decisions& decide, const Vocabulary& vocabulary, std::size_t positive_level, std::size_t negative_level)
      : decide_(decide), vocabulary_(vocabulary), positive_level_(positive_level), negative_level_(negative_level) {}

  /// One argument of a rule's head: mostly a variable the body must bind, else a constant.
  std::string head_term(TypeIndex type) {
    if (decide_.chance(12)) return constant(type, false);
    return required_variable(type);
  }

  /// One argument of an exception's target pattern: `_`, a constant or a variable.
  std::string pattern_term(TypeIndex type) {
    if (decide_.chance(35)) return "_";
    if (decide_.chance(20)) return constant(type, false);
    return required_variable(type);
  }

  /// The conditions, joined by `and`: positive atoms (one of them at `same_level` when
  /// given, for recursion), atoms binding what the head needs, then perhaps alternatives,
  /// negations and comparisons, in an order the bytes choose.
  std::string body(std::optional<std::size_t> same_level) {
    std::vector<std::string> conditions;
    const std::size_t positives = decide_.between(1, 3);
    for (std::size_t i = 0; i < positives; ++i) {
      const bool recursive = i == 0 && same_level && decide_.chance(60);
      conditions.push_back(positive_atom(recursive ? *same_level : positive_level_, recursive));
    }
    bind_required(conditions);
    if (decide_.chance(25)) conditions.push_back(alternatives(0));
    for (int i = 0; i < 2; ++i) {
      if (decide_.chance(35)) conditions.push_back(negation());
      if (!bound_.empty() && decide_.chance(35)) conditions.push_back(comparison());
    }
    if (decide_.chance(30)) decide_.shuffle(conditions);
    return join(conditions, " and ");
  }

  /// A `because` text naming some of the clause's bound variables and parameters.
  std::string because(std::string_view id) {
    std::string text = fmt::format("{} holds", id);
    for (const auto& variable : required_) {
      if (is_bound(variable.name) && decide_.chance(60)) text += fmt::format(" for {{{}}}", variable.name);
    }
    for (const auto& param : params_used_) {
      if (decide_.chance(50)) text += fmt::format(" under {{${}}}", param);
    }
    return text;
  }

 private:
  struct Variable {
    std::string name;
    TypeIndex type = 0;
  };

  static std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? std::string(separator) : "") + parts[i];
    return text;
  }

  std::string fresh_name(TypeIndex type) {
    const char initial = static_cast<char>(std::toupper(static_cast<unsigned char>(vocabulary_.types[type].name[0])));
    return fmt::format("{}{}", initial, next_variable_++);
  }

  std::string required_variable(TypeIndex type) {
    std::vector<std::size_t> same_type;
    for (std::size_t i = 0; i < required_.size(); ++i)
      if (required_[i].type == type) same_type.push_back(i);
    if (!same_type.empty() && decide_.chance(15)) return required_[decide_.pick(same_type)].name;
    required_.push_back({fresh_name(type), type});
    return required_.back().name;
  }

  /// A value of the type; an entity may be written as a string where the type is known
  /// from the argument (not in a comparison, where a string literal is of type string).
  std::string constant(TypeIndex type, bool in_comparison) {
    const GeneratedType& written = vocabulary_.types[type];
    const std::string& value = decide_.pick(written.constants);
    const bool as_string = written.kind == GeneratedKind::entity && !in_comparison && decide_.chance(20);
    return as_string ? fmt::format("\"{}\"", value) : value;
  }

  bool is_bound(const std::string& name) const {
    for (const auto& variable : bound_)
      if (variable.name == name) return true;
    return false;
  }

  std::vector<std::size_t> bound_of_type(TypeIndex type) const {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < bound_.size(); ++i)
      if (bound_[i].type == type) found.push_back(i);
    return found;
  }

  std::vector<std::size_t> unbound_required_of_type(TypeIndex type) const {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < required_.size(); ++i)
      if (required_[i].type == type && !is_bound(required_[i].name)) found.push_back(i);
    return found;
  }

  std::vector<std::string> params_of_type(TypeIndex type) const {
    std::vector<std::string> found;
    for (const auto& param : vocabulary_.params)
      if (param.type == type) found.push_back(param.name);
    return found;
  }

  std::string param_ref(const std::vector<std::string>& names) {
    const std::string& name = decide_.pick(names);
    bool known = false;
    for (const auto& used : params_used_) known = known || used == name;
    if (!known) params_used_.push_back(name);
    return "$" + name;
  }

  std::string bind(std::string name, TypeIndex type) {
    bound_.push_back({name, type});
    return name;
  }

  /// An argument of a positive atom. Outside alternatives it may bind a variable the
  /// head needs; inside, it binds only variables of its own alternative.
  std::string positive_argument(TypeIndex type) {
    if (alternative_depth_ == 0) {
      const auto needed = unbound_required_of_type(type);
      if (!needed.empty() && decide_.chance(60)) {
        const Variable& variable = required_[decide_.pick(needed)];
        return bind(variable.name, variable.type);
      }
    }
    const auto bound = bound_of_type(type);
    if (!bound.empty() && decide_.chance(45)) return bound_[decide_.pick(bound)].name;
    if (decide_.chance(12)) return constant(type, false);
    if (decide_.chance(12)) return "_";
    const auto params = params_of_type(type);
    if (!params.empty() && decide_.chance(15)) return param_ref(params);
    return bind(fresh_name(type), type);
  }

  /// An argument of a negation or comparison: bound already, a constant or a parameter.
  std::string bound_argument(TypeIndex type, bool in_comparison) {
    const auto bound = bound_of_type(type);
    if (!bound.empty() && decide_.chance(70)) return bound_[decide_.pick(bound)].name;
    const auto params = params_of_type(type);
    if (!params.empty() && decide_.chance(25)) return param_ref(params);
    return constant(type, in_comparison);
  }

  std::vector<std::size_t> relations_up_to(std::size_t level, bool exactly) const {
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < vocabulary_.relations.size(); ++i) {
      const std::size_t at = vocabulary_.relations[i].level;
      if (exactly ? at == level : at <= level) found.push_back(i);
    }
    return found;
  }

  std::string positive_atom(std::size_t level, bool exactly) {
    const GeneratedRelation& relation = vocabulary_.relations[decide_.pick(relations_up_to(level, exactly))];
    std::vector<std::string> args;
    for (const TypeIndex type : relation.args) args.push_back(positive_argument(type));
    return fmt::format("{}({})", relation.name, join(args, ", "));
  }

  /// An atom of a base relation putting `variable` where its type goes, for each
  /// variable the head needs that no atom has bound yet (every type has such a relation).
  void bind_required(std::vector<std::string>& conditions) {
    for (const Variable& variable : required_) {
      if (is_bound(variable.name)) continue;
      std::vector<std::pair<std::size_t, std::size_t>> places;  // relation, position
      for (std::size_t r = 0; r < vocabulary_.relations.size(); ++r) {
        const GeneratedRelation& relation = vocabulary_.relations[r];
        if (relation.level > positive_level_) continue;
        for (std::size_t i = 0; i < relation.args.size(); ++i)
          if (relation.args[i] == variable.type) places.emplace_back(r, i);
      }
      const auto [chosen, position] = decide_.pick(places);
      const GeneratedRelation& relation = vocabulary_.relations[chosen];
      std::vector<std::string> args;
      for (std::size_t i = 0; i < relation.args.size(); ++i)
        args.push_back(i == position ? bind(variable.name, variable.type) : positive_argument(relation.args[i]));
      conditions.push_back(fmt::format("{}({})", relation.name, join(args, ", ")));
    }
  }

  std::string negation() {
    const GeneratedRelation& relation = vocabulary_.relations[decide_.pick(relations_up_to(negative_level_, false))];
    std::vector<std::string> args;
    for (const TypeIndex type : relation.args) args.push_back(bound_argument(type, false));
    return fmt::format("not {}({})", relation.name, join(args, ", "));
  }

  std::string comparison() {
    const Variable left = decide_.pick(bound_);
    static const std::vector<std::string> ordered_ops{"=", "!=", "<", "<=", ">", ">="};
    static const std::vector<std::string> equality_ops{"=", "!="};
    const std::string& op = decide_.pick(vocabulary_.types[left.type].ordered() ? ordered_ops : equality_ops);
    const std::string right = bound_argument(left.type, true);
    if (decide_.chance(20)) return fmt::format("{} {} {}", right, op, left.name);
    return fmt::format("{} {} {}", left.name, op, right);
  }

  /// `(A and B or C)`: two or three alternatives of one or two conditions each, an
  /// alternative's new variables forgotten after it. Nested once at most, so a clause
  /// stays well under the limit of 64 alternatives.
  std::string alternatives(int depth) {
    ++alternative_depth_;
    std::vector<std::string> branches;
    const std::size_t count = decide_.between(2, 3);
    for (std::size_t b = 0; b < count; ++b) {
      const std::size_t outer = bound_.size();
      std::vector<std::string> conditions;
      const std::size_t length = decide_.between(1, 2);
      for (std::size_t c = 0; c < length; ++c) {
        const std::size_t kind = decide_.below(4);
        if (kind == 1) conditions.push_back(negation());
        else if (kind == 2 && !bound_.empty()) conditions.push_back(comparison());
        else if (kind == 3 && depth == 0) conditions.push_back(alternatives(depth + 1));
        else conditions.push_back(positive_atom(positive_level_, false));
      }
      bound_.resize(outer);
      branches.push_back(join(conditions, " and "));
    }
    --alternative_depth_;
    return "(" + join(branches, " or ") + ")";
  }

  Decisions& decide_;
  const Vocabulary& vocabulary_;
  std::size_t positive_level_;
  std::size_t negative_level_;
  std::vector<Variable> required_;  ///< the head's (or target pattern's) variables
  std::vector<Variable> bound_;     ///< bound by a positive atom, in scope here
  std::vector<std::string> params_used_;
  std::size_t next_variable_ = 0;
  int alternative_depth_ = 0;
};

/// Turns decisions into one rule file. Each part of the vocabulary is declared before
/// the rules that use it. No expression takes two decisions (the order in which a call's
/// arguments are evaluated differs between compilers), so an input gives the same text
/// in every build.
class RuleTextGenerator {
 public:
  explicit RuleTextGenerator(Decisions& decide) : decide_(decide) {}

  std::string generate() {
    add_sources();
    add_entities();
    add_value_types();
    add_base_relations();
    add_params();
    const std::size_t top = add_derived_relations();
    add_principles(top + 1);
    add_rules();
    add_exceptions();
    add_profiles();
    return std::move(text_);
  }

 private:
  static constexpr std::string_view quote = "No state shall harm another";

  void write(const std::string& line) { text_ += line + "\n"; }

  std::string optional_doc(const std::string& doc) { return decide_.chance(40) ? fmt::format(" \"{}\"", doc) : ""; }

  std::string citations() {
    std::string text;
    const std::size_t count = decide_.chance(5) ? 0 : decide_.between(1, 2);
    for (std::size_t i = 0; i < count; ++i) {
      const CitedSection& citation = decide_.pick(vocabulary_.sections);
      text += fmt::format("  cite {} section \"{}\" quote \"{}\"\n", citation.source, citation.section, quote);
    }
    return text;
  }

  void add_sources() {
    write("source doc \"A generated source\" {");
    write("  date \"2024\"");
    write("  file \"doc.txt\"");
    write("  heading \"Part One / Duties\"");
    write("  heading \"Part Two\"");
    write("}");
    vocabulary_.sections = {{"doc", "Part One / Duties"}, {"doc", "Part One"}, {"doc", "Part Two"}};
    if (!decide_.chance(40)) return;
    write("source web \"A public page\" {");
    write("  url \"https://example.org/duties\"");
    write("  heading \"Article 1\"");
    write("}");
    vocabulary_.sections.push_back({"web", "Article 1"});
  }

  void add_entities() {
    static const std::vector<std::pair<std::string, std::string>> pool{
        {"actor", "actors"}, {"asset", "assets"}, {"event", "events"}};
    const std::size_t count = decide_.between(1, pool.size());
    for (std::size_t i = 0; i < count; ++i) {
      const auto& [name, collection] = pool[i];
      write(fmt::format("entity {} from {}{}", name, collection, optional_doc("One " + name + " of a scenario.")));
      vocabulary_.types.push_back({name, GeneratedKind::entity, {"a", "b", "c"}, collection});
    }
  }

  /// Enumerations (a value `none` first in some: one value in two of them, at the same
  /// place, is allowed even when compared by order), then some built-in types.
  void add_value_types() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> pool{
        {"level", {"low", "mid", "high", "top"}},
        {"kind", {"access", "theft", "wiper", "spy"}},
        {"stage", {"planned", "begun", "done", "undone"}}};
    const std::size_t count = decide_.below(pool.size() + 1);
    for (std::size_t i = 0; i < count; ++i) {
      const auto& [name, names] = pool[i];
      std::vector<std::string> values;
      if (decide_.chance(30)) values.push_back("none");
      const std::size_t length = decide_.between(2, names.size());
      values.insert(values.end(), names.begin(), names.begin() + static_cast<long>(length));
      std::string list;
      for (std::size_t v = 0; v < values.size(); ++v) list += (v ? ", " : "") + values[v];
      write(fmt::format("type {} = {{ {} }}{}", name, list, optional_doc("The " + name + " of a thing.")));
      vocabulary_.types.push_back({name, GeneratedKind::enumeration, values, {}});
    }
    if (decide_.chance(50)) vocabulary_.types.push_back({"bool", GeneratedKind::boolean, {"true", "false"}, {}});
    if (decide_.chance(50))
      vocabulary_.types.push_back(
          {"int", GeneratedKind::integer, {"0", "1", "2", "-1", "9223372036854775807", "-9223372036854775808"}, {}});
    if (decide_.chance(25))
      vocabulary_.types.push_back({"string", GeneratedKind::text, {"\"x\"", "\"y\"", "\"a b\""}, {}});
  }

  std::vector<TypeIndex> entity_types() const {
    std::vector<TypeIndex> found;
    for (TypeIndex i = 0; i < vocabulary_.types.size(); ++i)
      if (vocabulary_.types[i].kind == GeneratedKind::entity) found.push_back(i);
    return found;
  }

  /// `name(x: entity, v: value) from collection.name`, as a list or a scalar, perhaps
  /// with a default.
  void add_attribute(TypeIndex entity, TypeIndex value) {
    const GeneratedType& owner = vocabulary_.types[entity];
    const GeneratedType& type = vocabulary_.types[value];
    const std::string name = fmt::format("{}_{}{}", owner.name, type.name, vocabulary_.relations.size());
    std::string binding = fmt::format("from {}.{}", owner.collection, name);
    if (decide_.chance(35)) {
      binding += "[]";
      if (decide_.chance(30)) binding += " default []";
    } else if (decide_.chance(30)) {
      binding += " default " + decide_.pick(type.constants);
    }
    write(fmt::format("relation {}(x: {}, v: {}){} {}", name, owner.name, type.name,
                      optional_doc("{x} has " + type.name + " {v}"), binding));
    vocabulary_.relations.push_back({name, {entity, value}, 0});
  }

  /// Every entity's members; an attribute for every other type (so every type has an
  /// atom that binds it); some links between entities and some flags.
  void add_base_relations() {
    const auto entities = entity_types();
    for (const TypeIndex entity : entities) {
      const GeneratedType& type = vocabulary_.types[entity];
      const std::string doc = optional_doc("{x} is one of the " + type.collection);
      write(fmt::format("relation is_{}(x: {}){} from {}", type.name, type.name, doc, type.collection));
      vocabulary_.relations.push_back({"is_" + type.name, {entity}, 0});
    }
    for (TypeIndex value = 0; value < vocabulary_.types.size(); ++value) {
      if (vocabulary_.types[value].kind != GeneratedKind::entity) add_attribute(decide_.pick(entities), value);
    }
    const std::size_t links = decide_.below(3);
    for (std::size_t i = 0; i < links; ++i) {
      const TypeIndex from = decide_.pick(entities);
      add_attribute(from, decide_.pick(entities));
    }
    if (decide_.chance(40)) {
      const TypeIndex entity = decide_.pick(entities);
      const GeneratedType& owner = vocabulary_.types[entity];
      const std::string name = fmt::format("{}_flag{}", owner.name, vocabulary_.relations.size());
      write(fmt::format("relation {}(x: {}) from {}.{}{}", name, owner.name, owner.collection, name,
                        decide_.chance(50) ? " default false" : ""));
      vocabulary_.relations.push_back({name, {entity}, 0});
    }
  }

  void add_params() {
    std::vector<TypeIndex> candidates;
    for (TypeIndex i = 0; i < vocabulary_.types.size(); ++i) {
      const GeneratedKind kind = vocabulary_.types[i].kind;
      if (kind == GeneratedKind::enumeration || kind == GeneratedKind::boolean || kind == GeneratedKind::integer)
        candidates.push_back(i);
    }
    if (candidates.empty()) return;
    const std::size_t count = decide_.below(3);
    for (std::size_t i = 0; i < count; ++i) {
      const TypeIndex type = decide_.pick(candidates);
      const std::string name = fmt::format("p{}", i);
      const std::string& value = decide_.pick(vocabulary_.types[type].constants);
      write(fmt::format("param {}: {} = {}{}", name, vocabulary_.types[type].name, value,
                        optional_doc("What a profile decides.")));
      vocabulary_.params.push_back({name, type});
    }
  }

  std::vector<TypeIndex> argument_types() {
    std::vector<TypeIndex> args(decide_.between(1, 3));
    for (auto& type : args) type = decide_.below(vocabulary_.types.size());
    return args;
  }

  std::string parameter_list(const std::vector<TypeIndex>& args) const {
    std::string text;
    for (std::size_t i = 0; i < args.size(); ++i)
      text += fmt::format("{}a{}: {}", i ? ", " : "", i, vocabulary_.types[args[i]].name);
    return text;
  }

  /// Two to five derived relations, each at the level of the one before or one above.
  std::size_t add_derived_relations() {
    const std::size_t count = decide_.between(2, 5);
    std::size_t level = 1;
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0 && decide_.chance(40)) ++level;
      const std::string name = fmt::format("d{}", i);
      const auto args = argument_types();
      write(fmt::format("relation {}({}){}", name, parameter_list(args), optional_doc("{a0} is in " + name)));
      vocabulary_.relations.push_back({name, args, level});
    }
    return level;
  }

  void add_principles(std::size_t level) {
    static const std::vector<std::string> layers{"physical", "logical", "application", "social"};
    const std::size_t count = decide_.between(1, 2);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string name = fmt::format("duty{}", i);
      const auto args = argument_types();
      write(fmt::format("principle {}({}) {{", name, parameter_list(args)));
      if (decide_.chance(50)) write(fmt::format("  \"{{a0}} owes duty {}.\"", i));
      write(fmt::format("  title \"Duty {}\"", i));
      if (decide_.chance(40)) {
        const std::string& first = decide_.pick(layers);
        write(fmt::format("  layers {}, {}", first, decide_.pick(layers)));
      }
      text_ += fmt::format("  cite doc section \"Part One / Duties\" quote \"{}\"\n", quote);
      write("}");
      vocabulary_.relations.push_back({name, args, level});
    }
  }

  /// One to three rules per derived relation and principle: the first reads lower levels
  /// only, so something holds; the others may read their own level, which makes cycles.
  void add_rules() {
    for (const GeneratedRelation& relation : vocabulary_.relations) {
      if (relation.level == 0) continue;
      const std::size_t count = decide_.between(1, 3);
      for (std::size_t i = 0; i < count; ++i) add_rule(relation, fmt::format("{}.r{}", relation.name, i), i > 0);
    }
  }

  void add_rule(const GeneratedRelation& relation, const std::string& id, bool may_recurse) {
    const std::size_t level = relation.level;
    ClauseWriter clause(decide_, vocabulary_, may_recurse ? level : level - 1, level - 1);
    const bool is_fact = decide_.chance(8);
    std::vector<std::string> head;
    for (const TypeIndex type : relation.args)
      head.push_back(is_fact ? decide_.pick(vocabulary_.types[type].constants) : clause.head_term(type));
    write(fmt::format("rule {} {{", id));
    if (decide_.chance(30)) write(fmt::format("  \"Rule {}.\"", id));
    write(fmt::format("  conclude {}({})", relation.name, join(head)));
    if (!is_fact) write("  when " + clause.body(may_recurse ? std::optional(level) : std::nullopt));
    write(fmt::format("  because \"{}\"", clause.because(id)));
    text_ += citations();
    write("}");
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
    return text;
  }

  void add_exceptions() {
    std::vector<std::size_t> targets;
    for (std::size_t i = 0; i < vocabulary_.relations.size(); ++i)
      if (vocabulary_.relations[i].level > 0) targets.push_back(i);
    const std::size_t count = decide_.below(3);
    for (std::size_t i = 0; i < count; ++i) {
      const GeneratedRelation& target = vocabulary_.relations[decide_.pick(targets)];
      ClauseWriter clause(decide_, vocabulary_, target.level - 1, target.level - 1);
      std::vector<std::string> pattern;
      for (const TypeIndex type : target.args) pattern.push_back(clause.pattern_term(type));
      const std::string id = fmt::format("waiver{}", i);
      write(fmt::format("exception {} for {}({}) {{", id, target.name, join(pattern)));
      write("  when " + clause.body(std::nullopt));
      write(fmt::format("  because \"{}\"", clause.because(id)));
      text_ += citations();
      write("}");
    }
  }

  void add_profiles() {
    const std::size_t count = decide_.below(3);
    for (std::size_t i = 0; i < count; ++i) {
      write(fmt::format("profile view{} {{", i));
      write(fmt::format("  title \"View {}\"", i));
      for (const GeneratedParam& param : vocabulary_.params) {
        if (decide_.chance(60))
          write(fmt::format("  set {} = {}", param.name, decide_.pick(vocabulary_.types[param.type].constants)));
      }
      if (decide_.chance(50)) text_ += citations();
      write("}");
    }
  }

  Decisions& decide_;
  Vocabulary vocabulary_;
  std::string text_;
};

/// The rule text the decisions choose.
inline std::string generate_rule_text(Decisions& decide) { return RuleTextGenerator(decide).generate(); }

}  // namespace cybernorms::fuzz
