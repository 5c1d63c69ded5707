#include "compile/program.hpp"

#include "compile/text.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace cybernorms::compile {

namespace {

void report_duplicate(const Program& program, base::Diagnostics& diagnostics, std::string_view kind,
                      std::string_view name, base::Span at, base::Span first) {
  auto& added = diagnostics.error("E208", token_span(*program.sources, at, name), "duplicate {} '{}'", kind, name);
  if (first.is_known()) {
    added.notes.push_back(fmt::format("first declared at {}", place(*program.sources, first)));
  } else {
    added.notes.push_back(fmt::format("'{}' is a built-in {}", name, kind));
  }
}

/// Adds `decl` under `name`; reports E208 if the name is taken (the first keeps the name).
template <typename Decl>
void add_unique(Program& program, Index<Decl>& index, const Decl& decl, std::string_view name,
                std::string_view kind, base::Diagnostics& diagnostics) {
  const auto [found, inserted] = index.by_name.emplace(name, &decl);
  if (!inserted) report_duplicate(program, diagnostics, kind, name, decl.span, found->second->span);
  index.in_order.push_back(&decl);  // a duplicate is still checked, so its own mistakes show too
}

void add_signature(Program& program, Signature signature, std::string_view kind, base::Diagnostics& diagnostics) {
  const auto [found, inserted] = program.signature_index.emplace(signature.name, program.signatures.size());
  if (!inserted) {
    report_duplicate(program, diagnostics, kind, signature.name, signature.span,
                     program.signatures[found->second].span);
    return;
  }
  program.signatures.push_back(signature);
}

void add_type(Program& program, TypeRef type, base::Span span, base::Diagnostics& diagnostics) {
  const auto [found, inserted] = program.types.emplace(type.name, type);
  if (!inserted) {
    const TypeRef& first = found->second;
    const base::Span first_span = first.enumeration ? first.enumeration->span
                                  : first.entity    ? first.entity->span
                                                    : base::Span{};
    report_duplicate(program, diagnostics, "type", type.name, span, first_span);
    return;
  }
  program.type_order.push_back(type.name);
}

struct Collector {
  Program& program;
  base::Diagnostics& diagnostics;

  void operator()(const ast::Include&) const {}
  void operator()(const ast::SourceDecl& decl) const {
    add_unique(program, program.source_decls, decl, decl.id, "source", diagnostics);
  }
  void operator()(const ast::TypeDecl& decl) const {
    add_type(program, TypeRef{decl.name, &decl, nullptr}, decl.span, diagnostics);
    if (program.types.at(decl.name).enumeration == &decl) program.enumerations.in_order.push_back(&decl);
  }
  void operator()(const ast::EntityDecl& decl) const {
    add_type(program, TypeRef{decl.name, nullptr, &decl}, decl.span, diagnostics);
    if (program.types.at(decl.name).entity == &decl) program.entities.in_order.push_back(&decl);
  }
  void operator()(const ast::RelationDecl& decl) const {
    add_signature(program, Signature{decl.name, &decl.parameters, &decl, nullptr, decl.span}, "relation",
                  diagnostics);
  }
  void operator()(const ast::PrincipleDecl& decl) const {
    add_signature(program, Signature{decl.id, &decl.parameters, nullptr, &decl, decl.span}, "principle",
                  diagnostics);
  }
  void operator()(const ast::ParamDecl& decl) const {
    add_unique(program, program.params, decl, decl.name, "parameter", diagnostics);
  }
  void operator()(const ast::RuleDecl& decl) const {
    add_unique(program, program.rules, decl, decl.id, "rule", diagnostics);
  }
  void operator()(const ast::ExceptionDecl& decl) const {
    add_unique(program, program.exceptions, decl, decl.id, "exception", diagnostics);
  }
  void operator()(const ast::ProfileDecl& decl) const {
    add_unique(program, program.profiles, decl, decl.id, "profile", diagnostics);
  }
  void operator()(const ast::LanguageDecl& decl) const {
    add_unique(program, program.languages, decl, decl.id, "language", diagnostics);
  }
};

/// Entities, enumerations, principles and relation declarations indexed by name too.
void index_by_name(Program& program) {
  for (const ast::TypeDecl* decl : program.enumerations.in_order) program.enumerations.by_name.emplace(decl->name, decl);
  for (const ast::EntityDecl* decl : program.entities.in_order) program.entities.by_name.emplace(decl->name, decl);
  for (const Signature& signature : program.signatures) {
    if (signature.principle) {
      program.principles.in_order.push_back(signature.principle);
      program.principles.by_name.emplace(signature.name, signature.principle);
    } else {
      program.relation_decls.in_order.push_back(signature.relation);
      program.relation_decls.by_name.emplace(signature.name, signature.relation);
    }
  }
}

}  // namespace

const Signature* Program::find_signature(std::string_view name) const {
  const auto found = signature_index.find(name);
  return found == signature_index.end() ? nullptr : &signatures[found->second];
}

const TypeRef* Program::find_type(std::string_view name) const {
  const auto found = types.find(name);
  return found == types.end() ? nullptr : &found->second;
}

std::vector<std::string_view> Program::signature_names() const {
  std::vector<std::string_view> names;
  names.reserve(signatures.size());
  for (const Signature& signature : signatures) names.push_back(signature.name);
  return names;
}

Program collect_declarations(const std::vector<ast::RuleFile>& files, const base::SourceSet& sources,
                             base::Diagnostics& diagnostics) {
  Program program;
  program.sources = &sources;
  for (const std::string_view name : builtin_type_names) {
    program.types.emplace(name, TypeRef{name, nullptr, nullptr});
    program.type_order.push_back(name);
  }
  const Collector collector{program, diagnostics};
  for (const ast::RuleFile& file : files) {
    for (const ast::Item& item : file.items) boost::apply_visitor(collector, item.get());
  }
  index_by_name(program);
  return program;
}

std::vector<Clause> clauses(const Program& program) {
  std::vector<Clause> out;
  out.reserve(program.rules.in_order.size() + program.exceptions.in_order.size());
  for (const ast::RuleDecl* rule : program.rules.in_order) {
    out.push_back(Clause{rule->id, "rule", &rule->head, rule->body ? &*rule->body : nullptr, &rule->because,
                         &rule->citations, rule->span, rule, nullptr});
  }
  for (const ast::ExceptionDecl* exception : program.exceptions.in_order) {
    out.push_back(Clause{exception->id, "exception", &exception->target, &exception->body, &exception->because,
                         &exception->citations, exception->span, nullptr, exception});
  }
  return out;
}

namespace {

void add_text(std::vector<ReaderText>& out, const ast::Text& text, std::string what) {
  out.push_back(ReaderText{&text, std::move(what)});
}

void add_doc(std::vector<ReaderText>& out, const std::optional<ast::Text>& doc, std::string_view kind,
             std::string_view name) {
  if (doc) add_text(out, *doc, fmt::format("the doc of {} '{}'", kind, name));
}

}  // namespace

std::vector<ReaderText> reader_texts(const Program& program) {
  std::vector<ReaderText> out;
  for (const ast::TypeDecl* decl : program.enumerations.in_order) add_doc(out, decl->doc, "type", decl->name);
  for (const ast::EntityDecl* decl : program.entities.in_order) add_doc(out, decl->doc, "entity", decl->name);
  for (const Signature& signature : program.signatures) {
    if (signature.principle) {
      add_doc(out, signature.principle->doc, "principle", signature.name);
      add_text(out, signature.principle->title, fmt::format("the title of principle '{}'", signature.name));
    } else {
      add_doc(out, signature.relation->doc, "relation", signature.name);
      if (const auto& question = signature.relation->question)
        add_text(out, question->text, fmt::format("the question of relation '{}'", signature.name));
    }
  }
  for (const ast::ParamDecl* decl : program.params.in_order) add_doc(out, decl->doc, "parameter", decl->name);
  for (const Clause& clause : clauses(program)) {
    add_doc(out, clause.rule ? clause.rule->doc : clause.exception->doc, clause.kind, clause.id);
    add_text(out, *clause.because, fmt::format("the because text of {} '{}'", clause.kind, clause.id));
  }
  for (const ast::ProfileDecl* decl : program.profiles.in_order) {
    add_doc(out, decl->doc, "profile", decl->id);
    add_text(out, decl->title, fmt::format("the title of profile '{}'", decl->id));
  }
  return out;
}

// ----- conditions ------------------------------------------------------------------

namespace {

using Alternatives = std::vector<Alternative>;

bool append_condition(Alternatives& done, const ast::Condition& condition, std::size_t limit);

/// Every way to satisfy a nested `( ... or ... )`, each a flat list of conditions.
std::optional<Alternatives> expand(const ast::Conjunction& body, std::size_t limit) {
  Alternatives done(1);
  for (const ast::Condition& condition : body.conditions) {
    if (!append_condition(done, condition, limit)) return std::nullopt;
  }
  return done;
}

/// Each of `done` followed by each of `options`.
Alternatives product(const Alternatives& done, const Alternatives& options) {
  Alternatives out;
  out.reserve(done.size() * options.size());
  for (const Alternative& prefix : done) {
    for (const Alternative& option : options) {
      Alternative joined = prefix;
      joined.insert(joined.end(), option.begin(), option.end());
      out.push_back(std::move(joined));
    }
  }
  return out;
}

bool append_condition(Alternatives& done, const ast::Condition& condition, std::size_t limit) {
  const auto& held = condition.get();
  const auto* nested = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&held);
  if (nested == nullptr) {
    FlatCondition flat;
    if (const auto* atom = boost::get<ast::Atom>(&held)) flat = atom;
    if (const auto* negation = boost::get<ast::Negation>(&held)) flat = negation;
    if (const auto* comparison = boost::get<ast::Comparison>(&held)) flat = comparison;
    for (Alternative& alternative : done) alternative.push_back(flat);
    return true;
  }
  Alternatives options;
  for (const ast::Conjunction& choice : nested->get().alternatives) {
    auto expanded = expand(choice, limit);
    if (!expanded || options.size() + expanded->size() > limit) return false;
    for (Alternative& option : *expanded) options.push_back(std::move(option));
  }
  if (done.size() * options.size() > limit) return false;
  done = product(done, options);
  return true;
}

}  // namespace

std::optional<std::vector<Alternative>> expand_alternatives(const ast::Conjunction* body, std::size_t limit) {
  if (body == nullptr) return std::vector<Alternative>(1);
  return expand(*body, limit);
}

const std::string* variable_name(const ast::Term& term) {
  const auto* variable = boost::get<ast::Variable>(&term.get());
  return variable ? &variable->name : nullptr;
}

const std::string* param_name(const ast::Term& term) {
  const auto* param = boost::get<ast::ParamRef>(&term.get());
  return param ? &param->name : nullptr;
}

base::Span term_span(const ast::Term& term) {
  return boost::apply_visitor([](const auto& held) { return held.span; }, term.get());
}

std::string term_text(const ast::Term& term) {
  return boost::apply_visitor(
      Overloaded{[](const ast::Variable& v) { return v.name; }, [](const ast::Constant& c) { return c.name; },
                 [](const ast::Integer& i) { return std::to_string(i.value); },
                 [](const ast::String& s) { return fmt::format("\"{}\"", s.value); },
                 [](const ast::ParamRef& p) { return fmt::format("${}", p.name); }},
      term.get());
}

}  // namespace cybernorms::compile
