// Lowering declarations: symbols, types, relations, parameters, principles, profiles.
#include "compile/lower.hpp"

#include "compile/languages.hpp"

#include <fmt/core.h>

namespace cybernorms::compile {

namespace {

std::string doc_of(const std::optional<ast::Text>& doc) { return doc ? doc->value : std::string(); }

/// A relation's question, with the argument positions its text leaves for the answer.
RelationQuestion lower_question(const ast::Question& question, const std::vector<std::string>& arg_names) {
  RelationQuestion lowered{question.element, question.text.value, {}};
  for (const std::string& name : arg_names)
    lowered.answers.push_back(lowered.text.find(fmt::format("{{{}}}", name)) == std::string::npos);
  return lowered;
}

std::vector<Citation> lower_citations(const std::vector<ast::Citation>& citations) {
  std::vector<Citation> out;
  out.reserve(citations.size());
  for (const ast::Citation& citation : citations) {
    out.push_back(Citation{citation.source, citation.section, citation.quote, citation.span});
  }
  return out;
}

Type builtin_type(base::SymbolTable& symbols, std::string_view name) {
  if (name == "bool") return Type{"bool", TypeKind::boolean, {symbols.intern("true"), symbols.intern("false")}, {}, {}, {}};
  if (name == "int") return Type{"int", TypeKind::integer, {}, {}, {}, {}};
  return Type{"string", TypeKind::string, {}, {}, {}, {}};
}

Type enumeration_type(base::SymbolTable& symbols, const ast::TypeDecl& decl) {
  Type type{decl.name, TypeKind::enumeration, {}, {}, doc_of(decl.doc), decl.span};
  for (std::size_t position = 0; position < decl.values.size(); ++position) {
    const SymbolId value = symbols.intern(decl.values[position].name);
    symbols.set_order_key(value, static_cast<std::int64_t>(position));
    type.values.push_back(value);
  }
  return type;
}

void lower_types(const Program& program, LoweredNames& names, RuleSet& out) {
  for (const std::string_view name : program.type_order) {
    const TypeRef& ref = *program.find_type(name);
    names.types.emplace(name, static_cast<TypeId>(out.types.size()));
    if (ref.enumeration) {
      out.types.push_back(enumeration_type(out.symbols, *ref.enumeration));
    } else if (ref.entity) {
      out.types.push_back(Type{ref.entity->name, TypeKind::entity, {}, ref.entity->collection,
                               doc_of(ref.entity->doc), ref.entity->span});
    } else {
      out.types.push_back(builtin_type(out.symbols, name));
    }
  }
}

std::optional<Binding> lower_binding(base::SymbolTable& symbols, const std::optional<ast::Binding>& binding) {
  if (!binding) return std::nullopt;
  Binding out{binding->collection, binding->attribute, binding->is_list, std::nullopt, binding->empty_list_default};
  if (binding->default_value) out.default_value = lower_constant(symbols, *binding->default_value);
  return out;
}

RelationId add_relation(LoweredNames& names, RuleSet& out, Relation relation) {
  const auto id = static_cast<RelationId>(out.relations.size());
  out.relations.push_back(std::move(relation));
  names.relations.emplace(out.relations.back().name, id);
  return id;
}

void lower_signatures(const Program& program, LoweredNames& names, RuleSet& out) {
  for (const Signature& signature : program.signatures) {
    Relation relation;
    relation.name = std::string(signature.name);
    relation.span = signature.span;
    for (const ast::Parameter& parameter : *signature.parameters) {
      relation.arg_names.push_back(parameter.name);
      relation.arg_types.push_back(names.types.at(parameter.type));
    }
    if (signature.principle) {
      relation.kind = RelationKind::principle;
      relation.doc = doc_of(signature.principle->doc);
    } else {
      relation.kind = signature.relation->binding ? RelationKind::base : RelationKind::derived;
      relation.doc = doc_of(signature.relation->doc);
      relation.binding = lower_binding(out.symbols, signature.relation->binding);
      if (const auto& question = signature.relation->question)
        relation.question = lower_question(*question, relation.arg_names);
    }
    add_relation(names, out, std::move(relation));
  }
}

void lower_params(const Program& program, LoweredNames& names, RuleSet& out) {
  for (const ast::ParamDecl* decl : program.params.in_order) {
    const TypeId type = names.types.at(decl->type);
    Relation relation{"$" + decl->name, RelationKind::parameter, {"value"}, {type}, doc_of(decl->doc), {}, {},
                      decl->span};
    const RelationId id = add_relation(names, out, std::move(relation));
    names.params.emplace(decl->name, static_cast<std::uint32_t>(out.params.size()));
    out.params.push_back(Param{decl->name, type, lower_constant(out.symbols, decl->default_value), id,
                               doc_of(decl->doc), decl->span});
  }
}

/// "exception:<id>", whose arguments are the target pattern's positions other than `_`.
void lower_exceptions(const Program& program, LoweredNames& names, RuleSet& out) {
  names.exceptions_by_target.assign(out.relations.size() + program.exceptions.in_order.size(), {});
  for (const ast::ExceptionDecl* decl : program.exceptions.in_order) {
    const RelationId target = names.relations.at(decl->target.relation);
    Relation relation{fmt::format("exception:{}", decl->id), RelationKind::exception, {}, {}, doc_of(decl->doc), {},
                      {},  decl->span};
    for (std::size_t i = 0; i < decl->target.args.size(); ++i) {
      const std::string* name = variable_name(decl->target.args[i]);
      if (name != nullptr && *name == "_") continue;
      relation.arg_names.push_back(out.relations[target].arg_names[i]);
      relation.arg_types.push_back(out.relations[target].arg_types[i]);
    }
    const RelationId id = add_relation(names, out, std::move(relation));
    names.exceptions_by_target[target].push_back(static_cast<std::uint32_t>(out.exceptions.size()));
    out.exceptions.push_back(Exception{decl->id, target, id, decl->because.value, doc_of(decl->doc),
                                       lower_citations(decl->citations), decl->span});
  }
}

void lower_principles(const Program& program, const LoweredNames& names, RuleSet& out) {
  for (const ast::PrincipleDecl* decl : program.principles.in_order) {
    Principle principle{decl->id, names.relations.at(decl->id), decl->title.value, doc_of(decl->doc), {},
                        lower_citations(decl->citations), decl->span};
    for (const ast::Constant& layer : decl->layers) principle.layers.push_back(layer.name);
    out.principles.push_back(std::move(principle));
  }
}

/// Which of a profile's values hold their parameter open.
void mark_held_open(Profile& profile, RuleSet& out) {
  const SymbolId open = out.symbols.intern(open_value_name);
  profile.held_open.clear();
  for (const SymbolId value : profile.values) profile.held_open.push_back(value == open);
}

Profile lower_profile(const ast::ProfileDecl& decl, const LoweredNames& names, RuleSet& out) {
  Profile profile{decl.id, decl.title.value, doc_of(decl.doc), {}, {}, {}, lower_citations(decl.citations), decl.span};
  for (const Param& param : out.params) profile.values.push_back(param.default_value);
  for (const ast::Setting& setting : decl.settings) {
    const std::uint32_t index = names.params.at(setting.param);
    profile.values[index] = lower_constant(out.symbols, setting.value);
    profile.set_explicitly.push_back(index);
  }
  mark_held_open(profile, out);
  return profile;
}

/// The profile named "default" comes first; one leaving every parameter at its default
/// is made when none is written.
void lower_profiles(const Program& program, const LoweredNames& names, RuleSet& out) {
  if (const ast::ProfileDecl* written = program.profiles.find(std::string(default_profile))) {
    out.profiles.push_back(lower_profile(*written, names, out));
  } else {
    Profile synthesized{std::string(default_profile), "Default", "Every parameter at its declared default.", {}, {}, {}, {}, {}};
    for (const Param& param : out.params) synthesized.values.push_back(param.default_value);
    mark_held_open(synthesized, out);
    out.profiles.push_back(std::move(synthesized));
  }
  for (const ast::ProfileDecl* decl : program.profiles.in_order) {
    if (decl->id != default_profile) out.profiles.push_back(lower_profile(*decl, names, out));
  }
}

void lower_sources(const Program& program, RuleSet& out) {
  for (const ast::SourceDecl* decl : program.source_decls.in_order) {
    out.sources.push_back(Source{decl->id, decl->title, decl->date.value_or(""), decl->file.value_or(""),
                                 decl->url.value_or(""), decl->headings, decl->span,
                                 decl->language.value_or(std::string(default_language))});
  }
}

}  // namespace

SymbolId lower_constant(base::SymbolTable& symbols, const ast::Term& term) {
  const auto& held = term.get();
  if (const auto* integer = boost::get<ast::Integer>(&held)) {
    const SymbolId id = symbols.intern(std::to_string(integer->value));
    symbols.set_order_key(id, integer->value);
    return id;
  }
  if (const auto* string = boost::get<ast::String>(&held)) return symbols.intern(string->value);
  if (const auto* constant = boost::get<ast::Constant>(&held)) return symbols.intern(constant->name);
  return symbols.intern(term_text(term));
}

RuleSet lower(const Program& program) {
  RuleSet out;
  LoweredNames names;
  lower_types(program, names, out);
  lower_signatures(program, names, out);
  lower_params(program, names, out);
  lower_exceptions(program, names, out);
  lower_principles(program, names, out);
  lower_sources(program, out);
  lower_rules(program, names, out);
  stratify(out);
  lower_profiles(program, names, out);
  lower_languages(program, out);
  return out;
}

}  // namespace cybernorms::compile
