// Lowering: what the checked rule text becomes in the RuleSet evaluation reads.
#include "compile_fixture.hpp"

#include <doctest/doctest.h>

using namespace cybernorms;
using testing::check_text;
using testing::rule_text;
using testing::vocabulary;

namespace {

const std::string cite = R"(cite doc section "Part One / Duties" quote "No state shall harm another")";

std::string rule(const std::string& id, const std::string& head, const std::string& when) {
  return fmt::format("rule {} {{\n  conclude {}\n  when {}\n  because \"x\"\n  {}\n}}\n", id, head, when, cite);
}

const compile::RuleSet& rules_of(const testing::Checked& checked) {
  INFO(base::render_text(checked.diagnostics, checked.sources));
  REQUIRE(checked.rules.has_value());
  return *checked.rules;
}

std::vector<std::string> texts(const compile::RuleSet& rules) {
  std::vector<std::string> out;
  for (const compile::Rule& each : rules.rules) out.push_back(rule_text(rules, each));
  return out;
}

}  // namespace

TEST_CASE("the body is ordered by bound arguments, with filters right after their variables are bound") {
  const auto checked = check_text(vocabulary + rule("harm.access", "harm(Actor, Victim, Op)",
                                                    "hits(Op, Victim) and Actor != Victim and by(Op, Actor) and "
                                                    "act(Op, access)"));
  const auto& rules = rules_of(checked);
  REQUIRE(rules.rules.size() == 1);
  CHECK(rule_text(rules, rules.rules[0]) ==
        "harm(Actor, Victim, Op) :- act(Op, access), hits(Op, Victim), by(Op, Actor), Actor != Victim");
}

TEST_CASE("an exception adds a negated exception literal to each rule concluding its target") {
  const auto checked = check_text(vocabulary + rule("harm.access", "harm(Actor, Victim, Op)",
                                                    "act(Op, access) and hits(Op, Victim) and by(Op, Actor)") +
                                  R"(
exception consented for harm(_, Victim, Op) {
  when consent(Op, Victim)
  because "{Victim} consented to {Op}"
  )" + cite + "\n}\n");
  const auto& rules = rules_of(checked);
  REQUIRE(rules.exceptions.size() == 1);
  const compile::Exception& exception = rules.exceptions[0];
  CHECK(exception.id == "consented");
  CHECK(rules.relations[exception.target].name == "harm");
  const compile::Relation& relation = rules.relations[exception.relation];
  CHECK(relation.name == "exception:consented");
  CHECK(relation.kind == compile::RelationKind::exception);
  CHECK(relation.arg_names == std::vector<std::string>{"victim", "op"});
  CHECK(texts(rules) == std::vector<std::string>{
                            "exception:consented(Victim, Op) :- consent(Op, Victim)",
                            "harm(Actor, Victim, Op) :- act(Op, access), hits(Op, Victim), "
                            "not exception:consented(Victim, Op), by(Op, Actor)"});
  CHECK(rules.rules[0].from_exception == 0u);
  CHECK(rules.rules[1].exceptions_checked == std::vector<std::uint32_t>{0});
  CHECK_FALSE(rules.rules[1].from_exception.has_value());
}

TEST_CASE("an exception whose target constant clashes with a rule's head is not checked by that rule") {
  const auto checked = check_text(vocabulary + "relation calm(s: state)\n" +
                                  rule("calm.named", "calm(quiet_state)", "hostile(quiet_state)") +
                                  rule("calm.any", "calm(S)", "hostile(S)") +
                                  rule("harm.calm", "harm(A, V, Op)", "calm(A) and by(Op, A) and hits(Op, V)") + R"(
exception loud for calm(loud_state) {
  when hostile(loud_state)
  because "it is loud"
  )" + cite + "\n}\n");
  const auto& rules = rules_of(checked);
  CHECK(texts(rules) == std::vector<std::string>{
                            "exception:loud(loud_state) :- hostile(loud_state)",
                            "calm(quiet_state) :- hostile(quiet_state)",
                            "calm(S) :- hostile(S), not exception:loud(S)",
                            "harm(A, V, Op) :- calm(A), by(Op, A), hits(Op, V)"});
  CHECK(rules.rules[1].exceptions_checked.empty());
  CHECK(rules.rules[2].exceptions_checked == std::vector<std::uint32_t>{0});
}

TEST_CASE("strata rise across negation and rules are sorted by stratum, then source position") {
  const auto checked = check_text(vocabulary + "relation calm(s: state)\nrelation watched(s: state)\n" +
                                  rule("harm.calm", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and not calm(V)") +
                                  rule("calm.watched", "calm(S)", "watched(S) and not hostile(S)") +
                                  rule("watched.hostile", "watched(S)", "hostile(S)") +
                                  rule("watched.by", "watched(S)", "by(_, S)"));
  const auto& rules = rules_of(checked);
  REQUIRE(rules.rules.size() == 4);
  CHECK(rules.rules[0].id == "watched.hostile");
  CHECK(rules.rules[0].stratum == 0);
  CHECK(rules.rules[1].id == "watched.by");
  CHECK(rules.rules[1].stratum == 0);
  CHECK(rules.rules[2].id == "calm.watched");
  CHECK(rules.rules[2].stratum == 1);
  CHECK(rules.rules[3].id == "harm.calm");
  CHECK(rules.rules[3].stratum == 2);
  CHECK(rules.stratum_count == 3);
}

TEST_CASE("a parameter reference becomes a variable bound first by the parameter's relation") {
  const auto checked = check_text(vocabulary + rule("harm.big", "harm(A, V, Op)",
                                                    "by(Op, A) and hits(Op, V) and size(Op, S) and S >= $threshold"));
  const auto& rules = rules_of(checked);
  REQUIRE(rules.rules.size() == 1);
  CHECK(rule_text(rules, rules.rules[0]) ==
        "harm(A, V, Op) :- $threshold($threshold), by(Op, A), hits(Op, V), size(Op, S), S >= $threshold");
  const auto relation = rules.find_relation("$threshold");
  REQUIRE(relation.has_value());
  CHECK(rules.relations[*relation].kind == compile::RelationKind::parameter);
  REQUIRE(rules.params.size() == 1);
  CHECK(rules.params[0].relation == *relation);
  CHECK(rules.symbols.name(rules.params[0].default_value) == "significant");
}

TEST_CASE("alternatives become one rule each, with the written id and their position") {
  const auto checked = check_text(vocabulary + rule("harm.act", "harm(A, V, Op)",
                                                    "by(Op, A) and hits(Op, V) and (act(Op, access) or act(Op, theft) "
                                                    "and size(Op, severe))"));
  const auto& rules = rules_of(checked);
  REQUIRE(rules.rules.size() == 2);
  CHECK(rules.rules[0].id == "harm.act");
  CHECK(rules.rules[0].alternative == 0);
  CHECK(rules.rules[1].alternative == 1);
  CHECK(texts(rules) == std::vector<std::string>{
                            "harm(A, V, Op) :- act(Op, access), by(Op, A), hits(Op, V)",
                            "harm(A, V, Op) :- act(Op, theft), size(Op, severe), by(Op, A), hits(Op, V)"});
}

TEST_CASE("profiles hold every parameter's value, a synthesized default first") {
  const auto checked = check_text(vocabulary + "param strict: bool = false\n" + R"(
profile lenient {
  title "Lenient"
  set threshold = severe
}
)");
  const auto& rules = rules_of(checked);
  REQUIRE(rules.profiles.size() == 2);
  const auto value = [&](const compile::Profile& profile, std::size_t param) {
    return rules.symbols.name(profile.values.at(param));
  };
  CHECK(rules.profiles[0].id == "default");
  CHECK(value(rules.profiles[0], 0) == "significant");
  CHECK(value(rules.profiles[0], 1) == "false");
  CHECK(rules.profiles[0].set_explicitly.empty());
  CHECK(rules.profiles[1].id == "lenient");
  CHECK(value(rules.profiles[1], 0) == "severe");
  CHECK(value(rules.profiles[1], 1) == "false");
  CHECK(rules.profiles[1].set_explicitly == std::vector<std::uint32_t>{0});
  CHECK(rules.find_profile("lenient") == 1u);
}

TEST_CASE("a profile written as default comes first, whatever its place in the files") {
  const auto checked = check_text(vocabulary + R"(
profile lenient {
  title "Lenient"
  set threshold = severe
}
profile default {
  title "The source's own reading"
  set threshold = minor
}
)");
  const auto& rules = rules_of(checked);
  REQUIRE(rules.profiles.size() == 2);
  CHECK(rules.profiles[0].id == "default");
  CHECK(rules.profiles[0].title == "The source's own reading");
  CHECK(rules.symbols.name(rules.profiles[0].values[0]) == "minor");
  CHECK(rules.profiles[1].id == "lenient");
}

TEST_CASE("built-in types come first, enumeration values are ordered as written and integers by value") {
  const auto checked = check_text(vocabulary + "relation count(op: operation, n: int) from operations.count\n" +
                                  rule("harm.many", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and count(Op, N) and N > 3"));
  const auto& rules = rules_of(checked);
  REQUIRE(rules.types.size() >= 7);
  CHECK(rules.types[0].name == "bool");
  CHECK(rules.types[0].kind == compile::TypeKind::boolean);
  CHECK(rules.types[1].kind == compile::TypeKind::integer);
  CHECK(rules.types[2].kind == compile::TypeKind::string);
  const auto scale = rules.find_type("scale");
  REQUIRE(scale.has_value());
  CHECK(rules.types[*scale].kind == compile::TypeKind::enumeration);
  const auto& values = rules.types[*scale].values;
  REQUIRE(values.size() == 3);
  CHECK(rules.symbols.name(values[2]) == "severe");
  CHECK(rules.symbols.order_key(values[0]) == 0);
  CHECK(rules.symbols.order_key(values[2]) == 2);
  const auto state = rules.find_type("state");
  REQUIRE(state.has_value());
  CHECK(rules.types[*state].kind == compile::TypeKind::entity);
  CHECK(rules.types[*state].collection == "states");
  const auto three = rules.symbols.find("3");
  REQUIRE(three.has_value());
  CHECK(rules.symbols.order_key(*three) == 3);
}

TEST_CASE("relations keep their kind, argument types and scenario binding") {
  const auto checked = check_text(vocabulary + "relation armed(s: state) from states.armed default false\n" +
                                  rule("harm.armed", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and armed(A)"));
  const auto& rules = rules_of(checked);
  const auto act = rules.find_relation("act");
  REQUIRE(act.has_value());
  const compile::Relation& relation = rules.relations[*act];
  CHECK(relation.kind == compile::RelationKind::base);
  CHECK(relation.arg_names == std::vector<std::string>{"op", "kind"});
  CHECK(rules.types[relation.arg_types[1]].name == "act_kind");
  REQUIRE(relation.binding.has_value());
  CHECK(relation.binding->collection == "operations");
  CHECK(relation.binding->attribute == "acts");
  CHECK(relation.binding->is_list);
  const auto armed = rules.find_relation("armed");
  REQUIRE(armed.has_value());
  REQUIRE(rules.relations[*armed].binding.has_value());
  const auto& default_value = rules.relations[*armed].binding->default_value;
  REQUIRE(default_value.has_value());
  CHECK(rules.symbols.name(*default_value) == "false");
  const auto harm = rules.find_relation("harm");
  REQUIRE(harm.has_value());
  CHECK(rules.relations[*harm].kind == compile::RelationKind::principle);
  REQUIRE(rules.principles.size() == 1);
  CHECK(rules.principles[0].relation == *harm);
  CHECK(rules.principles[0].citations.size() == 1);
}

TEST_CASE("a rule with no when is a fact with an empty body") {
  const auto checked = check_text(vocabulary + R"(
relation neutral(s: state)
rule neutral.swiss {
  conclude neutral(switzerland)
  because "Switzerland is neutral"
  )" + cite + "\n}\n" + rule("harm.n", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and not neutral(V)"));
  const auto& rules = rules_of(checked);
  CHECK(texts(rules).front() == "neutral(switzerland) :- ");
}

TEST_CASE("the same rule text compiles to the same rule set every time") {
  const std::string text = vocabulary + rule("harm.access", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and act(Op, access)");
  const auto first = check_text(text);
  const auto second = check_text(text);
  REQUIRE(first.rules.has_value());
  REQUIRE(second.rules.has_value());
  CHECK(texts(*first.rules) == texts(*second.rules));
  CHECK(first.rules->symbols.size() == second.rules->symbols.size());
}
