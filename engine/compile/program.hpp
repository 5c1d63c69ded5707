// The declarations of a rule base indexed by name: what every check and the lowering read.
// A view over the parse trees; it owns no declarations and must not outlive them.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "dsl/ast.hpp"

#include <array>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

namespace cybernorms::compile {

namespace ast = dsl::ast;

/// Overload set for std::visit / boost::apply_visitor: one small lambda per alternative.
template <typename... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

/// Built-in types, in TypeId order: they come before every declared type.
inline constexpr std::array<std::string_view, 3> builtin_type_names{"bool", "int", "string"};

/// Declarations of one kind: all of them in the order written, and by name (where a
/// name is declared twice, the first keeps it).
template <typename Decl>
struct Index {
  std::vector<const Decl*> in_order;
  std::unordered_map<std::string_view, const Decl*> by_name;

  const Decl* find(std::string_view name) const {
    const auto found = by_name.find(name);
    return found == by_name.end() ? nullptr : found->second;
  }
  std::vector<std::string_view> names() const;
};

template <typename Decl>
std::vector<std::string_view> Index<Decl>::names() const {
  std::vector<std::string_view> out;
  out.reserve(by_name.size());
  for (const auto& [name, decl] : by_name) out.push_back(name);
  return out;
}

/// What a relation name stands for: a relation declaration or a principle.
struct Signature {
  std::string_view name;
  const std::vector<ast::Parameter>* parameters = nullptr;
  const ast::RelationDecl* relation = nullptr;    ///< set for `relation`
  const ast::PrincipleDecl* principle = nullptr;  ///< set for `principle`
  base::Span span;
  std::size_t arity() const { return parameters->size(); }
};

/// A type name: built-in, enumeration or entity.
struct TypeRef {
  std::string_view name;
  const ast::TypeDecl* enumeration = nullptr;
  const ast::EntityDecl* entity = nullptr;
  bool is_builtin() const { return enumeration == nullptr && entity == nullptr; }
  bool is_ordered() const { return enumeration != nullptr || name == "int"; }
};

struct Program {
  const base::SourceSet* sources = nullptr;
  Index<ast::SourceDecl> source_decls;
  Index<ast::TypeDecl> enumerations;
  Index<ast::EntityDecl> entities;
  Index<ast::ParamDecl> params;
  Index<ast::RuleDecl> rules;
  Index<ast::ExceptionDecl> exceptions;
  Index<ast::ProfileDecl> profiles;
  Index<ast::PrincipleDecl> principles;
  Index<ast::RelationDecl> relation_decls;
  Index<ast::LanguageDecl> languages;  ///< `language` blocks (English, built in, needs none)
  /// Relations and principles share one name space, in declaration order.
  std::vector<Signature> signatures;
  std::unordered_map<std::string_view, std::size_t> signature_index;
  std::unordered_map<std::string_view, TypeRef> types;
  std::vector<std::string_view> type_order;  ///< built-ins first, then as declared

  const Signature* find_signature(std::string_view name) const;
  const TypeRef* find_type(std::string_view name) const;
  std::vector<std::string_view> signature_names() const;
  std::vector<std::string_view> type_names() const { return type_order; }
};

/// Indexes every declaration; a name declared twice is E208, naming the first place.
Program collect_declarations(const std::vector<ast::RuleFile>& files, const base::SourceSet& sources,
                             base::Diagnostics& diagnostics);

/// A rule or an exception: a head (for an exception, its target pattern), a body, a
/// `because` template and citations. Most checks treat the two alike.
struct Clause {
  std::string_view id;
  std::string_view kind;  ///< "rule" or "exception"
  const ast::Atom* head = nullptr;
  const ast::Conjunction* body = nullptr;  ///< null for a rule with no `when`
  const ast::Text* because = nullptr;
  const std::vector<ast::Citation>* citations = nullptr;
  base::Span span;
  const ast::RuleDecl* rule = nullptr;            ///< set for a rule
  const ast::ExceptionDecl* exception = nullptr;  ///< set for an exception
};

/// Every rule, then every exception, each in written order.
std::vector<Clause> clauses(const Program& program);

/// A text a reader sees, with what it is: "the title of principle 'x'".
struct ReaderText {
  const ast::Text* text = nullptr;
  std::string what;
};

/// Every title, doc and `because` text of the program that explanations, listings or
/// the catalog show, in written order: what translations are checked against.
std::vector<ReaderText> reader_texts(const Program& program);

// ----- conditions ------------------------------------------------------------------

/// One condition of an alternative, after `or` is expanded away.
using FlatCondition = std::variant<const ast::Atom*, const ast::Negation*, const ast::Comparison*>;
using Alternative = std::vector<FlatCondition>;

/// The rule body's alternatives (a body without `or` has one). Stops and returns nothing
/// once more than `limit` alternatives would be needed, so no body can blow up.
std::optional<std::vector<Alternative>> expand_alternatives(const ast::Conjunction* body, std::size_t limit);

/// The most alternatives one written rule may expand into.
inline constexpr std::size_t max_alternatives = 64;

/// Calls `visit` with a pointer to every atom, negation and comparison in a body, in
/// written order, whatever `or` they sit in.
template <typename Visit>
void for_each_condition(const ast::Conjunction& body, Visit&& visit);

template <typename Visit>
void for_each_condition(const ast::Conjunction& body, Visit&& visit) {
  for (const ast::Condition& condition : body.conditions) {
    const auto& held = condition.get();
    if (const auto* atom = boost::get<ast::Atom>(&held)) {
      visit(atom);
    } else if (const auto* negation = boost::get<ast::Negation>(&held)) {
      visit(negation);
    } else if (const auto* comparison = boost::get<ast::Comparison>(&held)) {
      visit(comparison);
    } else if (const auto* nested = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&held)) {
      for (const ast::Conjunction& alternative : nested->get().alternatives) for_each_condition(alternative, visit);
    }
  }
}

/// The name of a variable term, or nothing for any other term.
const std::string* variable_name(const ast::Term& term);
/// The name of a parameter reference (`$name` without `$`), or nothing.
const std::string* param_name(const ast::Term& term);
/// Where a term was written.
base::Span term_span(const ast::Term& term);
/// How a term reads in a message: `X`, `minor`, `3`, `"text"`, `$p`.
std::string term_text(const ast::Term& term);

}  // namespace cybernorms::compile
