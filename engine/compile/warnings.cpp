// Warnings: legal, but probably not what the author meant.
#include "compile/checks.hpp"
#include "compile/text.hpp"

namespace cybernorms::compile {

namespace {

struct Use {
  bool read = false;       ///< in a rule's or exception's body
  bool concluded = false;  ///< a rule's head
  bool targeted = false;   ///< an exception's target
};

std::unordered_map<std::string_view, Use> relation_uses(const Program& program) {
  std::unordered_map<std::string_view, Use> uses;
  const auto read = [&](const ast::Conjunction& body) {
    for_each_condition(body, Overloaded{[&](const ast::Atom* atom) { uses[atom->relation].read = true; },
                                        [&](const ast::Negation* negation) { uses[negation->atom.relation].read = true; },
                                        [](const ast::Comparison*) {}});
  };
  for (const ast::RuleDecl* rule : program.rules.in_order) {
    uses[rule->head.relation].concluded = true;
    if (rule->body) read(*rule->body);
  }
  for (const ast::ExceptionDecl* exception : program.exceptions.in_order) {
    uses[exception->target.relation].targeted = true;
    read(exception->body);
  }
  return uses;
}

}  // namespace

void warn_unused_relations(const Program& program, base::Diagnostics& diagnostics) {
  const auto uses = relation_uses(program);
  for (const ast::RelationDecl* relation : program.relation_decls.in_order) {
    const auto found = uses.find(relation->name);
    const Use use = found == uses.end() ? Use{} : found->second;
    const base::Span span = token_span(*program.sources, relation->span, relation->name);
    if (!use.read && !use.concluded && !use.targeted && relation->binding) {
      // Scenarios may still state it; the rule author should know no rule looks at it.
      const ast::Binding& binding = *relation->binding;
      diagnostics.warning("W001", span, "relation '{}' is read from scenarios ({}{}{}) but no rule uses it",
                          relation->name, binding.collection, binding.attribute.empty() ? "" : ".", binding.attribute);
    } else if (!use.read && !use.concluded && !use.targeted) {
      diagnostics.warning("W001", span, "relation '{}' is declared but never used", relation->name);
    } else if (use.concluded && !use.read) {
      diagnostics.warning("W002", span, "relation '{}' is concluded, but nothing reads or reports its conclusions",
                          relation->name);
    }
  }
}

void warn_unconcluded_principles(const Program& program, base::Diagnostics& diagnostics) {
  const auto uses = relation_uses(program);
  for (const ast::PrincipleDecl* principle : program.principles.in_order) {
    const auto found = uses.find(principle->id);
    if (found != uses.end() && found->second.concluded) continue;
    diagnostics.warning("W004", token_span(*program.sources, principle->span, principle->id),
                        "no rule concludes principle '{}', so it is never reported", principle->id);
  }
}

void warn_relations_never_holding(const Program& program, base::Diagnostics& diagnostics) {
  const auto uses = relation_uses(program);
  for (const ast::RelationDecl* relation : program.relation_decls.in_order) {
    const auto found = uses.find(relation->name);
    if (relation->binding || found == uses.end() || !found->second.read || found->second.concluded) continue;
    diagnostics.warning("W005", token_span(*program.sources, relation->span, relation->name),
                        "relation '{}' has no 'from' and no rule concludes it, so it never holds", relation->name);
  }
}

void warn_uncited_rules(const Program& program, base::Diagnostics& diagnostics) {
  for (const Clause& clause : clauses(program)) {
    if (!clause.citations->empty()) continue;
    diagnostics.warning("W003", token_span(*program.sources, clause.span, clause.id), "{} '{}' has no citation",
                        clause.kind, clause.id);
  }
}

}  // namespace cybernorms::compile
