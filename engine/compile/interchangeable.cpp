#include "compile/interchangeable.hpp"

#include <optional>

namespace cybernorms::compile {

namespace {

/// Clears the mark of every type that lists `symbol` among its values.
void named(SymbolId symbol, const std::vector<std::vector<TypeId>>& types_of_symbol, std::vector<bool>& marks) {
  if (symbol >= types_of_symbol.size()) return;
  for (const TypeId type : types_of_symbol[symbol]) marks[type] = false;
}

/// What one rule reads of each variable: its type (from an atom's argument), how many
/// places of positive atoms it takes, and whether a comparison or a negated atom reads it.
struct VariableUse {
  std::optional<TypeId> type;
  std::uint32_t positive_places = 0;
  bool compared = false;
};

void check_rule(const RuleSet& rules, const Rule& rule, const std::vector<std::vector<TypeId>>& types_of_symbol,
                std::vector<bool>& marks) {
  std::vector<VariableUse> uses(rule.variable_names.size());
  // A constant clears its types' marks; a variable's use is returned, with its type noted.
  const auto term = [&](const Term& argument, std::optional<TypeId> type) -> VariableUse* {
    if (!argument.is_variable()) {
      named(argument.value, types_of_symbol, marks);
      return nullptr;
    }
    if (argument.value >= uses.size()) return nullptr;
    VariableUse& use = uses[argument.value];
    if (type) use.type = type;
    return &use;
  };
  const Relation& head = rules.relations[rule.head];
  for (std::size_t i = 0; i < rule.head_args.size(); ++i) term(rule.head_args[i], head.arg_types.at(i));
  for (const Literal& literal : rule.body) {
    if (const auto* atom = std::get_if<AtomLiteral>(&literal)) {
      const Relation& relation = rules.relations[atom->relation];
      for (std::size_t i = 0; i < atom->args.size(); ++i) {
        const TypeId type = relation.arg_types.at(i);
        if (atom->negated) marks[type] = false;
        if (VariableUse* use = term(atom->args[i], type); use != nullptr && !atom->negated) ++use->positive_places;
      }
    } else {
      const auto& comparison = std::get<CompareLiteral>(literal);
      for (const Term& side : {comparison.left, comparison.right})
        if (VariableUse* use = term(side, std::nullopt)) use->compared = true;
    }
  }
  for (const VariableUse& use : uses)
    if (use.type && (use.positive_places > 1 || use.compared)) marks[*use.type] = false;
}

}  // namespace

std::vector<bool> interchangeable_types(const RuleSet& rules) {
  std::vector<bool> marks(rules.types.size(), false);
  std::vector<std::vector<TypeId>> types_of_symbol(rules.symbols.size());
  for (TypeId type = 0; type < rules.types.size(); ++type) {
    if (rules.types[type].kind != TypeKind::enumeration) continue;
    marks[type] = rules.types[type].values.size() > 1;
    for (const SymbolId value : rules.types[type].values)
      if (value < types_of_symbol.size()) types_of_symbol[value].push_back(type);
  }
  for (const Param& param : rules.params) marks[param.type] = false;
  for (const Principle& principle : rules.principles)
    for (const TypeId type : rules.relations[principle.relation].arg_types) marks[type] = false;
  for (const Rule& rule : rules.rules) check_rule(rules, rule, types_of_symbol, marks);
  return marks;
}

}  // namespace cybernorms::compile
