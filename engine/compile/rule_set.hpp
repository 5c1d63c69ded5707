// The compiled rule base: what the checker accepted, lowered to plain std types.
// Built once, then shared read-only by every evaluation (and every thread).
#pragma once
#include "base/span.hpp"
#include "base/symbols.hpp"

#include <cybernorms/report.hpp>
#include <cybernorms/words.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cybernorms::compile {

using base::SymbolId;
using TypeId = std::uint32_t;
using RelationId = std::uint32_t;

enum class TypeKind : std::uint8_t { enumeration, entity, boolean, integer, string };

/// A declared type. `values` lists an enumeration's values in declared order (their
/// symbols carry that order as order key) and `true`, `false` for bool.
struct Type {
  std::string name;
  TypeKind kind = TypeKind::enumeration;
  std::vector<SymbolId> values;
  std::string collection;  ///< entity types: the scenario collection holding the entities
  std::string doc;
  base::Span span;
};

/// A citation: source id, section heading path ("A / B"), short quote (a public type).
using cybernorms::Citation;

struct Source {
  std::string id;
  std::string title;
  std::string date;
  std::string file;  ///< empty for public sources known only by url
  std::string url;
  std::vector<std::string> headings;
  base::Span span;
  std::string language{default_language};  ///< the language the document is written in
};

/// Where a base relation's facts come from in a scenario (see docs/scenario-format.md).
struct Binding {
  std::string collection;
  std::string attribute;  ///< empty: the collection's members themselves
  bool is_list = false;
  std::optional<SymbolId> default_value;  ///< scalar default
  bool defaults_to_empty_list = false;
};

enum class RelationKind : std::uint8_t {
  base,       ///< read from scenarios (has a binding) or given as plain facts
  derived,    ///< concluded by rules
  principle,  ///< derived, and reported as a finding
  exception,  ///< derived from an exception's body; blocks its target's conclusions
  parameter,  ///< unary; its one fact is the active profile's value
};

/// The legal element an unknown fact settles ("attribution", "knowledge", ...) and the
/// question's template, with `{arg}` placeholders; arguments it leaves out are what an
/// answer names ("Where is {asset} located?" is answered by a state).
struct RelationQuestion {
  std::string element;
  std::string text;
  /// Per argument position, whether the text leaves it out (no `{name}`): what an answer
  /// names. Worked out once when the rule base is lowered: pooling asks it of every
  /// literal of every hinge set.
  std::vector<bool> answers;
};

struct Relation {
  std::string name;
  RelationKind kind = RelationKind::derived;
  std::vector<std::string> arg_names;
  std::vector<TypeId> arg_types;
  std::string doc;  ///< how a fact reads: "{op} involved {kind}"
  std::optional<Binding> binding;
  /// How an unknown fact of it is asked about (`question element "text"`); none: it is
  /// asked as its doc reads.
  std::optional<RelationQuestion> question;
  base::Span span;
  std::size_t arity() const { return arg_names.size(); }
};

/// A rule argument: a variable (index into Rule::variable_names) or a constant symbol.
struct Term {
  enum class Kind : std::uint8_t { variable, constant };
  Kind kind = Kind::constant;
  std::uint32_t value = 0;
  static Term variable(std::uint32_t index) { return {Kind::variable, index}; }
  static Term constant(SymbolId symbol) { return {Kind::constant, symbol}; }
  bool is_variable() const { return kind == Kind::variable; }
  friend bool operator==(const Term&, const Term&) = default;
};

struct AtomLiteral {
  RelationId relation = 0;
  std::vector<Term> args;
  bool negated = false;
  base::Span span;
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };

/// `<`, `<=`, `>`, `>=` compare symbols' order keys; `=`, `!=` compare symbols.
struct CompareLiteral {
  CompareOp op = CompareOp::eq;
  Term left;
  Term right;
  base::Span span;
};

using Literal = std::variant<AtomLiteral, CompareLiteral>;

/// One compiled rule. A written rule whose body has `or` becomes one Rule per
/// alternative, all with the written id and `alternative` = 0, 1, ...
struct Rule {
  std::string id;
  std::uint32_t alternative = 0;
  RelationId head = 0;
  std::vector<Term> head_args;
  /// In evaluation order, chosen at compile time: each negation and comparison comes
  /// right after the positive atoms that bind its variables.
  std::vector<Literal> body;
  /// Names as written; `$name` entries are the variables bound to parameters.
  std::vector<std::string> variable_names;
  std::string because;  ///< template with {Var} placeholders
  std::string doc;
  std::vector<Citation> citations;
  /// Set on the rule compiled from an exception: index into RuleSet::exceptions.
  std::optional<std::uint32_t> from_exception;
  /// Exceptions whose `not exception(...)` literal was added to this rule's body.
  std::vector<std::uint32_t> exceptions_checked;
  std::uint32_t stratum = 0;
  base::Span span;
};

struct Exception {
  std::string id;
  RelationId target = 0;     ///< the relation whose conclusions it blocks
  RelationId relation = 0;   ///< the derived relation holding where it applies
  std::string because;
  std::string doc;
  std::vector<Citation> citations;
  base::Span span;
};

struct Principle {
  std::string id;
  RelationId relation = 0;
  std::string title;
  std::string doc;
  std::vector<std::string> layers;
  std::vector<Citation> citations;
  base::Span span;
};

struct Param {
  std::string name;
  TypeId type = 0;
  SymbolId default_value = 0;
  RelationId relation = 0;  ///< the parameter relation whose one fact is the value
  std::string doc;
  base::Span span;
};

/// The value a profile (or a parameter's default) gives a parameter to hold it open: the
/// law unsettled for this reading, each value of the parameter's type an unknown fact, so
/// findings that rest on it are possible and hinge on a question of law.
inline constexpr std::string_view open_value_name = "open";

struct Profile {
  std::string id;
  std::string title;
  std::string doc;
  /// Every parameter's value under this profile (index into RuleSet::params -> value),
  /// defaults filled in, in parameter order.
  std::vector<SymbolId> values;
  /// The parameters this profile sets itself (not left at their default).
  std::vector<std::uint32_t> set_explicitly;
  /// Per parameter, whether this profile holds it open (its value is then `open`).
  std::vector<bool> held_open;
  std::vector<Citation> citations;
  base::Span span;
};

/// A language of the rule base: the program's words in it and the translation of the
/// rule base's texts, each looked up by its English text (one English text has one
/// translation per language; the check makes sure of it, E244).
struct Language {
  std::string id;    ///< "en", "zh"
  std::string name;  ///< as the language calls itself: "English", "中文"
  std::map<std::string, std::string, std::less<>> texts;  ///< English text -> translation
  Words words;
  /// A question's legal element -> its name in this language (`word element.NAME "..."`).
  std::map<std::string, std::string, std::less<>> elements;
  /// The text in this language: its translation, or `english` itself when it has none
  /// (English, or a text no translation was written for).
  std::string_view text(std::string_view english) const;
  /// A question's element as this language names it; the element itself when unnamed.
  std::string_view element(std::string_view element) const;
};

/// The whole compiled rule base.
struct RuleSet {
  base::SymbolTable symbols;
  std::vector<Type> types;
  std::vector<Relation> relations;
  std::vector<Rule> rules;  ///< ordered by stratum, then by source position
  std::vector<Exception> exceptions;
  std::vector<Principle> principles;
  std::vector<Param> params;
  std::vector<Profile> profiles;  ///< always holds "default" (first)
  std::vector<Source> sources;
  /// English first (built in, with no translations), then the `language` blocks as written.
  std::vector<Language> languages;
  std::uint32_t stratum_count = 0;

  std::optional<RelationId> find_relation(std::string_view name) const;
  std::optional<std::uint32_t> find_profile(std::string_view id) const;
  std::optional<TypeId> find_type(std::string_view name) const;
  const Source* find_source(std::string_view id) const;
  /// The language with this id, or null.
  const Language* find_language(std::string_view id) const;
  /// The ids of the languages, English first: what an unknown language's error lists.
  std::vector<std::string> language_ids() const;
  /// The parameter whose value a relation of kind `parameter` holds; null for other kinds.
  const Param* parameter_of(RelationId relation) const;
  /// The exception whose relation this is; null unless the relation is of kind `exception`.
  const Exception* exception_of(RelationId relation) const;
};

}  // namespace cybernorms::compile
