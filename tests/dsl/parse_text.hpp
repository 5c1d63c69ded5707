// Parsing rule text in tests: the tree, its diagnostics and the sources they point into.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "dsl/parse.hpp"

#include <string>

namespace cybernorms::dsl::testing {

struct Parsed {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  ast::RuleFile file;
  base::FileId id = 0;
};

/// Parses `text` as the one file `name` of a fresh source set.
inline Parsed parse_text(const std::string& text, const ParseLimits& limits = {},
                         const std::string& name = "test.cnr") {
  Parsed parsed;
  parsed.id = parsed.sources.add(name, text);
  parsed.file = parse(parsed.sources, parsed.id, parsed.diagnostics, limits);
  return parsed;
}

}  // namespace cybernorms::dsl::testing
