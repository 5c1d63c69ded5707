// Parse-tree equality that ignores where things were written.
#include "dsl/print.hpp"

#include <boost/variant/apply_visitor.hpp>

#include <type_traits>

namespace cybernorms::dsl {
namespace {

template <typename T>
bool equal(const std::vector<T>& a, const std::vector<T>& b);
template <typename T>
bool equal(const std::optional<T>& a, const std::optional<T>& b);
template <typename T>
bool equal(const ast::x3::forward_ast<T>& a, const ast::x3::forward_ast<T>& b);
template <typename Variant>
requires requires(const Variant& v) { v.get().which(); }
bool equal(const Variant& a, const Variant& b);

bool equal(const ast::Variable& a, const ast::Variable& b) { return a.name == b.name; }
bool equal(const ast::Constant& a, const ast::Constant& b) { return a.name == b.name; }
bool equal(const ast::Integer& a, const ast::Integer& b) { return a.value == b.value; }
bool equal(const ast::String& a, const ast::String& b) { return a.value == b.value; }
bool equal(const ast::ParamRef& a, const ast::ParamRef& b) { return a.name == b.name; }

bool equal(const ast::Atom& a, const ast::Atom& b) { return a.relation == b.relation && equal(a.args, b.args); }
bool equal(const ast::Negation& a, const ast::Negation& b) { return equal(a.atom, b.atom); }
bool equal(const ast::Comparison& a, const ast::Comparison& b) {
  return a.op == b.op && equal(a.left, b.left) && equal(a.right, b.right);
}
bool equal(const ast::Conjunction& a, const ast::Conjunction& b) { return equal(a.conditions, b.conditions); }
bool equal(const ast::Disjunction& a, const ast::Disjunction& b) { return equal(a.alternatives, b.alternatives); }

bool equal(const ast::Citation& a, const ast::Citation& b) {
  return a.source == b.source && a.section == b.section && a.quote == b.quote;
}
bool equal(const ast::Parameter& a, const ast::Parameter& b) { return a.name == b.name && a.type == b.type; }

bool equal(const ast::Translation& a, const ast::Translation& b) {
  return a.language == b.language && a.text == b.text;
}
bool equal(const ast::Text& a, const ast::Text& b) { return a.value == b.value && equal(a.translations, b.translations); }
bool equal(const ast::WordDecl& a, const ast::WordDecl& b) { return a.key == b.key && a.text == b.text; }
bool equal(const ast::LanguageDecl& a, const ast::LanguageDecl& b) {
  return a.id == b.id && a.name == b.name && equal(a.words, b.words);
}

bool equal(const ast::Include& a, const ast::Include& b) { return a.path == b.path; }
bool equal(const ast::SourceDecl& a, const ast::SourceDecl& b) {
  return a.id == b.id && a.title == b.title && a.doc == b.doc && a.language == b.language && a.date == b.date && a.file == b.file &&
         a.url == b.url && a.headings == b.headings;
}
bool equal(const ast::TypeDecl& a, const ast::TypeDecl& b) {
  return a.name == b.name && equal(a.values, b.values) && equal(a.doc, b.doc);
}
bool equal(const ast::EntityDecl& a, const ast::EntityDecl& b) {
  return a.name == b.name && a.collection == b.collection && equal(a.doc, b.doc);
}
bool equal(const ast::Binding& a, const ast::Binding& b) {
  return a.collection == b.collection && a.attribute == b.attribute && a.is_list == b.is_list &&
         equal(a.default_value, b.default_value) && a.empty_list_default == b.empty_list_default;
}
bool equal(const ast::RelationDecl& a, const ast::RelationDecl& b) {
  const bool same_question = a.question.has_value() == b.question.has_value() &&
                             (!a.question || (a.question->element == b.question->element &&
                                              equal(a.question->text, b.question->text)));
  return a.name == b.name && equal(a.parameters, b.parameters) && equal(a.doc, b.doc) && equal(a.binding, b.binding) &&
         same_question;
}
bool equal(const ast::ParamDecl& a, const ast::ParamDecl& b) {
  return a.name == b.name && a.type == b.type && equal(a.default_value, b.default_value) && equal(a.doc, b.doc);
}
bool equal(const ast::PrincipleDecl& a, const ast::PrincipleDecl& b) {
  return a.id == b.id && equal(a.parameters, b.parameters) && equal(a.doc, b.doc) && equal(a.title, b.title) &&
         equal(a.layers, b.layers) && equal(a.citations, b.citations);
}
bool equal(const ast::RuleDecl& a, const ast::RuleDecl& b) {
  return a.id == b.id && equal(a.doc, b.doc) && equal(a.head, b.head) && equal(a.body, b.body) && equal(a.because, b.because) &&
         equal(a.citations, b.citations);
}
bool equal(const ast::ExceptionDecl& a, const ast::ExceptionDecl& b) {
  return a.id == b.id && equal(a.target, b.target) && equal(a.doc, b.doc) && equal(a.body, b.body) &&
         equal(a.because, b.because) && equal(a.citations, b.citations);
}
bool equal(const ast::Setting& a, const ast::Setting& b) { return a.param == b.param && equal(a.value, b.value); }
bool equal(const ast::ProfileDecl& a, const ast::ProfileDecl& b) {
  return a.id == b.id && equal(a.doc, b.doc) && equal(a.title, b.title) && equal(a.settings, b.settings) &&
         equal(a.citations, b.citations);
}

template <typename T>
bool equal(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!equal(a[i], b[i])) return false;
  }
  return true;
}

template <typename T>
bool equal(const std::optional<T>& a, const std::optional<T>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || equal(*a, *b);
}

template <typename T>
bool equal(const ast::x3::forward_ast<T>& a, const ast::x3::forward_ast<T>& b) {
  return equal(a.get(), b.get());
}

/// Two variants are equal when they hold the same alternative with equal contents.
template <typename Variant>
requires requires(const Variant& v) { v.get().which(); }
bool equal(const Variant& a, const Variant& b) {
  const auto same = [](const auto& x, const auto& y) {
    if constexpr (std::is_same_v<decltype(x), decltype(y)>) {
      return equal(x, y);
    } else {
      return false;
    }
  };
  return boost::apply_visitor(same, a.get(), b.get());
}

}  // namespace

bool same_ast(const ast::RuleFile& left, const ast::RuleFile& right) { return equal(left.items, right.items); }

}  // namespace cybernorms::dsl
