// Small text helpers the checks share: token spans and places. Close-name suggestions
// are base/names.hpp.
#pragma once
#include "base/source_file.hpp"
#include "base/names.hpp"
#include "base/span.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::compile {

/// The span of the first whole-word occurrence of `token` inside `within` (searching a
/// little past its end if the node span is short), so a caret can sit under exactly the
/// offending name. Returns `within` itself when the token is not found.
base::Span token_span(const base::SourceSet& sources, base::Span within, std::string_view token);

/// Like token_span, but only after the first occurrence of `after` (a keyword) in `within`.
base::Span token_span_after(const base::SourceSet& sources, base::Span within, std::string_view after,
                            std::string_view token);

/// "rules/a.cnr:3:5": where a span starts, for notes that point at another place.
std::string place(const base::SourceSet& sources, base::Span span);

}  // namespace cybernorms::compile
