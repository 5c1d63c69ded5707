#include "compile/typing.hpp"

#include "compile/text.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace cybernorms::compile {

namespace {

std::string expected_text(const TypeRef& type) {
  if (type.enumeration) return fmt::format("a value of type '{}'", type.name);
  if (type.entity) return fmt::format("an id of entity type '{}'", type.name);
  if (type.name == "bool") return "a bool (true or false)";
  if (type.name == "int") return "an int";
  return "a string";
}

bool is_enumeration_value(const ast::TypeDecl& decl, std::string_view name) {
  return std::any_of(decl.values.begin(), decl.values.end(),
                     [&](const ast::Constant& value) { return value.name == name; });
}

void check_enumeration_value(const Program& program, const ast::Constant& constant, const ast::TypeDecl& decl,
                             base::Diagnostics& diagnostics, std::string code) {
  if (is_enumeration_value(decl, constant.name)) return;
  auto& added = diagnostics.error(std::move(code), token_span(*program.sources, constant.span, constant.name),
                                  "'{}' is not a value of type '{}'", constant.name, decl.name);
  std::vector<std::string_view> values;
  for (const ast::Constant& value : decl.values) values.push_back(value.name);
  if (auto note = base::did_you_mean(constant.name, values)) added.notes.push_back(std::move(*note));
}

/// Whether a term that is not an enumeration value fits a non-enumeration type.
bool fits(const ast::Term& term, const TypeRef& type) {
  const auto& held = term.get();
  if (type.entity) return boost::get<ast::Integer>(&held) == nullptr;
  if (type.name == "int") return boost::get<ast::Integer>(&held) != nullptr;
  if (type.name == "string") return boost::get<ast::String>(&held) != nullptr;
  const auto* constant = boost::get<ast::Constant>(&held);
  return constant != nullptr && (constant->name == "true" || constant->name == "false");
}

}  // namespace

void check_constant(const Program& program, const ast::Term& term, const TypeRef& type,
                    base::Diagnostics& diagnostics, std::string code) {
  if (variable_name(term) != nullptr || param_name(term) != nullptr) return;
  const auto* constant = boost::get<ast::Constant>(&term.get());
  if (type.enumeration != nullptr && constant != nullptr) {
    check_enumeration_value(program, *constant, *type.enumeration, diagnostics, std::move(code));
    return;
  }
  if (type.enumeration == nullptr && fits(term, type)) return;
  const std::string text = term_text(term);
  diagnostics.error(std::move(code), token_span(*program.sources, term_span(term), text), "expected {}, got {}",
                    expected_text(type), constant ? fmt::format("'{}'", text) : text);
}

const TypeRef* literal_type(const Program& program, const ast::Term& term) {
  const auto& held = term.get();
  if (boost::get<ast::Integer>(&held) != nullptr) return program.find_type("int");
  if (boost::get<ast::String>(&held) != nullptr) return program.find_type("string");
  return nullptr;
}

}  // namespace cybernorms::compile
