// Small rule sets built by hand, so io tests need neither the parser nor the compiler.
#pragma once
#include "compile/rule_set.hpp"

#include <string>
#include <utility>
#include <vector>

namespace cybernorms::test {

/// Builds a RuleSet declaration by declaration, the way the compiler lowers one.
class RuleSetBuilder {
 public:
  RuleSetBuilder() {
    builtin("bool", compile::TypeKind::boolean);
    rules_.types.back().values = {rules_.symbols.intern("true"), rules_.symbols.intern("false")};
    builtin("int", compile::TypeKind::integer);
    builtin("string", compile::TypeKind::string);
    rules_.profiles.push_back(compile::Profile{"default", "The source document's reading", "", {}, {}, {}, {}, {}});
  }

  compile::TypeId enumeration(const std::string& name, const std::vector<std::string>& values, std::string doc = {}) {
    compile::Type type{name, compile::TypeKind::enumeration, {}, {}, std::move(doc), {}};
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto symbol = rules_.symbols.intern(values[i]);
      rules_.symbols.set_order_key(symbol, static_cast<std::int64_t>(i));
      type.values.push_back(symbol);
    }
    return add_type(std::move(type));
  }

  compile::TypeId entity(const std::string& name, const std::string& collection, std::string doc = {}) {
    return add_type(compile::Type{name, compile::TypeKind::entity, {}, collection, std::move(doc), {}});
  }

  /// `args` as (name, type name) pairs; the types must be declared already.
  compile::RelationId relation(const std::string& name, const std::vector<std::pair<std::string, std::string>>& args,
                               std::string doc, std::optional<compile::Binding> binding = std::nullopt) {
    compile::Relation relation;
    relation.name = name;
    relation.kind = compile::RelationKind::base;
    for (const auto& [arg, type] : args) {
      relation.arg_names.push_back(arg);
      relation.arg_types.push_back(*rules_.find_type(type));
    }
    relation.doc = std::move(doc);
    relation.binding = std::move(binding);
    if (!relation.binding) relation.kind = compile::RelationKind::derived;
    rules_.relations.push_back(std::move(relation));
    return static_cast<compile::RelationId>(rules_.relations.size() - 1);
  }

  compile::Binding from(const std::string& collection, const std::string& attribute = {}) const {
    return compile::Binding{collection, attribute, false, std::nullopt, false};
  }
  compile::Binding from(const std::string& collection, const std::string& attribute, const std::string& default_value) {
    return compile::Binding{collection, attribute, false, rules_.symbols.intern(default_value), false};
  }
  compile::Binding from_list(const std::string& collection, const std::string& attribute,
                             bool defaults_to_empty = false) const {
    return compile::Binding{collection, attribute, true, std::nullopt, defaults_to_empty};
  }
  compile::Binding from_list_defaulting_to(const std::string& collection, const std::string& attribute,
                                          const std::string& default_value) {
    return compile::Binding{collection, attribute, true, rules_.symbols.intern(default_value), false};
  }

  compile::RuleSet& rules() { return rules_; }
  compile::RuleSet build() const { return rules_; }

 private:
  compile::TypeId builtin(const std::string& name, compile::TypeKind kind) {
    return add_type(compile::Type{name, kind, {}, {}, {}, {}});
  }
  compile::TypeId add_type(compile::Type type) {
    rules_.types.push_back(std::move(type));
    return static_cast<compile::TypeId>(rules_.types.size() - 1);
  }
  compile::RuleSet rules_;
};

/// A vocabulary shaped like the project's: states, actors, assets and operations.
inline compile::RuleSet sample_rules() {
  RuleSetBuilder b;
  b.enumeration("act_kind", {"unauthorised_access", "data_theft", "disruption"}, "What an operation did.");
  b.enumeration("scale", {"minor", "significant", "severe"}, "How large the effects were.");
  b.entity("state", "states", "A state.");
  b.entity("actor", "actors", "Who carried out operations.");
  b.entity("asset", "assets", "Systems and data.");
  b.entity("operation", "operations", "A cyber operation.");
  b.relation("state", {{"s", "state"}}, "{s} is a state", b.from("states"));
  b.relation("operation", {{"op", "operation"}}, "{op} is an operation", b.from("operations"));
  b.relation("conducted_by", {{"op", "operation"}, {"actor", "actor"}}, "{op} was conducted by {actor}",
             b.from("operations", "actor"));
  b.relation("act", {{"op", "operation"}, {"kind", "act_kind"}}, "{op} involved {kind}",
             b.from_list("operations", "acts"));
  b.relation("effect_scale", {{"op", "operation"}, {"scale", "scale"}}, "the effects of {op} were {scale}",
             b.from("operations", "scale", "minor"));
  b.relation("consent_given", {{"op", "operation"}}, "the territorial state consented to {op}",
             b.from("operations", "consent"));
  b.relation("physically_present", {{"op", "operation"}}, "the operators of {op} were present",
             b.from("operations", "operators_present", "false"));
  b.relation("targets", {{"op", "operation"}, {"asset", "asset"}}, "{op} targeted {asset}",
             b.from_list("operations", "targets", true));
  b.relation("duration_days", {{"op", "operation"}, {"days", "int"}}, "{op} lasted {days} days",
             b.from("operations", "duration_days"));
  b.relation("codename", {{"op", "operation"}, {"name", "string"}}, "{op} was called {name}",
             b.from("operations", "codename"));
  b.relation("located_in", {{"asset", "asset"}, {"state", "state"}}, "{asset} is in {state}",
             b.from("assets", "state"));
  b.relation("organ_of", {{"actor", "actor"}, {"state", "state"}}, "{actor} is an organ of {state}",
             b.from_list("actors", "organ_of"));
  b.relation("attributed_to", {{"op", "operation"}, {"state", "state"}}, "{op} is attributable to {state}");
  return b.build();
}

}  // namespace cybernorms::test
