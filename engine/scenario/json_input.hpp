// Reading untrusted JSON text: size and nesting checked before parsing, syntax errors
// turned into diagnostics with line:col, values quoted safely in messages.
#pragma once
#include "base/diagnostics.hpp"
#include "base/text_layout.hpp"

#include <cybernorms/input.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cybernorms::scenario {

class JsonDocument;  // scenario/json_value.hpp

struct JsonLimits {
  std::size_t max_bytes = max_input_bytes;
  std::size_t max_depth = 64;
};

/// The parser read_json uses (simdjson's) with its buffers and a padded copy of the text,
/// kept from one document to the next: a thread that reads document after document (a
/// batch's evaluator) keeps one, so reading allocates no parser each time. One thread at
/// a time.
class JsonParser {
 public:
  JsonParser();
  ~JsonParser();
  JsonParser(JsonParser&&) noexcept;
  JsonParser& operator=(JsonParser&&) noexcept;

 private:
  friend std::optional<nlohmann::json> read_json(std::string_view, const std::string&, const JsonLimits&,
                                                 base::Diagnostics&, JsonParser*);
  friend std::optional<JsonDocument> read_document(std::string_view, const std::string&, const JsonLimits&,
                                                   base::Diagnostics&, JsonParser*);
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

/// Parses `text` as one JSON document. Empty text, text over the limits and malformed
/// JSON (including invalid UTF-8) give one diagnostic (E400 or E407) and nullopt.
/// Never throws, and never recurses deeper than `limits.max_depth`. `parser`, when
/// given, is reused; without one, one is made for this document.
std::optional<nlohmann::json> read_json(std::string_view text, const std::string& document, const JsonLimits& limits,
                                        base::Diagnostics& diagnostics, JsonParser* parser = nullptr);

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

/// Where a value is in a document: a pointer already spelled out, then the keys and
/// indices below it, each step pointing to its parent. The JSON Pointer is spelled out
/// only when a problem is reported, so reading a valid document builds none. A path
/// holds views: its parent, its base pointer and its key must outlive it.
class JsonPath {
 public:
  /// The value at `pointer` (the empty string for the whole document).
  explicit JsonPath(const std::string& pointer) : base_(&pointer) {}
  JsonPath child(std::string_view key) const { return JsonPath(*this, key, 0, Step::key); }
  JsonPath child(std::size_t index) const { return JsonPath(*this, {}, index, Step::index); }
  /// The JSON Pointer, escaped as RFC 6901 requires.
  std::string pointer() const;

 private:
  enum class Step : unsigned char { key, index };
  JsonPath(const JsonPath& parent, std::string_view key, std::size_t index, Step step)
      : parent_(&parent), key_(key), index_(index), step_(step) {}
  const std::string* base_ = nullptr;  ///< set on the first path of a chain only
  const JsonPath* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  Step step_ = Step::key;
};

}  // namespace cybernorms::scenario
