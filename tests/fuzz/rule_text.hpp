// Properties of rule text shared by the targets that parse it.
#pragma once
#include "fuzz_target.hpp"

#include "dsl/parse.hpp"
#include "dsl/print.hpp"

namespace cybernorms::fuzz {

/// A rule file that parsed cleanly prints to text that parses cleanly to the same tree.
inline void check_round_trip(const dsl::ast::RuleFile& parsed) {
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId file = sources.add("printed.cnr", dsl::to_source(parsed));
  const dsl::ast::RuleFile again = dsl::parse(sources, file, diagnostics);
  require(!diagnostics.has_errors(), "printed rule text parses");
  require(dsl::same_ast(parsed, again), "printed rule text parses to the same tree");
}

}  // namespace cybernorms::fuzz
