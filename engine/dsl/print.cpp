#include "dsl/print.hpp"

#include <boost/variant/apply_visitor.hpp>
#include <fmt/core.h>

#include <string_view>

namespace cybernorms::dsl {
namespace {

template <typename... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <typename... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

constexpr std::string_view compare_symbol(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::eq:
      return "=";
    case ast::CompareOp::ne:
      return "!=";
    case ast::CompareOp::lt:
      return "<";
    case ast::CompareOp::le:
      return "<=";
    case ast::CompareOp::gt:
      return ">";
    case ast::CompareOp::ge:
      return ">=";
  }
  return "?";
}

std::string atom_text(const ast::Atom& atom) {
  std::string out = atom.relation + "(";
  for (std::size_t i = 0; i < atom.args.size(); ++i) {
    if (i > 0) out += ", ";
    out += to_source(atom.args[i]);
  }
  return out + ")";
}

std::string conjunction_text(const ast::Conjunction& conjunction, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < conjunction.conditions.size(); ++i) {
    if (i > 0) out += separator;
    out += to_source(conjunction.conditions[i]);
  }
  return out;
}

std::string disjunction_text(const ast::Disjunction& disjunction) {
  std::string out = "(";
  for (std::size_t i = 0; i < disjunction.alternatives.size(); ++i) {
    if (i > 0) out += " or ";
    out += conjunction_text(disjunction.alternatives[i], " and ");
  }
  return out + ")";
}

std::string joined_names(const std::vector<ast::Constant>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + names[i].name;
  return out;
}

std::string parameters_text(const std::vector<ast::Parameter>& parameters) {
  std::string out = "(";
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    out += fmt::format("{}{}: {}", i > 0 ? ", " : "", parameters[i].name, parameters[i].type);
  }
  return out + ")";
}

/// Appends `  keyword "text"` lines for the parts of a declaration's body.
void body_line(std::string& out, std::string_view keyword, const std::string& text) {
  out += fmt::format("  {}{}{}\n", keyword, keyword.empty() ? "" : " ", quoted(text));
}

void optional_line(std::string& out, std::string_view keyword, const std::optional<std::string>& text) {
  if (text) body_line(out, keyword, *text);
}

/// A text and its translations, each translation on a line of its own under the text,
/// its language tag aligned below the text's keyword.
void text_lines(std::string& out, std::string_view keyword, const ast::Text& text) {
  body_line(out, keyword, text.value);
  const std::string indent(keyword.empty() ? 4 : 3 + keyword.size(), ' ');
  for (const ast::Translation& translation : text.translations)
    out += fmt::format("{}{} {}\n", indent, translation.language, quoted(translation.text));
}

void optional_text(std::string& out, const std::optional<ast::Text>& text) {
  if (text) text_lines(out, "", *text);
}

void citations_text(std::string& out, const std::vector<ast::Citation>& citations) {
  for (const ast::Citation& citation : citations) {
    out += fmt::format("  cite {} section {}\n       quote {}\n", citation.source, quoted(citation.section),
                       quoted(citation.quote));
  }
}

std::string binding_text(const ast::Binding& binding) {
  std::string out = "from " + binding.collection;
  if (!binding.attribute.empty()) out += "." + binding.attribute + (binding.is_list ? "[]" : "");
  if (binding.empty_list_default)
    out += " default []";
  else if (binding.default_value)
    out += " default " + to_source(*binding.default_value);
  return out;
}

std::string item_text(const ast::Include& include) { return "include " + quoted(include.path) + "\n"; }

std::string item_text(const ast::SourceDecl& source) {
  std::string out = fmt::format("source {} {} {{\n", source.id, quoted(source.title));
  optional_line(out, "", source.doc);
  if (source.language) out += "  language " + *source.language + "\n";
  optional_line(out, "date", source.date);
  optional_line(out, "file", source.file);
  optional_line(out, "url", source.url);
  for (const std::string& heading : source.headings) body_line(out, "heading", heading);
  return out + "}\n";
}

std::string item_text(const ast::TypeDecl& type) {
  std::string out = fmt::format("type {} = {{ {} }}\n", type.name, joined_names(type.values));
  optional_text(out, type.doc);
  return out;
}

std::string item_text(const ast::EntityDecl& entity) {
  std::string out = fmt::format("entity {} from {}\n", entity.name, entity.collection);
  optional_text(out, entity.doc);
  return out;
}

std::string item_text(const ast::RelationDecl& relation) {
  std::string out = "relation " + relation.name + parameters_text(relation.parameters) + "\n";
  optional_text(out, relation.doc);
  if (relation.binding) out += "  " + binding_text(*relation.binding) + "\n";
  if (relation.question) text_lines(out, "question " + relation.question->element, relation.question->text);
  return out;
}

std::string item_text(const ast::ParamDecl& param) {
  std::string out = fmt::format("param {}: {} = {}\n", param.name, param.type, to_source(param.default_value));
  optional_text(out, param.doc);
  return out;
}

std::string item_text(const ast::PrincipleDecl& principle) {
  std::string out = "principle " + principle.id + parameters_text(principle.parameters) + " {\n";
  optional_text(out, principle.doc);
  text_lines(out, "title", principle.title);
  if (!principle.layers.empty()) out += "  layers " + joined_names(principle.layers) + "\n";
  citations_text(out, principle.citations);
  return out + "}\n";
}

std::string item_text(const ast::RuleDecl& rule) {
  std::string out = fmt::format("rule {} {{\n", rule.id);
  optional_text(out, rule.doc);
  out += "  conclude " + atom_text(rule.head) + "\n";
  if (rule.body) out += "  when " + conjunction_text(*rule.body, "\n   and ") + "\n";
  text_lines(out, "because", rule.because);
  citations_text(out, rule.citations);
  return out + "}\n";
}

std::string item_text(const ast::ExceptionDecl& exception) {
  std::string out = fmt::format("exception {} for {} {{\n", exception.id, atom_text(exception.target));
  optional_text(out, exception.doc);
  out += "  when " + conjunction_text(exception.body, "\n   and ") + "\n";
  text_lines(out, "because", exception.because);
  citations_text(out, exception.citations);
  return out + "}\n";
}

std::string item_text(const ast::ProfileDecl& profile) {
  std::string out = fmt::format("profile {} {{\n", profile.id);
  optional_text(out, profile.doc);
  text_lines(out, "title", profile.title);
  for (const ast::Setting& setting : profile.settings) {
    out += fmt::format("  set {} = {}\n", setting.param, to_source(setting.value));
  }
  citations_text(out, profile.citations);
  return out + "}\n";
}

std::string item_text(const ast::LanguageDecl& language) {
  std::string out = fmt::format("language {} {} {{\n", language.id, quoted(language.name));
  for (const ast::WordDecl& word : language.words) out += fmt::format("  word {} {}\n", word.key, quoted(word.text));
  return out + "}\n";
}

}  // namespace

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string to_source(const ast::Term& term) {
  return boost::apply_visitor(
      overloaded{[](const ast::Variable& v) { return v.name; }, [](const ast::Constant& c) { return c.name; },
                 [](const ast::Integer& i) { return std::to_string(i.value); },
                 [](const ast::String& s) { return quoted(s.value); },
                 [](const ast::ParamRef& p) { return "$" + p.name; }},
      term.get());
}

std::string to_source(const ast::Condition& condition) {
  return boost::apply_visitor(
      overloaded{[](const ast::Atom& atom) { return atom_text(atom); },
                 [](const ast::Negation& negation) { return "not " + atom_text(negation.atom); },
                 [](const ast::Comparison& c) {
                   return fmt::format("{} {} {}", to_source(c.left), compare_symbol(c.op), to_source(c.right));
                 },
                 [](const ast::x3::forward_ast<ast::Disjunction>& d) { return disjunction_text(d.get()); }},
      condition.get());
}

std::string to_source(const ast::RuleFile& file) {
  std::string out;
  for (const ast::Item& item : file.items) {
    if (!out.empty()) out += "\n";
    out += boost::apply_visitor([](const auto& declaration) { return item_text(declaration); }, item.get());
  }
  return out;
}

}  // namespace cybernorms::dsl
