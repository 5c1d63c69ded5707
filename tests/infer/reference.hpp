// A plain evaluator for comparison: naive bottom-up, stratum by stratum, no indexes,
// every rule re-run over every fact until nothing changes. Facts are all true.
#pragma once
#include "compile/rule_set.hpp"

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace cybernorms::testing {

using ReferenceFact = std::pair<compile::RelationId, std::vector<base::SymbolId>>;
using ReferenceModel = std::set<ReferenceFact>;

class ReferenceEvaluator {
 public:
  explicit ReferenceEvaluator(const compile::RuleSet& rules) : rules_(rules) {}

  ReferenceModel evaluate(ReferenceModel facts) const {
    for (std::uint32_t stratum = 0; stratum < rules_.stratum_count; ++stratum) {
      bool changed = true;
      while (changed) {
        changed = false;
        for (const auto& rule : rules_.rules) {
          if (rule.stratum != stratum) continue;
          std::vector<std::optional<base::SymbolId>> bindings(rule.variable_names.size());
          ReferenceModel found;
          match(rule, 0, bindings, facts, found);
          for (const auto& fact : found) changed = facts.insert(fact).second || changed;
        }
      }
    }
    return facts;
  }

 private:
  using Bindings = std::vector<std::optional<base::SymbolId>>;

  static std::optional<base::SymbolId> value(const compile::Term& term, const Bindings& bindings) {
    return term.is_variable() ? bindings[term.value] : std::optional(term.value);
  }

  void match(const compile::Rule& rule, std::size_t at, Bindings& bindings, const ReferenceModel& facts,
             ReferenceModel& found) const {
    if (at == rule.body.size()) {
      std::vector<base::SymbolId> head;
      for (const auto& term : rule.head_args) head.push_back(*value(term, bindings));
      found.insert({rule.head, head});
      return;
    }
    if (const auto* compare = std::get_if<compile::CompareLiteral>(&rule.body[at])) {
      if (holds(*compare, bindings)) match(rule, at + 1, bindings, facts, found);
      return;
    }
    const auto& atom = std::get<compile::AtomLiteral>(rule.body[at]);
    if (atom.negated) {
      std::vector<base::SymbolId> key;
      for (const auto& term : atom.args) key.push_back(*value(term, bindings));
      if (!facts.contains({atom.relation, key})) match(rule, at + 1, bindings, facts, found);
      return;
    }
    for (const auto& [relation, args] : facts) {
      if (relation != atom.relation) continue;
      Bindings extended = bindings;
      bool fits = true;
      for (std::size_t i = 0; i < args.size() && fits; ++i) {
        const auto current = value(atom.args[i], extended);
        if (current) fits = *current == args[i];
        else extended[atom.args[i].value] = args[i];
      }
      if (fits) match(rule, at + 1, extended, facts, found);
    }
  }

  bool holds(const compile::CompareLiteral& compare, const Bindings& bindings) const {
    const auto left = *value(compare.left, bindings);
    const auto right = *value(compare.right, bindings);
    if (compare.op == compile::CompareOp::eq) return left == right;
    if (compare.op == compile::CompareOp::ne) return left != right;
    const auto l = rules_.symbols.order_key(left);
    const auto r = rules_.symbols.order_key(right);
    if (!l || !r) return false;
    switch (compare.op) {
      case compile::CompareOp::lt: return *l < *r;
      case compile::CompareOp::le: return *l <= *r;
      case compile::CompareOp::gt: return *l > *r;
      case compile::CompareOp::ge: return *l >= *r;
      default: return false;
    }
  }

  const compile::RuleSet& rules_;
};

}  // namespace cybernorms::testing
