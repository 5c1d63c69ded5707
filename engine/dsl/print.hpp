// Canonical rule-language text from a parse tree, and parse-tree equality without spans.
#pragma once
#include "dsl/ast.hpp"

#include <string>

namespace cybernorms::dsl {

/// Writes `file` as canonical rule-language text: one item after another, separated by
/// a blank line, two-space indentation, strings escaped. For any tree the parser made,
/// parsing the text gives back a tree equal to `file` under same_ast. (A tree built by
/// hand round-trips only if it could have been parsed: names that are not keywords,
/// strings without line breaks.) Comments are not part of the tree and are lost.
std::string to_source(const ast::RuleFile& file);

/// The text of one term as written in a rule (`Op`, `unauthorised_access`, `-3`,
/// `"text"`, `$breach_threshold`).
std::string to_source(const ast::Term& term);

/// The text of one condition, on one line (`not consented(Op, Victim)`, `(a(X) or b(X))`).
std::string to_source(const ast::Condition& condition);

/// A string literal with `"` and `\` escaped.
std::string quoted(const std::string& text);

/// True if both trees hold the same items with the same contents; spans and the file id
/// are not compared.
bool same_ast(const ast::RuleFile& left, const ast::RuleFile& right);

}  // namespace cybernorms::dsl
