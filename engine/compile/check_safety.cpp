// Safety: every variable whose value matters is bound by a positive atom of the same
// alternative, so evaluation never has to enumerate a type's values.
#include "compile/checks.hpp"
#include "compile/text.hpp"

#include <fmt/core.h>

#include <unordered_set>

namespace cybernorms::compile {

namespace {

using Names = std::unordered_set<std::string_view>;

Names bound_by(const Alternative& alternative) {
  Names bound;
  for (const FlatCondition& condition : alternative) {
    if (const auto* atom = std::get_if<const ast::Atom*>(&condition)) {
      for (const ast::Term& term : (*atom)->args) {
        if (const std::string* name = variable_name(term); name && *name != "_") bound.insert(*name);
      }
    }
  }
  return bound;
}

/// Reports each unsafe variable once, however many alternatives it is unsafe in.
class SafetyCheck {
 public:
  SafetyCheck(const Program& program, const Clause& clause, std::size_t alternatives, base::Diagnostics& diagnostics)
      : program_(program), clause_(clause), alternatives_(alternatives), diagnostics_(diagnostics) {}

  void check(const Alternative& alternative, std::size_t index);

 private:
  void check_terms(const std::vector<ast::Term>& terms, std::string_view where, bool allow_anonymous);
  void report(const ast::Term& term, const std::string& name, std::string_view where);

  const Program& program_;
  const Clause& clause_;
  std::size_t alternatives_;
  base::Diagnostics& diagnostics_;
  Names bound_;
  std::size_t index_ = 0;
  std::unordered_set<std::uint32_t> reported_;  // by span offset
};

void SafetyCheck::check(const Alternative& alternative, std::size_t index) {
  bound_ = bound_by(alternative);
  index_ = index;
  const bool is_exception = clause_.exception != nullptr;
  check_terms(clause_.head->args, is_exception ? "the exception's target" : "the head", is_exception);
  for (const FlatCondition& condition : alternative) {
    if (const auto* negation = std::get_if<const ast::Negation*>(&condition)) {
      check_terms((*negation)->atom.args, "a negated condition", false);
    } else if (const auto* comparison = std::get_if<const ast::Comparison*>(&condition)) {
      check_terms({(*comparison)->left, (*comparison)->right}, "a comparison", false);
    }
  }
}

void SafetyCheck::check_terms(const std::vector<ast::Term>& terms, std::string_view where, bool allow_anonymous) {
  for (const ast::Term& term : terms) {
    const std::string* name = variable_name(term);
    if (name == nullptr || bound_.count(*name) > 0) continue;
    if (*name == "_" && allow_anonymous) continue;
    report(term, *name, where);
  }
}

void SafetyCheck::report(const ast::Term& term, const std::string& name, std::string_view where) {
  const base::Span span = token_span(*program_.sources, term_span(term), name);
  if (!reported_.insert(span.offset).second) return;
  if (name == "_") {
    if (where == "the head") {
      diagnostics_.error("E302", span, "'_' in the head of rule '{}': a conclusion needs every value", clause_.id);
    } else {
      diagnostics_.error("E301", span, "'_' in {} is never bound", where);
    }
    return;
  }
  auto& added = diagnostics_.error("E301", span, "variable '{}' in {} is not bound by any positive condition", name, where);
  if (alternatives_ > 1) added.notes.push_back(fmt::format("in alternative {} of {}", index_ + 1, alternatives_));
}

}  // namespace

void check_alternative_count(const Program& program, base::Diagnostics& diagnostics) {
  for (const Clause& clause : clauses(program)) {
    if (expand_alternatives(clause.body, max_alternatives)) continue;
    diagnostics.error("E305", token_span(*program.sources, clause.span, clause.id),
                      "{} '{}' has more than {} alternatives once its 'or's are expanded", clause.kind, clause.id,
                      max_alternatives);
  }
}

void check_safety(const Program& program, base::Diagnostics& diagnostics) {
  for (const Clause& clause : clauses(program)) {
    const auto alternatives = expand_alternatives(clause.body, max_alternatives);
    if (!alternatives) continue;
    SafetyCheck check(program, clause, alternatives->size(), diagnostics);
    for (std::size_t i = 0; i < alternatives->size(); ++i) check.check((*alternatives)[i], i);
  }
}

}  // namespace cybernorms::compile
