// The entry points of the compile module: check a rule base and lower it.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "compile/rule_set.hpp"
#include "dsl/ast.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cybernorms::compile {

/// Runs every check over parsed rule files, then lowers them. Returns nothing when there
/// are errors (including any already in `diagnostics`, such as syntax errors); warnings
/// alone do not stop it. Diagnostics are appended in the order found.
/// `languages`: languages asked for (`--lang`), each of which must be in the rule base,
/// with a warning for each text or word not translated into it.
std::optional<RuleSet> compile(const std::vector<dsl::ast::RuleFile>& files, const base::SourceSet& sources,
                               base::Diagnostics& diagnostics, const std::vector<std::string>& languages = {});

struct CheckOptions {
  /// Where the source documents are (`check --sources DIR`); quotes are verified against them.
  std::optional<std::filesystem::path> sources_dir;
  /// Languages asked for (`check --lang zh`): an error if the rule base lacks one, a
  /// warning (W010) for each text or word not translated into it.
  std::vector<std::string> languages{};
};

struct CheckResult {
  std::vector<dsl::ast::RuleFile> files;  ///< every file loaded, as parsed
  std::optional<RuleSet> rules;           ///< set when there are no errors
};

/// Loads, parses, checks, verifies sources and lowers the rule files at `paths` (files or
/// folders). Diagnostics come out sorted by place, the same on every run.
CheckResult check_paths(const std::vector<std::filesystem::path>& paths, const CheckOptions& options,
                        base::SourceSet& sources, base::Diagnostics& diagnostics);

}  // namespace cybernorms::compile
