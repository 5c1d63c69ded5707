// Lowering rules and exceptions: one Rule per alternative, terms to variables and
// symbols, parameters bound by literals, exception literals added.
#include "compile/lower.hpp"

#include <unordered_map>

namespace cybernorms::compile {

namespace {

CompareOp lower_op(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::eq: return CompareOp::eq;
    case ast::CompareOp::ne: return CompareOp::ne;
    case ast::CompareOp::lt: return CompareOp::lt;
    case ast::CompareOp::le: return CompareOp::le;
    case ast::CompareOp::gt: return CompareOp::gt;
    case ast::CompareOp::ge: return CompareOp::ge;
  }
  return CompareOp::eq;
}

/// The variables and parameter literals of one compiled rule, built as its terms are met.
class RuleBuilder {
 public:
  RuleBuilder(base::SymbolTable& symbols, const LoweredNames& names) : symbols_(symbols), names_(names) {}

  Term term(const ast::Term& term);
  std::vector<Term> terms(const std::vector<ast::Term>& written);
  Literal condition(const FlatCondition& condition);
  /// The body so far followed by the literals binding parameters.
  std::vector<Literal> take_body(std::vector<Literal> body);
  std::vector<std::string> take_variable_names() { return std::move(variable_names_); }

 private:
  std::uint32_t variable(const std::string& name, bool is_fresh);
  Term parameter(const ast::ParamRef& ref);

  base::SymbolTable& symbols_;
  const LoweredNames& names_;
  std::unordered_map<std::string, std::uint32_t> variables_;
  std::vector<std::string> variable_names_;
  std::vector<Literal> param_literals_;
};

std::uint32_t RuleBuilder::variable(const std::string& name, bool is_fresh) {
  if (!is_fresh) {
    if (const auto found = variables_.find(name); found != variables_.end()) return found->second;
  }
  const auto index = static_cast<std::uint32_t>(variable_names_.size());
  variable_names_.push_back(name);
  if (!is_fresh) variables_.emplace(name, index);
  return index;
}

/// `$name` is a variable named "$name", bound by the parameter's relation `$name(V)`.
Term RuleBuilder::parameter(const ast::ParamRef& ref) {
  const std::string name = "$" + ref.name;
  const bool is_new = variables_.count(name) == 0;
  const Term bound = Term::variable(variable(name, false));
  if (is_new) param_literals_.push_back(AtomLiteral{names_.relations.at(name), {bound}, false, ref.span});
  return bound;
}

Term RuleBuilder::term(const ast::Term& written) {
  const auto& held = written.get();
  if (const auto* variable_term = boost::get<ast::Variable>(&held)) {
    return Term::variable(variable(variable_term->name, variable_term->name == "_"));
  }
  if (const auto* ref = boost::get<ast::ParamRef>(&held)) return parameter(*ref);
  return Term::constant(lower_constant(symbols_, written));
}

std::vector<Term> RuleBuilder::terms(const std::vector<ast::Term>& written) {
  std::vector<Term> out;
  out.reserve(written.size());
  for (const ast::Term& each : written) out.push_back(term(each));
  return out;
}

Literal RuleBuilder::condition(const FlatCondition& condition) {
  return std::visit(
      Overloaded{[&](const ast::Atom* atom) -> Literal {
                   return AtomLiteral{names_.relations.at(atom->relation), terms(atom->args), false, atom->span};
                 },
                 [&](const ast::Negation* negation) -> Literal {
                   const ast::Atom& atom = negation->atom;
                   return AtomLiteral{names_.relations.at(atom.relation), terms(atom.args), true, negation->span};
                 },
                 [&](const ast::Comparison* comparison) -> Literal {
                   Term left = term(comparison->left);
                   return CompareLiteral{lower_op(comparison->op), left, term(comparison->right), comparison->span};
                 }},
      condition);
}

std::vector<Literal> RuleBuilder::take_body(std::vector<Literal> body) {
  body.insert(body.end(), param_literals_.begin(), param_literals_.end());
  param_literals_.clear();
  return body;
}

/// The arguments of `not exception:<id>(...)` for a rule with these head terms: the head's
/// terms at the target's non-`_` positions, or nothing where constants clash.
std::optional<std::vector<Term>> exception_args(base::SymbolTable& symbols, const ast::Atom& target,
                                                const std::vector<Term>& head) {
  std::unordered_map<std::string, Term> matched;
  std::vector<Term> args;
  const auto clashes = [](const Term& a, const Term& b) { return !a.is_variable() && !b.is_variable() && a != b; };
  for (std::size_t i = 0; i < target.args.size() && i < head.size(); ++i) {
    const ast::Term& pattern = target.args[i];
    const std::string* name = variable_name(pattern);
    if (name != nullptr && *name == "_") continue;
    if (name != nullptr) {
      const auto [found, inserted] = matched.emplace(*name, head[i]);
      if (!inserted && clashes(found->second, head[i])) return std::nullopt;
    } else if (param_name(pattern) == nullptr && clashes(Term::constant(lower_constant(symbols, pattern)), head[i])) {
      return std::nullopt;
    }
    args.push_back(head[i]);
  }
  return args;
}

std::vector<Alternative> alternatives_of(const ast::Conjunction* body) {
  return expand_alternatives(body, max_alternatives).value_or(std::vector<Alternative>{});
}

class RulesLowering {
 public:
  RulesLowering(const Program& program, const LoweredNames& names, RuleSet& out)
      : program_(program), names_(names), out_(out) {}

  void lower_rule(const ast::RuleDecl& decl);
  void lower_exception(const ast::ExceptionDecl& decl, std::uint32_t index);

 private:
  void add_exception_literals(Rule& rule, std::vector<Literal>& body);

  const Program& program_;
  const LoweredNames& names_;
  RuleSet& out_;
};

void RulesLowering::add_exception_literals(Rule& rule, std::vector<Literal>& body) {
  for (const std::uint32_t index : names_.exceptions_by_target[rule.head]) {
    const ast::ExceptionDecl& decl = *program_.exceptions.in_order[index];
    auto args = exception_args(out_.symbols, decl.target, rule.head_args);
    if (!args) continue;
    body.push_back(AtomLiteral{out_.exceptions[index].relation, std::move(*args), true, decl.span});
    rule.exceptions_checked.push_back(index);
  }
}

void RulesLowering::lower_rule(const ast::RuleDecl& decl) {
  const std::vector<Alternative> alternatives = alternatives_of(decl.body ? &*decl.body : nullptr);
  for (std::size_t k = 0; k < alternatives.size(); ++k) {
    RuleBuilder builder(out_.symbols, names_);
    Rule rule{decl.id, static_cast<std::uint32_t>(k), names_.relations.at(decl.head.relation),
              builder.terms(decl.head.args), {}, {}, decl.because.value, decl.doc ? decl.doc->value : std::string(), {}, std::nullopt, {}, 0,
              decl.span};
    std::vector<Literal> body;
    for (const FlatCondition& condition : alternatives[k]) body.push_back(builder.condition(condition));
    add_exception_literals(rule, body);
    body = builder.take_body(std::move(body));
    rule.variable_names = builder.take_variable_names();
    rule.body = order_body(std::move(body), rule.variable_names, out_.relations);
    for (const ast::Citation& citation : decl.citations) {
      rule.citations.push_back(Citation{citation.source, citation.section, citation.quote, citation.span});
    }
    out_.rules.push_back(std::move(rule));
  }
}

void RulesLowering::lower_exception(const ast::ExceptionDecl& decl, std::uint32_t index) {
  const Exception& exception = out_.exceptions[index];
  const std::vector<Alternative> alternatives = alternatives_of(&decl.body);
  for (std::size_t k = 0; k < alternatives.size(); ++k) {
    RuleBuilder builder(out_.symbols, names_);
    std::vector<Term> head;
    for (const ast::Term& pattern : decl.target.args) {
      const std::string* name = variable_name(pattern);
      if (name == nullptr || *name != "_") head.push_back(builder.term(pattern));
    }
    std::vector<Literal> body;
    for (const FlatCondition& condition : alternatives[k]) body.push_back(builder.condition(condition));
    body = builder.take_body(std::move(body));
    Rule rule{decl.id, static_cast<std::uint32_t>(k), exception.relation, std::move(head), {},
              builder.take_variable_names(), decl.because.value, exception.doc, exception.citations, index, {}, 0,
              decl.span};
    rule.body = order_body(std::move(body), rule.variable_names, out_.relations);
    out_.rules.push_back(std::move(rule));
  }
}

}  // namespace

void lower_rules(const Program& program, const LoweredNames& names, RuleSet& out) {
  RulesLowering lowering(program, names, out);
  for (const ast::RuleDecl* decl : program.rules.in_order) lowering.lower_rule(*decl);
  for (std::uint32_t i = 0; i < program.exceptions.in_order.size(); ++i) {
    lowering.lower_exception(*program.exceptions.in_order[i], i);
  }
}

}  // namespace cybernorms::compile
