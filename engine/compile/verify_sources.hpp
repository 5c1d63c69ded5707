// Checking the rule base's citations against the source documents themselves.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "dsl/ast.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::compile {

/// White space runs folded to one space, ends trimmed, typographic quotes and
/// apostrophes (’ ‘ “ ”) folded to ASCII: the form quotes are compared in.
std::string fold_text(std::string_view text);

/// For each source with a `file` found in `dir`: every heading's parts (split at " / ")
/// start lines of the document in order (E230), and every quote citing the source is in
/// it word for word, white space folded (E231). Sources known only by url are never
/// verified. When `dir` is not given or a document is not there, one note (N001) says
/// that quotes were not verified.
void verify_sources(const std::vector<dsl::ast::RuleFile>& files, const base::SourceSet& sources,
                    const std::optional<std::filesystem::path>& dir, base::Diagnostics& diagnostics);

/// Larger documents are not read.
inline constexpr std::size_t max_document_bytes = 64u << 20;

}  // namespace cybernorms::compile
