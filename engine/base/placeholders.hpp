// `{name}` placeholders in templates (a relation's doc, a rule's `because`, the program's
// words), filled by one function wherever they are, so they read alike everywhere.
#pragma once
#include <string>
#include <string_view>

namespace cybernorms::base {

/// Replaces each `{name}` in `text` by what `lookup(name)` points at; where it gives
/// nullptr (no such name), or a `{` has no `}`, the brace stays as written.
template <typename Lookup>
std::string fill_placeholders(std::string_view text, Lookup&& lookup) {
  std::string filled;
  filled.reserve(text.size() + 16);
  for (std::size_t at = 0; at < text.size();) {
    const auto open = text.find('{', at);
    filled.append(text.substr(at, open - at));
    if (open == std::string_view::npos) break;
    const auto close = text.find('}', open);
    const auto* value = close == std::string_view::npos ? nullptr : lookup(text.substr(open + 1, close - open - 1));
    if (value == nullptr) {
      filled += '{';
      at = open + 1;
      continue;
    }
    filled += *value;
    at = close + 1;
  }
  return filled;
}

}  // namespace cybernorms::base
