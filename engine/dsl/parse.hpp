// The one entry point of the rule-language parser.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "dsl/ast.hpp"

namespace cybernorms::dsl {

/// Limits that keep any input bounded.
struct ParseLimits {
  std::size_t max_nesting = 64;             ///< parenthesised condition depth
  std::size_t max_file_bytes = 16u << 20;   ///< larger files are refused with E100
};

/// Parses one rule file. Syntax errors are appended to `diagnostics` (E1xx) with what was
/// expected; the parser skips to the next top-level item and goes on, so the result holds
/// every item that parsed. Never throws on any input.
ast::RuleFile parse(const base::SourceSet& sources, base::FileId file, base::Diagnostics& diagnostics,
                    const ParseLimits& limits = {});

}  // namespace cybernorms::dsl
