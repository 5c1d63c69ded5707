// Every construct of the rule language parses to the tree it means.
#include "dsl/parse.hpp"
#include "parse_text.hpp"

#include <boost/variant/get.hpp>
#include <doctest/doctest.h>

#include <limits>

using namespace cybernorms;
using namespace cybernorms::dsl;

namespace {

using testing::Parsed;
using testing::parse_text;

/// The only item of `text`, which must be of type T and parse without diagnostics.
template <typename T>
T only_item(const std::string& text) {
  const Parsed parsed = parse_text(text);
  REQUIRE(parsed.diagnostics.all().empty());
  REQUIRE(parsed.file.items.size() == 1);
  const T* item = boost::get<T>(&parsed.file.items.front().get());
  REQUIRE(item != nullptr);
  return *item;
}

template <typename T, typename Variant>
const T& as(const Variant& variant) {
  const T* alternative = boost::get<T>(&variant.get());
  REQUIRE(alternative != nullptr);
  return *alternative;
}

const ast::Disjunction& as_disjunction(const ast::Condition& condition) {
  return as<ast::x3::forward_ast<ast::Disjunction>>(condition).get();
}

}  // namespace

TEST_CASE("an include keeps its path and where it was written") {
  const auto include = only_item<ast::Include>("\n  include \"vocabulary.cnr\"  # the vocabulary\n");
  CHECK(include.path == "vocabulary.cnr");
  CHECK(include.span.line == 2);
  CHECK(include.span.column == 3);
  CHECK(include.span.length == 24);
  CHECK(include.span.offset == 3);
}

TEST_CASE("a source keeps its title, doc string, date, file, url and headings in order") {
  const auto source = only_item<ast::SourceDecl>(R"(source sov3 "Sovereignty" {
  "The primary source."
  date "2021"
  file "000_fabf38247e36d9ca.txt"
  url "https://example.org/x"
  heading "A / I. Rights"
  heading "A / II. Obligations"
})");
  CHECK(source.id == "sov3");
  CHECK(source.title == "Sovereignty");
  CHECK(source.doc == "The primary source.");
  CHECK(source.date == "2021");
  CHECK(source.file == "000_fabf38247e36d9ca.txt");
  CHECK(source.url == "https://example.org/x");
  CHECK(source.headings == std::vector<std::string>{"A / I. Rights", "A / II. Obligations"});
}

TEST_CASE("a source may leave out every optional part") {
  const auto source = only_item<ast::SourceDecl>(R"(source s "T" {})");
  CHECK_FALSE(source.doc.has_value());
  CHECK_FALSE(source.date.has_value());
  CHECK_FALSE(source.file.has_value());
  CHECK_FALSE(source.url.has_value());
  CHECK(source.headings.empty());
}

TEST_CASE("a type lists its values in order, each with its place") {
  const auto type = only_item<ast::TypeDecl>("type scale = { minor,\n  significant, severe }\n  \"How large.\"");
  CHECK(type.name == "scale");
  REQUIRE(type.values.size() == 3);
  CHECK(type.values[0].name == "minor");
  CHECK(type.values[2].name == "severe");
  CHECK(type.values[1].span.line == 2);
  CHECK(type.values[1].span.column == 3);
  CHECK(type.values[1].span.length == 11);
  CHECK(type.doc->value == "How large.");
}

TEST_CASE("an entity names its collection") {
  const auto entity = only_item<ast::EntityDecl>("entity operation from operations \"A cyber operation.\"");
  CHECK(entity.name == "operation");
  CHECK(entity.collection == "operations");
  CHECK(entity.doc->value == "A cyber operation.");
}

TEST_CASE("a relation keeps its signature, doc string and binding") {
  SUBCASE("a list attribute with an empty default") {
    const auto relation = only_item<ast::RelationDecl>(
        "relation act(op: operation, kind: act_kind)\n  \"{op} did {kind}\"\n"
        "  from operations.acts[] default []");
    CHECK(relation.name == "act");
    REQUIRE(relation.parameters.size() == 2);
    CHECK(relation.parameters[1].name == "kind");
    CHECK(relation.parameters[1].type == "act_kind");
    CHECK(relation.parameters[1].span.line == 1);
    CHECK(relation.parameters[1].span.column == 29);
    CHECK(relation.doc->value == "{op} did {kind}");
    REQUIRE(relation.binding.has_value());
    CHECK(relation.binding->collection == "operations");
    CHECK(relation.binding->attribute == "acts");
    CHECK(relation.binding->is_list);
    CHECK(relation.binding->empty_list_default);
    CHECK_FALSE(relation.binding->default_value.has_value());
    CHECK(relation.binding->span.line == 3);
    CHECK(relation.binding->span.column == 3);
  }
  SUBCASE("a single attribute with a value as default") {
    const auto relation =
        only_item<ast::RelationDecl>("relation present(op: operation) from operations.present default false");
    REQUIRE(relation.binding.has_value());
    CHECK(relation.binding->attribute == "present");
    CHECK_FALSE(relation.binding->is_list);
    CHECK_FALSE(relation.binding->empty_list_default);
    REQUIRE(relation.binding->default_value.has_value());
    CHECK(as<ast::Constant>(*relation.binding->default_value).name == "false");
  }
  SUBCASE("the members of a collection") {
    const auto relation = only_item<ast::RelationDecl>("relation is_state(s: state) from states");
    REQUIRE(relation.binding.has_value());
    CHECK(relation.binding->collection == "states");
    CHECK(relation.binding->attribute.empty());
  }
  SUBCASE("a derived relation without arguments, doc string or binding") {
    const auto relation = only_item<ast::RelationDecl>("relation nothing()");
    CHECK(relation.parameters.empty());
    CHECK_FALSE(relation.doc.has_value());
    CHECK_FALSE(relation.binding.has_value());
  }
}

TEST_CASE("a param has a type and a default of a name, an integer or a string") {
  const auto named = only_item<ast::ParamDecl>("param breach_threshold: threshold = penetration \"What it takes.\"");
  CHECK(named.name == "breach_threshold");
  CHECK(named.type == "threshold");
  CHECK(as<ast::Constant>(named.default_value).name == "penetration");
  CHECK(named.doc->value == "What it takes.");
  CHECK(as<ast::Integer>(only_item<ast::ParamDecl>("param n: int = -12").default_value).value == -12);
  CHECK(as<ast::String>(only_item<ast::ParamDecl>("param s: string = \"x\"").default_value).value == "x");
}

TEST_CASE("a principle keeps its signature, title, layers and citations") {
  const auto principle =
      only_item<ast::PrincipleDecl>(R"(principle non_infringement(responsible: state, injured: state) {
  "No state shall infringe the sovereignty of another."
  title "Non-infringement"
  layers physical, social
  cite sov3 section "A / II. Obligations"
       quote "Non-infringement of the sovereignty of other countries"
})");
  CHECK(principle.id == "non_infringement");
  CHECK(principle.parameters.size() == 2);
  CHECK(principle.doc->value == "No state shall infringe the sovereignty of another.");
  CHECK(principle.title.value == "Non-infringement");
  REQUIRE(principle.layers.size() == 2);
  CHECK(principle.layers[1].name == "social");
  REQUIRE(principle.citations.size() == 1);
  CHECK(principle.citations[0].source == "sov3");
  CHECK(principle.citations[0].section == "A / II. Obligations");
  CHECK(principle.citations[0].quote == "Non-infringement of the sovereignty of other countries");
  CHECK(principle.citations[0].span.line == 5);
  CHECK(principle.citations[0].span.column == 3);
}

TEST_CASE("a rule keeps its head, conditions in order, template and citations") {
  const auto rule = only_item<ast::RuleDecl>(R"(rule non_infringement.access {
  "Access without permission."
  conclude non_infringement(State, Victim, Op)
  when attributed_to(Op, State)
   and State != Victim
   and not consented(Victim, Op)
  because "{Op} accessed {Victim}"
  cite sov3 section "II" quote "No country shall"
  cite tallinn2 section "Rule 4" quote "must not"
})");
  CHECK(rule.id == "non_infringement.access");
  CHECK(rule.doc->value == "Access without permission.");
  CHECK(rule.head.relation == "non_infringement");
  REQUIRE(rule.head.args.size() == 3);
  CHECK(as<ast::Variable>(rule.head.args[2]).name == "Op");
  CHECK(rule.head.span.line == 3);
  CHECK(rule.head.span.column == 12);
  REQUIRE(rule.body.has_value());
  const auto& conditions = rule.body->conditions;
  REQUIRE(conditions.size() == 3);
  const auto& atom = as<ast::Atom>(conditions[0]);
  CHECK(atom.relation == "attributed_to");
  CHECK(atom.span.line == 4);
  CHECK(atom.span.column == 8);
  CHECK(atom.span.length == 24);
  const auto& comparison = as<ast::Comparison>(conditions[1]);
  CHECK(comparison.op == ast::CompareOp::ne);
  CHECK(as<ast::Variable>(comparison.left).name == "State");
  CHECK(comparison.span.line == 5);
  CHECK(comparison.span.column == 8);
  const auto& negation = as<ast::Negation>(conditions[2]);
  CHECK(negation.atom.relation == "consented");
  CHECK(negation.span.column == 8);
  CHECK(negation.atom.span.column == 12);
  CHECK(rule.because.value == "{Op} accessed {Victim}");
  REQUIRE(rule.citations.size() == 2);
  CHECK(rule.citations[1].source == "tallinn2");
  CHECK(rule.span.line == 1);
  CHECK(rule.span.column == 1);
}

TEST_CASE("a rule without conditions is a plain fact with constants, strings and integers") {
  const auto rule = only_item<ast::RuleDecl>(R"(rule a.fact { conclude f(op1, "text", 42, -7) because "a fact" })");
  CHECK_FALSE(rule.body.has_value());
  REQUIRE(rule.head.args.size() == 4);
  CHECK(as<ast::Constant>(rule.head.args[0]).name == "op1");
  CHECK(as<ast::String>(rule.head.args[1]).value == "text");
  CHECK(as<ast::Integer>(rule.head.args[2]).value == 42);
  CHECK(as<ast::Integer>(rule.head.args[3]).value == -7);
}

TEST_CASE("comparisons read every operator and parameter references") {
  const auto rule = only_item<ast::RuleDecl>(
      "rule c { conclude c(X) when X = 1 and X != 2 and X < 3 and X <= 4 and X > 5 and X >= 6 "
      "and $threshold = penetration because \"c\" }");
  REQUIRE(rule.body.has_value());
  const std::vector<ast::CompareOp> expected{ast::CompareOp::eq, ast::CompareOp::ne, ast::CompareOp::lt,
                                             ast::CompareOp::le, ast::CompareOp::gt, ast::CompareOp::ge};
  REQUIRE(rule.body->conditions.size() == 7);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(as<ast::Comparison>(rule.body->conditions[i]).op == expected[i]);
  }
  const auto& last = as<ast::Comparison>(rule.body->conditions[6]);
  CHECK(as<ast::ParamRef>(last.left).name == "threshold");
  CHECK(as<ast::Constant>(last.right).name == "penetration");
}

TEST_CASE("parentheses hold alternatives in which 'and' binds tighter than 'or'") {
  const auto rule = only_item<ast::RuleDecl>(
      "rule d { conclude d(X) when s(X) and (a(X) and not b(X) or (c(X) or X = 1)) because \"d\" }");
  REQUIRE(rule.body.has_value());
  REQUIRE(rule.body->conditions.size() == 2);
  const ast::Disjunction& outer = as_disjunction(rule.body->conditions[1]);
  CHECK(outer.span.column == 38);
  REQUIRE(outer.alternatives.size() == 2);
  REQUIRE(outer.alternatives[0].conditions.size() == 2);
  CHECK(as<ast::Negation>(outer.alternatives[0].conditions[1]).atom.relation == "b");
  REQUIRE(outer.alternatives[1].conditions.size() == 1);
  const ast::Disjunction& inner = as_disjunction(outer.alternatives[1].conditions[0]);
  REQUIRE(inner.alternatives.size() == 2);
  CHECK(as<ast::Comparison>(inner.alternatives[1].conditions[0]).op == ast::CompareOp::eq);
}

TEST_CASE("a keyword at the start of a longer word is part of a name") {
  const auto rule = only_item<ast::RuleDecl>(
      "rule k { conclude notable(X) when notable(X) and not andy(X) and origin(X) because \"k\" }");
  CHECK(rule.head.relation == "notable");
  REQUIRE(rule.body.has_value());
  CHECK(as<ast::Atom>(rule.body->conditions[0]).relation == "notable");
  CHECK(as<ast::Negation>(rule.body->conditions[1]).atom.relation == "andy");
  CHECK(as<ast::Atom>(rule.body->conditions[2]).relation == "origin");
}

TEST_CASE("the anonymous variable and variables with digits and underscores are variables") {
  const auto rule = only_item<ast::RuleDecl>("rule v { conclude v(X_1) when w(_, X_1, Op2) because \"v\" }");
  const auto& atom = as<ast::Atom>(rule.body->conditions[0]);
  CHECK(as<ast::Variable>(atom.args[0]).name == "_");
  CHECK(as<ast::Variable>(atom.args[1]).name == "X_1");
  CHECK(as<ast::Variable>(atom.args[2]).name == "Op2");
}

TEST_CASE("an exception keeps its target pattern, conditions and template") {
  const auto exception = only_item<ast::ExceptionDecl>(R"(exception consent for non_infringement(_, Victim, Op) {
  "Consent precludes wrongfulness."
  when consent_given(Op, Victim)
  because "{Victim} consented to {Op}"
  cite ilc section "Article 20" quote "Valid consent by a State"
})");
  CHECK(exception.id == "consent");
  CHECK(exception.target.relation == "non_infringement");
  CHECK(exception.target.span.column == 23);
  CHECK(exception.doc->value == "Consent precludes wrongfulness.");
  REQUIRE(exception.body.conditions.size() == 1);
  CHECK(exception.because.value == "{Victim} consented to {Op}");
  CHECK(exception.citations.size() == 1);
}

TEST_CASE("a profile keeps its settings and citations, and may be called default") {
  const auto profile = only_item<ast::ProfileDecl>(R"(profile default {
  "The primary source's reading."
  title "Default"
  set breach_threshold = penetration
  set minimum = 3
  cite sov3 section "III" quote "binding"
})");
  CHECK(profile.id == "default");
  CHECK(profile.doc->value == "The primary source's reading.");
  CHECK(profile.title.value == "Default");
  REQUIRE(profile.settings.size() == 2);
  CHECK(profile.settings[0].param == "breach_threshold");
  CHECK(as<ast::Constant>(profile.settings[0].value).name == "penetration");
  CHECK(as<ast::Integer>(profile.settings[1].value).value == 3);
  CHECK(profile.settings[1].span.line == 5);
  CHECK(profile.citations.size() == 1);
}

TEST_CASE("strings unescape quotes and backslashes and keep UTF-8 text") {
  const auto include = only_item<ast::Include>(R"(include "a \"b\" c\\d ünï ✓")");
  CHECK(include.path == "a \"b\" c\\d ünï ✓");
}

TEST_CASE("integers cover the whole 64-bit range") {
  const auto rule =
      only_item<ast::RuleDecl>("rule i { conclude i(9223372036854775807, -9223372036854775808) because \"i\" }");
  CHECK(as<ast::Integer>(rule.head.args[0]).value == std::numeric_limits<std::int64_t>::max());
  CHECK(as<ast::Integer>(rule.head.args[1]).value == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("comments, blank lines, a byte order mark and CRLF line ends are skipped") {
  const Parsed parsed =
      parse_text("\xEF\xBB\xBF# header\r\n\r\ntype t = { a } # trailing\r\n# between\r\nentity e from es\r\n");
  CHECK(parsed.diagnostics.all().empty());
  REQUIRE(parsed.file.items.size() == 2);
  CHECK(as<ast::EntityDecl>(parsed.file.items[1]).span.line == 5);
}

TEST_CASE("an empty file and a file of comments hold no items and no errors") {
  for (const std::string text : {"", "   \n\t\n", "# only a comment", "# a\n# b\n"}) {
    const Parsed parsed = parse_text(text);
    CHECK(parsed.file.items.empty());
    CHECK(parsed.diagnostics.all().empty());
  }
}

TEST_CASE("the parsed file records which file it came from") {
  base::SourceSet sources;
  sources.add("first.cnr", "");
  const base::FileId second = sources.add("second.cnr", "type t = { a }");
  base::Diagnostics diagnostics;
  const ast::RuleFile file = parse(sources, second, diagnostics);
  CHECK(file.file == second);
  REQUIRE(file.items.size() == 1);
  CHECK(as<ast::TypeDecl>(file.items[0]).span.file == second);
}
