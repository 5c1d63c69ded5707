// Citations, layers and `because` templates: what explanations will show a reader.
#include "compile/checks.hpp"

#include <cybernorms/words.hpp>
#include "compile/text.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <unordered_set>

namespace cybernorms::compile {

namespace {

const std::array<std::string_view, 4> known_layers{"physical", "logical", "application", "social"};

/// A section is a declared heading or one of its leading parts ("A" of "A / B").
bool is_heading_of(const ast::SourceDecl& source, std::string_view section) {
  return std::any_of(source.headings.begin(), source.headings.end(), [&](const std::string& heading) {
    if (heading == section) return true;
    return heading.size() > section.size() && heading.compare(0, section.size(), section) == 0 &&
           heading.compare(section.size(), 3, " / ") == 0;
  });
}

void check_citation(const Program& program, const ast::Citation& citation, base::Diagnostics& diagnostics) {
  const ast::SourceDecl* source = program.source_decls.find(citation.source);
  if (source == nullptr) {
    auto& added = diagnostics.error("E203", token_span_after(*program.sources, citation.span, "cite", citation.source),
                                    "unknown source '{}'", citation.source);
    if (auto note = base::did_you_mean(citation.source, program.source_decls.names())) added.notes.push_back(*note);
    return;
  }
  if (is_heading_of(*source, citation.section)) return;
  auto& added = diagnostics.error("E215", token_span_after(*program.sources, citation.span, "section", citation.section),
                                  "section \"{}\" is not a heading of source '{}'", citation.section, source->id);
  std::vector<std::string_view> headings(source->headings.begin(), source->headings.end());
  if (const auto best = base::closest_name(citation.section, headings)) {
    added.notes.push_back(fmt::format("did you mean \"{}\"?", *best));
  }
}

void check_all(const Program& program, const std::vector<ast::Citation>& citations, base::Diagnostics& diagnostics) {
  for (const ast::Citation& citation : citations) check_citation(program, citation, diagnostics);
}

/// Every variable a clause mentions, with `$name` for the parameters it reads.
std::unordered_set<std::string> clause_variables(const Clause& clause) {
  std::unordered_set<std::string> names;
  const auto add_terms = [&](const std::vector<ast::Term>& terms) {
    for (const ast::Term& term : terms) {
      if (const std::string* name = variable_name(term)) names.insert(*name);
      if (const std::string* name = param_name(term)) names.insert("$" + *name);
    }
  };
  add_terms(clause.head->args);
  if (clause.body == nullptr) return names;
  for_each_condition(*clause.body,
                     Overloaded{[&](const ast::Atom* atom) { add_terms(atom->args); },
                                [&](const ast::Negation* negation) { add_terms(negation->atom.args); },
                                [&](const ast::Comparison* comparison) { add_terms({comparison->left, comparison->right}); }});
  return names;
}

/// The names written in `{...}` in a template, in order, each once.
std::vector<std::string> placeholders(std::string_view text) { return placeholders_of(text); }

void check_clause_because(const Program& program, const Clause& clause, base::Diagnostics& diagnostics) {
  const std::unordered_set<std::string> variables = clause_variables(clause);
  for (const std::string& name : placeholders(clause.because->value)) {
    if (name != "_" && variables.count(name) > 0) continue;
    const std::string written = fmt::format("{{{}}}", name);
    auto& added = diagnostics.error("E216", token_span_after(*program.sources, clause.span, "because", written),
                                    "'{}' in the because text names no variable of {} '{}'", written, clause.kind,
                                    clause.id);
    std::vector<std::string_view> candidates(variables.begin(), variables.end());
    if (auto note = base::did_you_mean(name, candidates)) added.notes.push_back(std::move(*note));
  }
}

/// Every `{name}` of a relation's doc or question, or a principle's doc, must name one of
/// its arguments: explanations fill them in from a fact's values.
void check_template_placeholders(const Program& program, const Signature& signature, const std::string& text,
                                 std::string_view what, base::Diagnostics& diagnostics) {
  std::vector<std::string_view> arguments;
  for (const ast::Parameter& parameter : *signature.parameters) arguments.push_back(parameter.name);
  for (const std::string& name : placeholders(text)) {
    if (std::find(arguments.begin(), arguments.end(), name) != arguments.end()) continue;
    const std::string written = fmt::format("{{{}}}", name);
    auto& added = diagnostics.error("E219", token_span(*program.sources, signature.span, written),
                                    "'{}' in the {} of '{}' names none of its arguments", written, what,
                                    signature.name);
    if (auto note = base::did_you_mean(name, arguments)) added.notes.push_back(std::move(*note));
  }
}

void check_doc_placeholders(const Program& program, const Signature& signature, base::Diagnostics& diagnostics) {
  const std::optional<ast::Text>& doc = signature.principle ? signature.principle->doc : signature.relation->doc;
  if (doc) check_template_placeholders(program, signature, doc->value, "doc", diagnostics);
  if (signature.relation && signature.relation->question)
    check_template_placeholders(program, signature, signature.relation->question->text.value, "question",
                                diagnostics);
}

}  // namespace

void check_citations(const Program& program, base::Diagnostics& diagnostics) {
  for (const ast::PrincipleDecl* principle : program.principles.in_order) check_all(program, principle->citations, diagnostics);
  for (const Clause& clause : clauses(program)) check_all(program, *clause.citations, diagnostics);
  for (const ast::ProfileDecl* profile : program.profiles.in_order) check_all(program, profile->citations, diagnostics);
}

void check_principles_cited(const Program& program, base::Diagnostics& diagnostics) {
  for (const ast::PrincipleDecl* principle : program.principles.in_order) {
    if (!principle->citations.empty()) continue;
    diagnostics.error("E304", token_span(*program.sources, principle->span, principle->id),
                      "principle '{}' has no citation", principle->id);
  }
}

void check_layers(const Program& program, base::Diagnostics& diagnostics) {
  const std::vector<std::string_view> layers(known_layers.begin(), known_layers.end());
  for (const ast::PrincipleDecl* principle : program.principles.in_order) {
    for (const ast::Constant& layer : principle->layers) {
      if (std::find(layers.begin(), layers.end(), layer.name) != layers.end()) continue;
      auto& added = diagnostics.error("E217", token_span(*program.sources, layer.span, layer.name),
                                      "unknown layer '{}'", layer.name);
      if (auto note = base::did_you_mean(layer.name, layers)) added.notes.push_back(std::move(*note));
      added.notes.push_back("the layers are physical, logical, application and social");
    }
  }
}

void check_because(const Program& program, base::Diagnostics& diagnostics) {
  for (const Clause& clause : clauses(program)) check_clause_because(program, clause, diagnostics);
}

void check_relation_docs(const Program& program, base::Diagnostics& diagnostics) {
  for (const Signature& signature : program.signatures) check_doc_placeholders(program, signature, diagnostics);
}

}  // namespace cybernorms::compile
