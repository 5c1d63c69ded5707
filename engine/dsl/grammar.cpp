// The rule language in Boost.Spirit X3. `>` marks every place where the next token is
// certain, so a failure there is an error naming what was expected. Words, strings,
// integers and comments are small hand-written primitives (grammar_primitives.hpp):
// they check keyword boundaries, escapes, UTF-8 and 64-bit range exactly and report
// what is wrong.
#include "dsl/grammar.hpp"

#include "dsl/grammar_primitives.hpp"

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/spirit/home/x3.hpp>

#include <type_traits>

BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Atom, relation, args)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Comparison, left, op, right)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Citation, source, section, quote)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Parameter, name, type)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Translation, language, text)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Text, value, translations)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::SourceDecl, id, title, doc, language, date, file, url, headings)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::WordDecl, key, text)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::LanguageDecl, id, name, words)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::TypeDecl, name, values, doc)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::EntityDecl, name, collection, doc)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Question, element, text)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::RelationDecl, name, parameters, doc, binding, question)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::ParamDecl, name, type, default_value, doc)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::PrincipleDecl, id, parameters, doc, title, layers, citations)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::RuleDecl, id, doc, head, body, because, citations)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::ExceptionDecl, id, target, doc, body, because, citations)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::Setting, param, value)
BOOST_FUSION_ADAPT_STRUCT(cybernorms::dsl::ast::ProfileDecl, id, doc, title, settings, citations)

namespace cybernorms::dsl::detail {
namespace {

/// Stores the span of every node a rule produces, so later phases can point at it.
struct annotate {
  template <typename It, typename Attribute, typename Context>
  void on_success(const It& first, const It& last, Attribute& attribute, const Context& context) const {
    if constexpr (std::is_base_of_v<ast::Node, Attribute>) {
      attribute.span = x3::get<state_tag>(context).span(first, last);
    }
  }
};

const trivia_parser trivia;
const word_parser name_word{WordKind::name};
const word_parser variable_word{WordKind::variable};
const word_parser profile_name_word{WordKind::profile_name};
const dotted_parser dotted_word;
const string_parser string_word;
const integer_parser integer_word;

const keyword_parser kw_and{"and"}, kw_because{"because"}, kw_cite{"cite"}, kw_conclude{"conclude"}, kw_date{"date"},
    kw_default{"default"}, kw_en{"en"}, kw_entity{"entity"}, kw_exception{"exception"}, kw_file{"file"},
    kw_for{"for"}, kw_from{"from"}, kw_heading{"heading"}, kw_include{"include"}, kw_language{"language"},
    kw_layers{"layers"}, kw_not{"not"}, kw_or{"or"},
    kw_param{"param"}, kw_principle{"principle"}, kw_profile{"profile"}, kw_question{"question"}, kw_quote{"quote"}, kw_relation{"relation"},
    kw_rule{"rule"}, kw_section{"section"}, kw_set{"set"}, kw_source{"source"}, kw_title{"title"}, kw_type{"type"},
    kw_url{"url"}, kw_when{"when"}, kw_word{"word"};

const x3::symbols<ast::CompareOp> compare_op({{"=", ast::CompareOp::eq},
                                              {"!=", ast::CompareOp::ne},
                                              {"<", ast::CompareOp::lt},
                                              {"<=", ast::CompareOp::le},
                                              {">", ast::CompareOp::gt},
                                              {">=", ast::CompareOp::ge}},
                                             "a comparison (=, !=, <, <=, >, >=)");

// ----- semantic actions ---------------------------------------------------------
// Nodes of one field, which X3 cannot fill by position, are filled by these; the
// rules that use them wrap their definition in `spanned` to record the node's span.

const auto set_name = [](auto& ctx) { x3::_val(ctx).name = std::move(x3::_attr(ctx)); };
const auto set_value = [](auto& ctx) { x3::_val(ctx).value = std::move(x3::_attr(ctx)); };
const auto set_path = [](auto& ctx) { x3::_val(ctx).path = std::move(x3::_attr(ctx)); };
const auto set_atom = [](auto& ctx) { x3::_val(ctx).atom = std::move(x3::_attr(ctx)); };
const auto set_conditions = [](auto& ctx) { x3::_val(ctx).conditions = std::move(x3::_attr(ctx)); };
const auto set_alternatives = [](auto& ctx) { x3::_val(ctx).alternatives = std::move(x3::_attr(ctx)); };
const auto set_collection = [](auto& ctx) { x3::_val(ctx).collection = std::move(x3::_attr(ctx)); };
const auto set_attribute = [](auto& ctx) { x3::_val(ctx).attribute = std::move(x3::_attr(ctx)); };
const auto set_is_list = [](auto& ctx) { x3::_val(ctx).is_list = true; };
const auto set_empty_default = [](auto& ctx) { x3::_val(ctx).empty_list_default = true; };
const auto set_default = [](auto& ctx) { x3::_val(ctx).default_value = std::move(x3::_attr(ctx)); };

// ----- rules -----------------------------------------------------------------------

struct name_id : annotate {};
struct type_name_id : annotate {};
struct profile_name_id : annotate {};
struct dotted_id : annotate {};
struct text_id : annotate {};
struct title_text_id : annotate {};
struct section_text_id : annotate {};
struct quote_text_id : annotate {};
struct because_text_id : annotate {};
struct path_text_id : annotate {};
struct variable_id : annotate {};
struct constant_id : annotate {};
struct integer_id : annotate {};
struct string_id : annotate {};
struct param_ref_id : annotate {};
struct term_id : annotate {};
struct terms_id : annotate {};
struct constant_term_id : annotate {};
struct atom_id : annotate {};
struct negation_id : annotate {};
struct comparison_id : annotate {};
struct condition_id : annotate {};
struct conditions_id : annotate {};
struct conjunction_id : annotate {};
struct alternatives_id : annotate {};
struct disjunction_id : annotate {};
struct citation_id : annotate {};
struct parameter_id : annotate {};
struct parameters_id : annotate {};
struct parameter_list_id : annotate {};
struct argument_list_id : annotate {};
struct value_list_id : annotate {};
struct list_marker_id : annotate {};
struct binding_id : annotate {};
struct binding_parts_id : annotate {};
struct question_id : annotate {};
struct question_text_id : annotate {};
struct include_id : annotate {};
struct source_id : annotate {};
struct type_id : annotate {};
struct entity_id : annotate {};
struct relation_id : annotate {};
struct param_id : annotate {};
struct principle_id : annotate {};
struct rule_id : annotate {};
struct exception_id : annotate {};
struct setting_id : annotate {};
struct profile_id : annotate {};
struct translation_id : annotate {};
struct doc_text_id : annotate {};
struct title_tr_id : annotate {};
struct because_tr_id : annotate {};
struct question_tr_id : annotate {};
struct language_tag_id : annotate {};
struct word_id : annotate {};
struct language_id : annotate {};
struct item_id : annotate {};

const x3::rule<name_id, std::string> name = "a name";
const x3::rule<type_name_id, std::string> type_name = "a type name";
const x3::rule<profile_name_id, std::string> profile_name = "a profile name";
const x3::rule<dotted_id, std::string> dotted = "an identifier";
const x3::rule<text_id, std::string> text = "a string";
const x3::rule<title_text_id, std::string> title_text = "a string (the title)";
const x3::rule<section_text_id, std::string> section_text = "a string (the section heading)";
const x3::rule<quote_text_id, std::string> quote_text = "a string (the quote)";
const x3::rule<because_text_id, std::string> because_text = "a string (the explanation template)";
const x3::rule<path_text_id, std::string> path_text = "a string (the path of the file)";
const x3::rule<variable_id, ast::Variable> variable = "a variable";
const x3::rule<constant_id, ast::Constant> constant = "a value name";
const x3::rule<integer_id, ast::Integer> integer = "an integer";
const x3::rule<string_id, ast::String> string_term = "a string";
const x3::rule<param_ref_id, ast::ParamRef> param_ref = "a parameter reference ($name)";
const x3::rule<term_id, ast::Term> term = "a term (a variable, value, integer, string or $parameter)";
const x3::rule<terms_id, std::vector<ast::Term>> terms = "terms";
const x3::rule<constant_term_id, ast::Term> constant_term = "a value (a name, an integer or a string)";
const x3::rule<atom_id, ast::Atom> atom = "an atom (relation(arguments))";
const x3::rule<negation_id, ast::Negation> negation = "a negated atom";
const x3::rule<comparison_id, ast::Comparison> comparison = "a comparison";
const x3::rule<condition_id, ast::Condition> condition = "a condition";
const x3::rule<conditions_id, std::vector<ast::Condition>> conditions = "conditions";
const x3::rule<conjunction_id, ast::Conjunction> conjunction = "conditions";
const x3::rule<alternatives_id, std::vector<ast::Conjunction>> alternatives = "alternatives";
const x3::rule<disjunction_id, ast::Disjunction> disjunction = "alternatives in parentheses";
const x3::rule<citation_id, ast::Citation> citation = "a citation";
const x3::rule<parameter_id, ast::Parameter> parameter = "a parameter (name: type)";
const x3::rule<parameters_id, std::vector<ast::Parameter>> parameters = "parameters (name: type, ...)";
const x3::rule<parameter_list_id, std::vector<ast::Parameter>> parameter_list = "a parameter (name: type) or ')'";
const x3::rule<argument_list_id, std::vector<ast::Term>> argument_list = "a term or ')'";
const x3::rule<value_list_id, std::vector<ast::Constant>> value_list = "a list of names";
const x3::rule<list_marker_id> list_marker = "'[]'";
const x3::rule<binding_id, ast::Binding> binding = "a binding";
const x3::rule<binding_parts_id, ast::Binding> binding_parts = "a collection name";
const x3::rule<question_id, ast::Question> question = "a question";
const x3::rule<question_text_id, std::string> question_text = "a string (the question)";
const x3::rule<include_id, ast::Include> include_decl = "an include";
const x3::rule<source_id, ast::SourceDecl> source_decl = "a source";
const x3::rule<type_id, ast::TypeDecl> type_decl = "a type";
const x3::rule<entity_id, ast::EntityDecl> entity_decl = "an entity";
const x3::rule<relation_id, ast::RelationDecl> relation_decl = "a relation";
const x3::rule<param_id, ast::ParamDecl> param_decl = "a parameter declaration";
const x3::rule<principle_id, ast::PrincipleDecl> principle_decl = "a principle";
const x3::rule<rule_id, ast::RuleDecl> rule_decl = "a rule";
const x3::rule<exception_id, ast::ExceptionDecl> exception_decl = "an exception";
const x3::rule<setting_id, ast::Setting> setting = "a setting";
const x3::rule<profile_id, ast::ProfileDecl> profile_decl = "a profile";
const x3::rule<language_tag_id, std::string> language_tag = "a language (zh, ...)";
const x3::rule<translation_id, ast::Translation> translation = "a translation (a language, then a string)";
const x3::rule<doc_text_id, ast::Text> doc_text = "a string";
const x3::rule<title_tr_id, ast::Text> title_translated = "a string (the title)";
const x3::rule<because_tr_id, ast::Text> because_translated = "a string (the explanation template)";
const x3::rule<question_tr_id, ast::Text> question_translated = "a string (the question)";
const x3::rule<word_id, ast::WordDecl> word_decl = "a word (word key \"text\")";
const x3::rule<language_id, ast::LanguageDecl> language_decl = "a language";
const x3::rule<item_id, ast::Item> item =
    "a declaration (include, source, type, entity, relation, param, principle, rule, exception, profile or language)";

// name = [a-z][a-z0-9_]* - keyword ;  type_name likewise
const auto name_def = name_word;
const auto type_name_def = name_word;
// profile_name = [a-z][a-z0-9_]* ;  keywords allowed, for `profile default`
const auto profile_name_def = profile_name_word;
// dotted = name { "." name } ;
const auto dotted_def = dotted_word;
// string = '"' { char | '\"' | '\\' } '"' ;  the named variants below say which string is due
const auto text_def = string_word;
// title_text = string ;
const auto title_text_def = string_word;
// section_text = string ;
const auto section_text_def = string_word;
// quote_text = string ;
const auto quote_text_def = string_word;
// because_text = string ;
const auto because_text_def = string_word;
// path_text = string ;
const auto path_text_def = string_word;
// variable = [A-Z][A-Za-z0-9_]* | "_" ;
const auto variable_def = spanned(variable_word[set_name]);
// constant = name ;
const auto constant_def = spanned(name_word[set_name]);
// integer = [ "-" ] digit { digit } ;
const auto integer_def = spanned(integer_word[set_value]);
// string_term = string ;  as a term
const auto string_term_def = spanned(string_word[set_value]);
// param_ref = "$" name ;
const auto param_ref_def = spanned(x3::lexeme['$' > named(name, "a name right after '$'")][set_name]);
// term = variable | param_ref | integer | string | name ;
const auto term_def = variable | param_ref | integer | string_term | constant;
// terms = term { "," term } ;
const auto terms_def = term > *(',' > term);
// constant_term = integer | string | name ;
const auto constant_term_def = integer | string_term | constant;
// list_end = ")" ;  after an element of a list, where a "," could also have followed
const auto list_end = named(x3::lit(')'), "',' or ')'");
// atom = name "(" [ terms ] ")" ;
const auto atom_def = (name >> '(') > argument_list > list_end;
// argument_list = [ terms ] ;  empty only before ")"
const auto argument_list_def = &x3::lit(')') | terms;
// negation = "not" atom ;
const auto negation_def = spanned((kw_not > atom)[set_atom]);
// comparison = term op term ;  tried last, so a term here must be followed by an operator
const auto comparison_def = term > compare_op > term;
// condition = negation | "(" disjunction ")" | atom | comparison ;
const auto condition_def = negation | disjunction | atom | comparison;
// conditions = condition { "and" condition } ;
const auto conditions_def = condition > *(kw_and > condition);
// conjunction = conditions ;  as a node
const auto conjunction_def = spanned(conditions[set_conditions]);
// alternatives = conjunction { "or" conjunction } ;
const auto alternatives_def = conjunction > *(kw_or > conjunction);
// disjunction = "(" alternatives ")" ;  at most ParseLimits::max_nesting deep
const auto disjunction_def = spanned(nested(('(' > alternatives > ')')[set_alternatives]));
// citation = "cite" name "section" string "quote" string ;
const auto citation_def = kw_cite > name > kw_section > section_text > kw_quote > quote_text;
// parameter = name ":" name ;
const auto parameter_def = name > ':' > type_name;
// parameters = parameter { "," parameter } ;
const auto parameters_def = parameter > *(',' > parameter);
// parameter_list = [ parameters ] ;  empty only before ")"
const auto parameter_list_def = &x3::lit(')') | parameters;
// value_list = name { "," name } ;
const auto value_list_def = constant > *(',' > constant);
// list_marker = "[" "]" ;
const auto list_marker_def = x3::lit('[') > ']';
// default_value = list_marker | constant ;  filling the enclosing binding
const auto default_value =
    named(list_marker[set_empty_default] | constant_term[set_default], "a default value ([] or a value)");
// language_tag = name ;
const auto language_tag_def = name_word;
// translation = language_tag string ;  a name where a text may go on is always a language
const auto translation_def = language_tag > named(string_word, "a string (the translation)");
// doc_text = [ "en" ] string { translation } ;  the untagged string is English
const auto doc_text_def = -kw_en >> string_word >> *translation;
// title_translated = [ "en" ] string { translation } ;
const auto title_translated_def = -kw_en >> title_text >> *translation;
// because_translated = [ "en" ] string { translation } ;
const auto because_translated_def = -kw_en >> because_text >> *translation;
// word = "word" dotted string ;  a program word, or `element.NAME`: a question element's name
const auto word_decl_def = kw_word > dotted > text;
// language = "language" name string "{" { word } "}" ;
const auto language_decl_def = kw_language > language_tag > title_text > '{' > *word_decl > '}';
// binding = "from" binding_parts ;
const auto binding_def = kw_from > binding_parts;
// binding_parts = name [ "." name [ list_marker ] ] [ "default" default_value ] ;
const auto binding_parts_def = name[set_collection] > -('.' > name[set_attribute] > -list_marker[set_is_list]) >
                               -(kw_default > default_value);
// question_text = string ;
const auto question_text_def = string_word;
// question_translated = [ "en" ] question_text { translation } ;
const auto question_translated_def = -kw_en >> question_text >> *translation;
// question = "question" name question_translated ;
const auto question_def = kw_question > name > question_translated;
// include = "include" string ;
const auto include_decl_def = spanned((kw_include > path_text)[set_path]);
// source = "source" name string "{" [ string ] [ "language" name ] [ "date" string ] [ "file" string ]
//          [ "url" string ] { "heading" string } "}" ;
const auto source_decl_def = kw_source > name > title_text > '{' > -text > -(kw_language > language_tag) >
                             -(kw_date > text) > -(kw_file > text) > -(kw_url > text) > *(kw_heading > text) > '}';
// type = "type" name "=" "{" name { "," name } "}" [ doc_text ] ;
const auto type_decl_def = kw_type > name > '=' > '{' > value_list > '}' > -doc_text;
// entity = "entity" name "from" name [ doc_text ] ;
const auto entity_decl_def = kw_entity > name > kw_from > name > -doc_text;
// relation = "relation" name "(" [ parameters ] ")" [ doc_text ] [ binding ] [ question ] ;
const auto relation_decl_def =
    kw_relation > name > '(' > parameter_list > list_end > -doc_text > -binding > -question;
// param = "param" name ":" name "=" constant [ doc_text ] ;
const auto param_decl_def = kw_param > name > ':' > type_name > '=' > constant_term > -doc_text;
// principle = "principle" name "(" parameters ")" "{" [ doc_text ] "title" title_translated
//             [ "layers" value_list ] { citation } "}" ;
const auto principle_decl_def = kw_principle > name > '(' > parameters > list_end > '{' > -doc_text > kw_title >
                                title_translated > -(kw_layers > value_list) > *citation > '}';
// rule = "rule" dotted "{" [ doc_text ] "conclude" atom [ "when" conjunction ] "because" because_translated
//        { citation } "}" ;
const auto rule_decl_def = kw_rule > dotted > '{' > -doc_text > kw_conclude > atom > -(kw_when > conjunction) >
                           kw_because > because_translated > *citation > '}';
// exception = "exception" dotted "for" atom "{" [ doc_text ] "when" conjunction "because"
//             because_translated { citation } "}" ;
const auto exception_decl_def = kw_exception > dotted > kw_for > atom > '{' > -doc_text > kw_when > conjunction >
                                kw_because > because_translated > *citation > '}';
// setting = "set" name "=" constant ;
const auto setting_def = kw_set > name > '=' > constant_term;
// profile = "profile" profile_name "{" [ doc_text ] "title" title_translated { setting } { citation } "}" ;
const auto profile_decl_def =
    kw_profile > profile_name > '{' > -doc_text > kw_title > title_translated > *setting > *citation > '}';
// item = include | source | type | entity | relation | param | principle | rule | exception | profile
//        | language ;
const auto item_def = include_decl | source_decl | type_decl | entity_decl | relation_decl | param_decl |
                      principle_decl | rule_decl | exception_decl | profile_decl | language_decl;

BOOST_SPIRIT_DEFINE(name, type_name, profile_name, dotted, text, title_text, section_text, quote_text, because_text,
                    path_text, variable, constant, integer, string_term, param_ref, term, terms, constant_term)
BOOST_SPIRIT_DEFINE(atom, negation, comparison, condition, conditions, conjunction, alternatives, disjunction)
BOOST_SPIRIT_DEFINE(citation, parameter, parameters, parameter_list, argument_list, value_list, list_marker, binding,
                    binding_parts, question, question_text)
BOOST_SPIRIT_DEFINE(language_tag, translation, doc_text, title_translated, because_translated, question_translated,
                    word_decl,
                    language_decl)
BOOST_SPIRIT_DEFINE(include_decl, source_decl, type_decl, entity_decl, relation_decl, param_decl, principle_decl,
                    rule_decl, exception_decl, setting, profile_decl, item)

}  // namespace

ItemResult parse_item(const char* first, const char* last, ParseState& state) {
  ItemResult result;
  state.depth = 0;
  const char* position = first;
  try {
    ast::Item parsed;
    const auto parser = x3::with<state_tag>(state)[item];
    if (x3::phrase_parse(position, last, parser, trivia, parsed, x3::skip_flag::dont_post_skip)) {
      result.item = std::move(parsed);
    } else {
      result.error = SyntaxError::expecting(first, x3::what(item));
    }
  } catch (const x3::expectation_failure<const char*>& failure) {
    result.error = SyntaxError::expecting(failure.where(), failure.which());
  } catch (const SyntaxError& error) {
    result.error = error;
  }
  result.end = result.error ? result.error->where : position;
  return result;
}

}  // namespace cybernorms::dsl::detail
