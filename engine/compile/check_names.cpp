// Names and types: relations, types and parameters exist, atoms have the right number
// of arguments, constants fit their argument's type.
#include "compile/checks.hpp"
#include "compile/rule_set.hpp"
#include "compile/text.hpp"
#include "compile/typing.hpp"

#include <fmt/core.h>

#include <unordered_set>

namespace cybernorms::compile {

namespace {

void add_suggestion(base::Diagnostic& diagnostic, std::string_view name, const std::vector<std::string_view>& names) {
  if (auto note = base::did_you_mean(name, names)) diagnostic.notes.push_back(std::move(*note));
}

/// The declared type named `name`, or E202 at `span`.
const TypeRef* resolve_type(const Program& program, std::string_view name, base::Span span,
                            base::Diagnostics& diagnostics) {
  if (const TypeRef* type = program.find_type(name)) return type;
  auto& added = diagnostics.error("E202", span, "unknown type '{}'", name);
  add_suggestion(added, name, program.type_names());
  return nullptr;
}

void check_parameter_types(const Program& program, const std::vector<ast::Parameter>& parameters,
                           base::Diagnostics& diagnostics) {
  for (const ast::Parameter& parameter : parameters) {
    resolve_type(program, parameter.type, token_span_after(*program.sources, parameter.span, ":", parameter.type),
                 diagnostics);
  }
}

/// The declared parameter `$name`, or E204 at `span`.
const ast::ParamDecl* resolve_param(const Program& program, std::string_view name, base::Span span,
                                    base::Diagnostics& diagnostics) {
  if (const ast::ParamDecl* param = program.params.find(name)) return param;
  auto& added = diagnostics.error("E204", span, "unknown parameter '${}'", name);
  std::vector<std::string_view> names = program.params.names();
  if (const auto best = base::closest_name(name, names)) added.notes.push_back(fmt::format("did you mean '${}'?", *best));
  return nullptr;
}

/// A variable's type as first seen in a clause, to catch one variable used as two types.
struct Seen {
  const TypeRef* type = nullptr;
  base::Span span;
};

/// Checks the terms of one clause against the types they meet.
class ClauseTyping {
 public:
  ClauseTyping(const Program& program, base::Diagnostics& diagnostics,
               std::unordered_set<std::string_view>* ordered = nullptr)
      : program_(program), diagnostics_(diagnostics), ordered_(ordered) {}

  void check_atom(const ast::Atom& atom);
  void check_comparison(const ast::Comparison& comparison);

 private:
  const Signature* resolve_relation(const ast::Atom& atom);
  void check_argument(const ast::Term& term, const TypeRef& type);
  void note_variable(const std::string& name, base::Span span, const TypeRef& type);
  const TypeRef* type_of(const ast::Term& term);
  void check_order(const ast::Comparison& comparison, const TypeRef& type);

  const Program& program_;
  base::Diagnostics& diagnostics_;
  std::unordered_map<std::string, Seen> variables_;
  std::unordered_set<std::string_view>* ordered_;  ///< where to note types compared by order, if wanted
};

const Signature* ClauseTyping::resolve_relation(const ast::Atom& atom) {
  const base::Span name_span = token_span(*program_.sources, atom.span, atom.relation);
  const Signature* signature = program_.find_signature(atom.relation);
  if (signature == nullptr) {
    auto& added = diagnostics_.error("E201", name_span, "unknown relation '{}'", atom.relation);
    add_suggestion(added, atom.relation, program_.signature_names());
    return nullptr;
  }
  if (signature->arity() != atom.args.size()) {
    diagnostics_.error("E206", name_span, "'{}' takes {} argument{}, got {}", atom.relation, signature->arity(),
                       signature->arity() == 1 ? "" : "s", atom.args.size());
    return nullptr;
  }
  return signature;
}

void ClauseTyping::check_atom(const ast::Atom& atom) {
  const Signature* signature = resolve_relation(atom);
  if (signature == nullptr) return;
  for (std::size_t i = 0; i < atom.args.size(); ++i) {
    if (const TypeRef* type = program_.find_type((*signature->parameters)[i].type)) check_argument(atom.args[i], *type);
  }
}

void ClauseTyping::check_argument(const ast::Term& term, const TypeRef& type) {
  if (const std::string* name = variable_name(term)) {
    if (*name != "_") note_variable(*name, term_span(term), type);
    return;
  }
  if (const std::string* name = param_name(term)) {
    const base::Span span = term_span(term);
    const ast::ParamDecl* param = resolve_param(program_, *name, span, diagnostics_);
    if (param != nullptr && param->type != type.name && program_.find_type(param->type) != nullptr) {
      diagnostics_.error("E209", span, "parameter '${}' has type '{}' where a '{}' is expected", *name, param->type,
                         type.name);
    }
    return;
  }
  check_constant(program_, term, type, diagnostics_);
}

void ClauseTyping::note_variable(const std::string& name, base::Span span, const TypeRef& type) {
  const auto [found, inserted] = variables_.emplace(name, Seen{&type, span});
  if (inserted || found->second.type == &type) return;
  auto& added = diagnostics_.error("E209", token_span(*program_.sources, span, name),
                                   "variable '{}' has type '{}' here but '{}' elsewhere", name, type.name,
                                   found->second.type->name);
  added.notes.push_back(fmt::format("'{}' has type '{}' at {}", name, found->second.type->name,
                                    place(*program_.sources, found->second.span)));
}

const TypeRef* ClauseTyping::type_of(const ast::Term& term) {
  if (const std::string* name = variable_name(term)) {
    const auto found = variables_.find(*name);
    return found == variables_.end() ? nullptr : found->second.type;
  }
  if (const std::string* name = param_name(term)) {
    const ast::ParamDecl* param = resolve_param(program_, *name, term_span(term), diagnostics_);
    return param ? program_.find_type(param->type) : nullptr;
  }
  return literal_type(program_, term);
}

bool is_order_comparison(ast::CompareOp op) {
  return op == ast::CompareOp::lt || op == ast::CompareOp::le || op == ast::CompareOp::gt ||
         op == ast::CompareOp::ge;
}

std::string_view op_text(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::eq: return "=";
    case ast::CompareOp::ne: return "!=";
    case ast::CompareOp::lt: return "<";
    case ast::CompareOp::le: return "<=";
    case ast::CompareOp::gt: return ">";
    case ast::CompareOp::ge: return ">=";
  }
  return "?";
}

void ClauseTyping::check_order(const ast::Comparison& comparison, const TypeRef& type) {
  if (!is_order_comparison(comparison.op)) return;
  if (ordered_ != nullptr) ordered_->insert(type.name);
  if (type.is_ordered()) return;
  const std::string_view op = op_text(comparison.op);
  diagnostics_.error("E214", token_span(*program_.sources, comparison.span, op),
                     "'{}' needs an ordered type (int or an enumeration), but '{}' has no order", op, type.name);
}

void ClauseTyping::check_comparison(const ast::Comparison& comparison) {
  const TypeRef* left = type_of(comparison.left);
  const TypeRef* right = type_of(comparison.right);
  if (left != nullptr && right != nullptr && left != right) {
    diagnostics_.error("E209", token_span(*program_.sources, comparison.span, op_text(comparison.op)),
                       "'{}' compares a '{}' with a '{}'", op_text(comparison.op), left->name, right->name);
    return;
  }
  if (left != nullptr) check_constant(program_, comparison.right, *left, diagnostics_);
  if (right != nullptr && left == nullptr) check_constant(program_, comparison.left, *right, diagnostics_);
  if (const TypeRef* known = left ? left : right) check_order(comparison, *known);
}

void check_clause(const Program& program, const Clause& clause, base::Diagnostics& diagnostics,
                  std::unordered_set<std::string_view>* ordered = nullptr) {
  ClauseTyping typing(program, diagnostics, ordered);
  typing.check_atom(*clause.head);
  if (clause.body == nullptr) return;
  for_each_condition(*clause.body, Overloaded{[&](const ast::Atom* atom) { typing.check_atom(*atom); },
                                              [&](const ast::Negation* negation) { typing.check_atom(negation->atom); },
                                              [](const ast::Comparison*) {}});
  for_each_condition(*clause.body, Overloaded{[](const ast::Atom*) {}, [](const ast::Negation*) {},
                                              [&](const ast::Comparison* comparison) {
                                                typing.check_comparison(*comparison);
                                              }});
}

/// The types some rule compares by order (`<`, `<=`, `>`, `>=`).
std::unordered_set<std::string_view> order_compared_types(const Program& program) {
  std::unordered_set<std::string_view> ordered;
  base::Diagnostics ignored;  // check_atoms reports these clauses' problems
  for (const Clause& clause : clauses(program)) check_clause(program, clause, ignored, &ordered);
  return ordered;
}

/// A value written in two enumerations at different places: the later place and the first.
struct Misplaced {
  const ast::Constant* value;
  const ast::TypeDecl* type;
  std::size_t index;
  const ast::TypeDecl* first_type;
  std::size_t first_index;
};

std::vector<Misplaced> misplaced_values(const Program& program) {
  std::unordered_map<std::string_view, std::pair<const ast::TypeDecl*, std::size_t>> first;
  std::vector<Misplaced> out;
  for (const ast::TypeDecl* type : program.enumerations.in_order) {
    for (std::size_t i = 0; i < type->values.size(); ++i) {
      const auto [found, inserted] = first.emplace(type->values[i].name, std::pair{type, i});
      if (inserted || found->second.second == i) continue;
      out.push_back(Misplaced{&type->values[i], type, i, found->second.first, found->second.second});
    }
  }
  return out;
}

}  // namespace

namespace {

/// Whether a parameter's value is `open`: the law held unsettled, every value of the
/// parameter's type an unknown fact (docs/rule-language.md, "Holding a question open").
bool is_open_value(const ast::Term& value) {
  const auto* constant = boost::get<ast::Constant>(&value.get());
  return constant != nullptr && constant->name == open_value_name;
}

/// Checks a parameter's value (its default or a profile's setting): a constant of its
/// type, or `open` where the type has values to ask about (bool or an enumeration).
void check_param_value(const Program& program, const ast::Term& value, const TypeRef& type,
                       base::Diagnostics& diagnostics) {
  if (!is_open_value(value)) {
    check_constant(program, value, type, diagnostics);
    return;
  }
  if (type.enumeration != nullptr || type.name == "bool") return;
  auto& added = diagnostics.error("E248", token_span(*program.sources, term_span(value), open_value_name),
                                  "a parameter of type '{}' cannot be held open", type.name);
  added.notes.push_back("only a bool or an enumerated type has values an open question can ask about");
}

}  // namespace

void check_signatures(const Program& program, base::Diagnostics& diagnostics) {
  for (const Signature& signature : program.signatures) check_parameter_types(program, *signature.parameters, diagnostics);
  for (const ast::ParamDecl* param : program.params.in_order) {
    const base::Span span = token_span_after(*program.sources, param->span, ":", param->type);
    if (const TypeRef* type = resolve_type(program, param->type, span, diagnostics)) {
      check_param_value(program, param->default_value, *type, diagnostics);
    }
  }
  for (const ast::TypeDecl* type : program.enumerations.in_order) {
    for (const ast::Constant& value : type->values) {
      if (value.name != open_value_name) continue;
      auto& added = diagnostics.error("E249", token_span(*program.sources, value.span, value.name),
                                      "'{}' cannot be a value of type '{}'", value.name, type->name);
      added.notes.push_back("a profile writes `set NAME = open` to hold a parameter open; rename the value");
    }
  }
}

void check_enumeration_values(const Program& program, base::Diagnostics& diagnostics) {
  const std::vector<Misplaced> misplaced = misplaced_values(program);
  if (misplaced.empty()) return;  // the usual case: no need to find which types are ordered
  const auto ordered = order_compared_types(program);
  for (const Misplaced& each : misplaced) {
    if (ordered.count(each.type->name) == 0 && ordered.count(each.first_type->name) == 0) continue;
    auto& added = diagnostics.error("E218", token_span(*program.sources, each.value->span, each.value->name),
                                    "'{}' is value {} of '{}' but value {} of '{}'", each.value->name, each.index + 1,
                                    each.type->name, each.first_index + 1, each.first_type->name);
    added.notes.push_back("a value has one place in the order '<' compares by; rename it or reorder the values");
  }
}

void check_atoms(const Program& program, base::Diagnostics& diagnostics) {
  for (const Clause& clause : clauses(program)) check_clause(program, clause, diagnostics);
}

void check_profiles(const Program& program, base::Diagnostics& diagnostics) {
  for (const ast::ProfileDecl* profile : program.profiles.in_order) {
    for (const ast::Setting& setting : profile->settings) {
      const ast::ParamDecl* param = program.params.find(setting.param);
      if (param == nullptr) {
        auto& added = diagnostics.error("E205", token_span(*program.sources, setting.span, setting.param),
                                        "profile '{}' sets unknown parameter '{}'", profile->id, setting.param);
        add_suggestion(added, setting.param, program.params.names());
        continue;
      }
      if (const TypeRef* type = program.find_type(param->type)) check_param_value(program, setting.value, *type, diagnostics);
    }
  }
}

}  // namespace cybernorms::compile
