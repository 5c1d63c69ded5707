// JSON documents as text, laid out one way for every renderer.
#pragma once
#include <cybernorms/format.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace cybernorms::render {

/// The document as text ending in a newline: one line when compact, indented by two
/// spaces otherwise. Text from rule files is not checked for UTF-8; bad bytes become
/// U+FFFD instead of making the dump throw.
inline std::string json_text(const nlohmann::ordered_json& document, JsonLayout layout) {
  const int indent = layout == JsonLayout::indented ? 2 : -1;
  return document.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
}

}  // namespace cybernorms::render
