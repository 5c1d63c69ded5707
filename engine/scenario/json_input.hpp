// Reading untrusted JSON text: size and nesting checked before parsing, syntax errors
// turned into diagnostics with line:col, values quoted safely in messages.
#pragma once
#include "base/diagnostics.hpp"
#include "base/text_layout.hpp"

#include <cybernorms/input.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cybernorms::scenario {

struct JsonLimits {
  std::size_t max_bytes = max_input_bytes;
  std::size_t max_depth = 64;
};

/// Parses `text` as one JSON document. Empty text, text over the limits and malformed
/// JSON (including invalid UTF-8) give one diagnostic (E400 or E407) and nullopt.
/// Never throws, and never recurses deeper than `limits.max_depth`.
std::optional<nlohmann::json> read_json(std::string_view text, const std::string& document, const JsonLimits& limits,
                                        base::Diagnostics& diagnostics);

/// The deepest nesting of arrays and objects in `text`, or the byte offset where it first
/// exceeds `max_depth`. Strings are skipped, so brackets inside them do not count.
struct NestingScan {
  std::size_t depth = 0;
  std::optional<std::size_t> too_deep_at;
};
NestingScan scan_nesting(std::string_view text, std::size_t max_depth);

/// Line and column (1-based, column in bytes) of a byte offset in `text`.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

/// A JSON value as a message shows it: compact, and cut (at a character boundary) after
/// about 40 bytes so that a huge value makes a short message.
std::string shown(const nlohmann::json& value);




/// The JSON type of a value in words: "a number", "an array", ...
std::string_view type_in_words(const nlohmann::json& value);

/// `pointer` extended by one object key or array index, escaped as RFC 6901 requires.
std::string child_pointer(const std::string& pointer, std::string_view key);
std::string child_pointer(const std::string& pointer, std::size_t index);

}  // namespace cybernorms::scenario
