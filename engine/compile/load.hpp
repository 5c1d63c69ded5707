// Loading rule files from disk: folders, files and the files they include.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "dsl/ast.hpp"

#include <filesystem>
#include <vector>

namespace cybernorms::compile {

/// Loads and parses rule files. Each path is a file, or a folder whose *.cnr files
/// (at any depth) are loaded in order of their paths. `include "x.cnr"` is resolved
/// relative to the including file and loaded right after it; each file is loaded once
/// (by canonical path). A missing path or include is E221, one that names a folder (for
/// an include), a FIFO, a device or a symlink loop E223, a file that cannot be read
/// E224, an include cycle E220 (naming the cycle), includes nested too deep E222; a
/// symlink loop in a folder is skipped with W006; syntax errors come from the parser.
/// Files are read up to the parser's size limit and no further.
/// Files are named in `sources` by the path as given (or as reached from it).
std::vector<dsl::ast::RuleFile> load_rule_files(const std::vector<std::filesystem::path>& paths,
                                                base::SourceSet& sources, base::Diagnostics& diagnostics);

/// How deep includes may nest.
inline constexpr std::size_t max_include_depth = 64;

}  // namespace cybernorms::compile
