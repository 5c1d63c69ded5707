// Languages of a rule base: checks of `language` blocks and translations, and their
// lowering to compile::Language.
#pragma once
#include "base/diagnostics.hpp"
#include "compile/program.hpp"
#include "compile/rule_set.hpp"

#include <string>
#include <vector>

namespace cybernorms::compile {

/// E240 a translation (or a source's `language`) in a language no block declares,
/// E241 a translation whose placeholders are not its text's, E242 a word the program
/// does not have, E243 a word whose placeholders are not the English word's, E244 one
/// text translated two ways into one language, E245 a language given twice for one text
/// (or `en`, the untagged text's), E246 a language in `wanted` the rule base lacks;
/// W010 for each text and word with no translation into a language in `wanted`.
void check_languages(const Program& program, const std::vector<std::string>& wanted, base::Diagnostics& diagnostics);

/// RuleSet::languages: English first, then each `language` block with its words and the
/// translations written into it.
void lower_languages(const Program& program, RuleSet& out);

}  // namespace cybernorms::compile
