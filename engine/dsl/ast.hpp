// The parse tree of a rule file (*.cnr): plain, position-tagged values.
// Every node a check may blame carries a base::Span, filled in by the parser.
#pragma once
#include "base/span.hpp"

#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cybernorms::dsl::ast {

namespace x3 = boost::spirit::x3;

/// Base of every node that records where it was written. `span` is not part of the
/// parsed attribute; an on_success handler fills it in.
struct Node {
  base::Span span;
};

// ----- terms -----------------------------------------------------------------

/// `State`, `Op`, `_`: starts with an upper-case letter or is `_` (anonymous).
struct Variable : Node {
  std::string name;
};
/// `unauthorised_access`, `true`: a lower-case symbol (an enumerated value, an
/// entity id written in a rule, or a boolean).
struct Constant : Node {
  std::string name;
};
struct Integer : Node {
  std::int64_t value = 0;
};
struct String : Node {
  std::string value;
};
/// `$breach_threshold`: the value a profile gives a parameter.
struct ParamRef : Node {
  std::string name;
};

struct Term : x3::variant<Variable, Constant, Integer, String, ParamRef> {
  using base_type::base_type;
  using base_type::operator=;
};

// ----- conditions --------------------------------------------------------------

/// `acts(Op, unauthorised_access)`
struct Atom : Node {
  std::string relation;
  std::vector<Term> args;
};
/// `not consented(Op, Victim)`
struct Negation : Node {
  Atom atom;
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };

/// `State != Victim`, `Scale >= significant`, `$breach_threshold = penetration`
struct Comparison : Node {
  Term left;
  CompareOp op = CompareOp::eq;
  Term right;
};

struct Disjunction;

struct Condition : x3::variant<Atom, Negation, Comparison, x3::forward_ast<Disjunction>> {
  using base_type::base_type;
  using base_type::operator=;
};

/// `a and b and not c`
struct Conjunction : Node {
  std::vector<Condition> conditions;
};
/// `(a and b or c)`: alternatives, each a conjunction. Written in parentheses.
struct Disjunction : Node {
  std::vector<Conjunction> alternatives;
};

// ----- shared pieces -------------------------------------------------------------

/// `cite sov3 section "A / B" quote "..."`
struct Citation : Node {
  std::string source;
  std::string section;
  std::string quote;
};

/// `name: type` in a relation or principle signature.
struct Parameter : Node {
  std::string name;
  std::string type;
};

/// `zh "..."` after a text: the same text in another language.
struct Translation : Node {
  std::string language;
  std::string text;
};

/// A text a reader sees (a title, a doc, a `because` template): as written in the rule
/// base's own language, English, then its translations: `"Due diligence" zh "审慎预防义务"`.
struct Text : Node {
  std::string value;
  std::vector<Translation> translations;
};

// ----- top-level items -------------------------------------------------------------

/// `include "other.cnr"`
struct Include : Node {
  std::string path;
};

/// `source sov3 "Title" { date "..." file "..." url "..." heading "..." ... }`
struct SourceDecl : Node {
  std::string id;
  std::string title;
  std::optional<std::string> doc;
  std::optional<std::string> language;  ///< `language zh`: the language the document is written in; English if absent
  std::optional<std::string> date;
  std::optional<std::string> file;
  std::optional<std::string> url;
  std::vector<std::string> headings;
};

/// `type act_kind = { a, b, c } "doc"`: an enumeration; values are ordered as written.
struct TypeDecl : Node {
  std::string name;
  std::vector<Constant> values;
  std::optional<Text> doc;
};

/// `entity state from states "doc"`: a type whose values are the ids of the objects in
/// the scenario's collection `states`.
struct EntityDecl : Node {
  std::string name;
  std::string collection;
  std::optional<Text> doc;
};

/// `from operations.acts[] default []`: where a base relation's facts come from in a
/// scenario. `attribute` empty means the collection's members themselves.
struct Binding : Node {
  std::string collection;
  std::string attribute;
  bool is_list = false;
  std::optional<Term> default_value;  ///< `default x`; `[]` for an empty list is is_list + empty_default
  bool empty_list_default = false;
};

/// `question attribution "Is the conduct of {actor} attributable to {state}?"`: how an
/// unknown fact of a base relation is asked about, and the legal element it settles.
/// Unknown facts whose questions have the same element and read the same are one question.
struct Question : Node {
  std::string element;
  Text text;  ///< in English, then its translations: `"Who carried out {op}?" zh "谁实施了{op}？"`
};

/// `relation acts(op: operation, act: act_kind) "doc" from operations.acts[] question acts "..."`
struct RelationDecl : Node {
  std::string name;
  std::vector<Parameter> parameters;
  std::optional<Text> doc;
  std::optional<Binding> binding;
  std::optional<Question> question;
};

/// `param breach_threshold: threshold = penetration "doc"`
struct ParamDecl : Node {
  std::string name;
  std::string type;
  Term default_value;
  std::optional<Text> doc;
};

/// `principle non_infringement(responsible: state, ...) { title ... layers ... cite ... }`
struct PrincipleDecl : Node {
  std::string id;
  std::vector<Parameter> parameters;
  std::optional<Text> doc;
  Text title;
  std::vector<Constant> layers;
  std::vector<Citation> citations;
};

/// `rule a.b { conclude head when body because "..." cite ... }`
struct RuleDecl : Node {
  std::string id;
  std::optional<Text> doc;
  Atom head;
  std::optional<Conjunction> body;
  Text because;
  std::vector<Citation> citations;
};

/// `exception consent for non_infringement(_, Victim, Op) { when ... because ... cite ... }`
/// The conclusion matched by `target` does not hold where the body holds.
struct ExceptionDecl : Node {
  std::string id;
  Atom target;
  std::optional<Text> doc;
  Conjunction body;
  Text because;
  std::vector<Citation> citations;
};

/// `set breach_threshold = penetration` inside a profile.
struct Setting : Node {
  std::string param;
  Term value;
};

/// `profile france { title "..." set ... cite ... }`
struct ProfileDecl : Node {
  std::string id;
  std::optional<Text> doc;
  Text title;
  std::vector<Setting> settings;
  std::vector<Citation> citations;
};

/// `word implicated "涉及"` inside a language block: one of the program's own words
/// (base/words.cpp lists them, with their English text).
struct WordDecl : Node {
  std::string key;
  std::string text;
};

/// `language zh "中文" { word ... }`: a language the rule base's texts are translated into,
/// and the program's words in it.
struct LanguageDecl : Node {
  std::string id;
  std::string name;
  std::vector<WordDecl> words;
};

struct Item : x3::variant<Include, SourceDecl, TypeDecl, EntityDecl, RelationDecl, ParamDecl,
                          PrincipleDecl, RuleDecl, ExceptionDecl, ProfileDecl, LanguageDecl> {
  using base_type::base_type;
  using base_type::operator=;
};

/// One parsed file. `file` is its index in the run's base::SourceSet.
struct RuleFile {
  base::FileId file = 0;
  std::vector<Item> items;
};

}  // namespace cybernorms::dsl::ast
