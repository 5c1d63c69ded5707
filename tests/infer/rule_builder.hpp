// Builds compile::RuleSets in C++ for tests and benchmarks, from rules written as
// `head(X, Y) :- body(X, Z), not other(Z), X != Y` (upper-case names are variables,
// `_` a fresh one, `$p` a parameter variable; other names and integers are constants).
#pragma once
#include "compile/rule_set.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::testing {

class RuleSetBuilder {
 public:
  compile::RelationId relation(std::string name, std::vector<std::string> arg_names,
                               compile::RelationKind kind = compile::RelationKind::base, std::string doc = {}) {
    compile::Relation relation;
    relation.name = std::move(name);
    relation.kind = kind;
    relation.arg_types.assign(arg_names.size(), 0);
    relation.arg_names = std::move(arg_names);
    relation.doc = std::move(doc);
    rules_.relations.push_back(std::move(relation));
    return static_cast<compile::RelationId>(rules_.relations.size() - 1);
  }

  compile::RelationId principle(std::string name, std::vector<std::string> arg_names, std::string title,
                                std::string doc = {}) {
    const auto id = relation(name, std::move(arg_names), compile::RelationKind::principle, std::move(doc));
    compile::Principle principle;
    principle.id = std::move(name);
    principle.relation = id;
    principle.title = std::move(title);
    principle.citations.push_back({"sov3", "II. Obligations", "Non-infringement", {}});
    rules_.principles.push_back(std::move(principle));
    return id;
  }

  /// A symbol; an integer spelling gets its value as order key.
  base::SymbolId symbol(std::string_view text) {
    const auto id = rules_.symbols.intern(text);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc{} && end == text.data() + text.size()) rules_.symbols.set_order_key(id, value);
    return id;
  }

  /// An enumeration: its values ordered as given.
  void enumeration(const std::vector<std::string>& values) {
    for (std::size_t i = 0; i < values.size(); ++i)
      rules_.symbols.set_order_key(rules_.symbols.intern(values[i]), static_cast<std::int64_t>(i));
  }

  /// A parameter `$name` with a default value, and the "default" profile holding it.
  void param(const std::string& name, const std::string& default_value) {
    compile::Param param;
    param.name = name;
    param.default_value = symbol(default_value);
    param.relation = relation("$" + name, {"value"}, compile::RelationKind::parameter);
    rules_.params.push_back(param);
    if (rules_.profiles.empty()) rules_.profiles.push_back(compile::Profile{"default", "Default", {}, {}, {}, {}, {}, {}});
    for (auto& profile : rules_.profiles) profile.values.push_back(param.default_value);
  }

  void profile(std::string id, const std::vector<std::string>& values) {
    compile::Profile profile;
    profile.id = std::move(id);
    for (const auto& value : values) profile.values.push_back(symbol(value));
    rules_.profiles.push_back(std::move(profile));
  }

  /// Adds a rule written as `head(...) :- literal, literal`; returns its index.
  std::uint32_t rule(const std::string& id, std::string_view text, std::string because = {}) {
    compile::Rule rule;
    rule.id = id;
    rule.because = std::move(because);
    rule.citations.push_back({"sov3", "II. Obligations", "quote of " + id, {}});
    Reader reader{text, *this, rule};
    reader.parse_rule();
    rules_.rules.push_back(std::move(rule));
    return static_cast<std::uint32_t>(rules_.rules.size() - 1);
  }

  /// An exception: `exception:<id>` holds where the body holds; every rule concluding
  /// `target` gets `not exception:<id>(head args at target_positions)`.
  void exception(const std::string& id, std::string_view target, std::vector<std::size_t> target_positions,
                 std::string_view body_text, std::string because = {}) {
    const auto target_id = find(target);
    std::vector<std::string> names;
    for (const auto position : target_positions) names.push_back(rules_.relations[target_id].arg_names[position]);
    const auto relation_id = relation("exception:" + id, names, compile::RelationKind::exception);
    const auto exception_index = static_cast<std::uint32_t>(rules_.exceptions.size());
    rules_.exceptions.push_back({id, target_id, relation_id, because, {}, {{"ilc", "Article 20", "Valid consent", {}}}, {}});
    for (auto& rule : rules_.rules) {
      if (rule.head != target_id || rule.from_exception) continue;
      compile::AtomLiteral negated{relation_id, {}, true, {}};
      for (const auto position : target_positions) negated.args.push_back(rule.head_args[position]);
      rule.body.emplace_back(std::move(negated));
      rule.exceptions_checked.push_back(exception_index);
    }
    const auto index = rule(id, std::string("exception:") + id + std::string(body_text), std::move(because));
    rules_.rules[index].from_exception = exception_index;
  }

  compile::RelationId find(std::string_view name) const {
    if (const auto found = rules_.find_relation(name)) return *found;
    throw std::invalid_argument("unknown relation " + std::string(name));
  }

  /// Assigns strata (a relation sits above what it negates) and returns the rule set.
  compile::RuleSet build() {
    std::vector<std::uint32_t> stratum(rules_.relations.size(), 0);
    for (std::size_t round = 0; round <= rules_.relations.size(); ++round)
      for (const auto& rule : rules_.rules)
        for (const auto& literal : rule.body)
          if (const auto* atom = std::get_if<compile::AtomLiteral>(&literal))
            stratum[rule.head] = std::max(stratum[rule.head], stratum[atom->relation] + (atom->negated ? 1 : 0));
    rules_.stratum_count = 0;
    for (auto& rule : rules_.rules) {
      rule.stratum = stratum[rule.head];
      rules_.stratum_count = std::max(rules_.stratum_count, rule.stratum + 1);
    }
    std::stable_sort(rules_.rules.begin(), rules_.rules.end(),
                     [](const compile::Rule& a, const compile::Rule& b) { return a.stratum < b.stratum; });
    if (rules_.profiles.empty()) rules_.profiles.push_back(compile::Profile{"default", "Default", {}, {}, {}, {}, {}, {}});
    return rules_;
  }

 private:
  // A tiny reader for the test rule notation.
  struct Reader {
    std::string_view text;
    RuleSetBuilder& builder;
    compile::Rule& rule;
    std::size_t at = 0;

    void parse_rule() {
      const auto head = atom();
      rule.head = head.relation;
      rule.head_args = head.args;
      skip();
      if (!consume(":-")) return;
      do rule.body.push_back(literal());
      while (consume(","));
    }
    compile::Literal literal() {
      skip();
      if (text.substr(at, 4) == "not ") {
        at += 4;
        auto negated = atom();
        negated.negated = true;
        return negated;
      }
      const auto start = at;
      const auto first = word();
      skip();
      if (at < text.size() && text[at] == '(') {
        at = start;
        return atom();
      }
      at = start;
      compile::CompareLiteral compare;
      compare.left = term(word());
      compare.op = compare_op();
      compare.right = term(word());
      (void)first;
      return compare;
    }
    compile::AtomLiteral atom() {
      compile::AtomLiteral atom;
      atom.relation = builder.find(word());
      expect("(");
      skip();
      if (!consume(")")) {
        do atom.args.push_back(term(word()));
        while (consume(","));
        expect(")");
      }
      return atom;
    }
    compile::CompareOp compare_op() {
      skip();
      for (const auto& [spelling, op] : {std::pair{"!=", compile::CompareOp::ne}, std::pair{"<=", compile::CompareOp::le},
                                         std::pair{">=", compile::CompareOp::ge}, std::pair{"=", compile::CompareOp::eq},
                                         std::pair{"<", compile::CompareOp::lt}, std::pair{">", compile::CompareOp::gt}})
        if (consume(spelling)) return op;
      throw std::invalid_argument("expected a comparison in " + std::string(text));
    }
    compile::Term term(std::string_view name) {
      if (name == "_") return variable("_" + std::to_string(rule.variable_names.size()), true);
      if (std::isupper(static_cast<unsigned char>(name[0])) || name[0] == '$') return variable(std::string(name), false);
      return compile::Term::constant(builder.symbol(name));
    }
    compile::Term variable(const std::string& name, bool fresh) {
      auto& names = rule.variable_names;
      const auto found = std::find(names.begin(), names.end(), name);
      if (found != names.end() && !fresh) return compile::Term::variable(static_cast<std::uint32_t>(found - names.begin()));
      names.push_back(name);
      return compile::Term::variable(static_cast<std::uint32_t>(names.size() - 1));
    }
    std::string_view word() {
      skip();
      const auto start = at;
      while (at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_' ||
                                  text[at] == '$' || text[at] == ':' || text[at] == '-' || text[at] == '.')) {
        if (text.substr(at, 2) == ":-") break;
        ++at;
      }
      if (start == at) throw std::invalid_argument("expected a name in " + std::string(text));
      return text.substr(start, at - start);
    }
    void skip() {
      while (at < text.size() && text[at] == ' ') ++at;
    }
    bool consume(std::string_view token) {
      skip();
      if (text.substr(at, token.size()) != token) return false;
      at += token.size();
      return true;
    }
    void expect(std::string_view token) {
      if (!consume(token)) throw std::invalid_argument("expected " + std::string(token) + " in " + std::string(text));
    }
  };

  compile::RuleSet rules_;
};

}  // namespace cybernorms::testing
