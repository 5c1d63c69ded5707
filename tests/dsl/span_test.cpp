// Every node of a parsed file knows where it was written, and its span covers its text.
#include "dsl/parse.hpp"
#include "dsl/print.hpp"

#include <boost/variant/apply_visitor.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace cybernorms;
using namespace cybernorms::dsl;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Walks a tree and checks each node's span against the text it was parsed from.
class SpanChecker {
 public:
  SpanChecker(const std::string& text, base::FileId file) : text_(text), file_(file) {}

  std::size_t checked() const { return checked_; }

  void check(const ast::RuleFile& file) {
    for (const ast::Item& item : file.items) visit(item);
  }

 private:
  template <typename Variant>
  void visit(const Variant& variant) {
    boost::apply_visitor([this](const auto& node) { check_node(node); }, variant.get());
  }

  /// The text a span covers, after checking that its line and column agree with its offset.
  std::string_view covered(const ast::Node& node) {
    ++checked_;
    const base::Span& span = node.span;
    REQUIRE(span.is_known());
    CHECK(span.file == file_);
    REQUIRE(span.offset + span.length <= text_.size());
    const std::string_view before = std::string_view(text_).substr(0, span.offset);
    CHECK(span.line == 1 + std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    CHECK(span.column == span.offset - line_start + 1);
    return std::string_view(text_).substr(span.offset, span.length);
  }

  void covers(const ast::Node& node, std::string_view starts, std::string_view ends) {
    const std::string_view text = covered(node);
    CAPTURE(text);
    CHECK(text.starts_with(starts));
    CHECK(text.ends_with(ends));
  }

  void check_node(const ast::Variable& v) { CHECK(covered(v) == v.name); }
  void check_node(const ast::Constant& c) { CHECK(covered(c) == c.name); }
  void check_node(const ast::Integer& i) { CHECK(covered(i) == std::to_string(i.value)); }
  void check_node(const ast::String& s) { CHECK(covered(s) == quoted(s.value)); }
  void check_node(const ast::ParamRef& p) { CHECK(covered(p) == "$" + p.name); }

  void check_node(const ast::Atom& atom) {
    covers(atom, atom.relation, ")");
    for (const ast::Term& term : atom.args) visit(term);
  }
  void check_node(const ast::Negation& negation) {
    covers(negation, "not", ")");
    check_node(negation.atom);
  }
  void check_node(const ast::Comparison& comparison) {
    covers(comparison, to_source(comparison.left), to_source(comparison.right));
    visit(comparison.left);
    visit(comparison.right);
  }
  void check_node(const ast::Conjunction& conjunction) {
    const std::string_view text = covered(conjunction);
    CHECK(text.starts_with(to_source(conjunction.conditions.front()).substr(0, 1)));
    for (const ast::Condition& condition : conjunction.conditions) visit(condition);
  }
  void check_node(const ast::x3::forward_ast<ast::Disjunction>& disjunction) {
    covers(disjunction.get(), "(", ")");
    for (const ast::Conjunction& alternative : disjunction.get().alternatives) check_node(alternative);
  }
  void check_node(const ast::Citation& citation) {
    covers(citation, "cite " + citation.source, quoted(citation.quote));
  }
  void check_node(const ast::Parameter& parameter) { covers(parameter, parameter.name, parameter.type); }
  void check_node(const ast::Include& include) { covers(include, "include", quoted(include.path)); }
  void check_node(const ast::SourceDecl& source) { covers(source, "source " + source.id, "}"); }
  void check_node(const ast::TypeDecl& type) {
    covers(type, "type " + type.name, type.doc ? quoted(type.doc->value) : "}");
    for (const ast::Constant& value : type.values) check_node(value);
  }
  void check_node(const ast::EntityDecl& entity) { covers(entity, "entity " + entity.name, entity.doc ? "\"" : ""); }
  void check_node(const ast::RelationDecl& relation) {
    covered(relation);
    for (const ast::Parameter& parameter : relation.parameters) check_node(parameter);
    if (relation.binding) covers(*relation.binding, "from " + relation.binding->collection, "");
    if (relation.binding && relation.binding->default_value) visit(*relation.binding->default_value);
  }
  void check_node(const ast::ParamDecl& param) {
    covers(param, "param " + param.name, "");
    visit(param.default_value);
  }
  void check_node(const ast::PrincipleDecl& principle) {
    covers(principle, "principle " + principle.id, "}");
    for (const ast::Parameter& parameter : principle.parameters) check_node(parameter);
    for (const ast::Constant& layer : principle.layers) check_node(layer);
    for (const ast::Citation& citation : principle.citations) check_node(citation);
  }
  void check_node(const ast::RuleDecl& rule) {
    covers(rule, "rule " + rule.id, "}");
    check_node(rule.head);
    if (rule.body) check_node(*rule.body);
    for (const ast::Citation& citation : rule.citations) check_node(citation);
  }
  void check_node(const ast::ExceptionDecl& exception) {
    covers(exception, "exception " + exception.id, "}");
    check_node(exception.target);
    check_node(exception.body);
    for (const ast::Citation& citation : exception.citations) check_node(citation);
  }
  void check_node(const ast::LanguageDecl& language) {
    covers(language, "language " + language.id, "}");
    for (const ast::WordDecl& word : language.words) covers(word, "word " + word.key, quoted(word.text));
  }
  void check_node(const ast::ProfileDecl& profile) {
    covers(profile, "profile " + profile.id, "}");
    for (const ast::Setting& setting : profile.settings) {
      covers(setting, "set " + setting.param, to_source(setting.value));
      visit(setting.value);
    }
    for (const ast::Citation& citation : profile.citations) check_node(citation);
  }

  const std::string& text_;
  base::FileId file_;
  std::size_t checked_ = 0;
};

}  // namespace

TEST_CASE("every node of the sample rule file has a span that covers its own text") {
  const std::string text = read_file(CYBERNORMS_SOURCE_DIR "/tests/dsl/sample.cnr");
  base::SourceSet sources;
  sources.add("other.cnr", "");
  const base::FileId id = sources.add("sample.cnr", text);
  base::Diagnostics diagnostics;
  const ast::RuleFile file = parse(sources, id, diagnostics);
  REQUIRE(diagnostics.all().empty());
  SpanChecker checker(text, id);
  checker.check(file);
  CHECK(checker.checked() > 180);
}
