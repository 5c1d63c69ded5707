// Small text helpers the checks share: close-name suggestions and token spans.
#pragma once
#include "base/source_file.hpp"
#include "base/span.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::compile {

/// Levenshtein distance between two names, stopping early once it exceeds `limit`
/// (the result is then `limit + 1`).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The candidate closest to `name` if it is near enough to be a likely typo (at most a
/// third of the name's length, at least 1, apart). Ties go to the alphabetically first.
std::optional<std::string_view> closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

/// "did you mean 'x'?" for the closest candidate, or nothing.
std::optional<std::string> did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

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
