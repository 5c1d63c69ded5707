// A scenario document read in place: values are views into the parser's own document,
// so reading a scenario builds no second tree of the JSON before turning it into facts.
// Internal to the scenario module (it shows simdjson's types, which nothing above sees).
#pragma once
#include "scenario/json_input.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::scenario {

/// One value of a JsonDocument, valid while the document lives. Objects answer for the
/// last member of a key met twice, as a parser that keeps one value per key would (the
/// duplicate itself is an error the document reported when it was read).
class JsonValue {
 public:
  JsonValue() = default;
  explicit JsonValue(simdjson::dom::element element) : element_(element) {}

  bool is_null() const { return type() == Type::NULL_VALUE; }
  bool is_boolean() const { return type() == Type::BOOL; }
  bool is_string() const { return type() == Type::STRING; }
  bool is_array() const { return type() == Type::ARRAY; }
  bool is_object() const { return type() == Type::OBJECT; }
  bool is_number() const { return is_integer() || type() == Type::DOUBLE; }
  /// A number written without fraction or exponent.
  bool is_integer() const { return type() == Type::INT64 || type() == Type::UINT64; }
  /// An integer the rule language's signed 64 bits hold.
  bool fits_int64() const { return type() == Type::INT64; }

  /// The text of a string; empty for any other value.
  std::string_view string() const;
  bool boolean() const { return is_boolean() && element_.get_bool().value_unsafe(); }
  /// An integer that fits_int64, in decimal.
  std::string integer_text() const { return std::to_string(element_.get_int64().value_unsafe()); }
  /// The number of elements of an array or members of an object; 0 for other values.
  std::size_t size() const;

  /// The value of an object's member `key` (the last, if it is there twice).
  std::optional<JsonValue> find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key).has_value(); }

  /// Calls visit(index, value) for each element of an array, in order.
  template <typename Visit>
  void for_each_element(Visit&& visit) const {
    if (!is_array()) return;
    const simdjson::dom::array array = element_.get_array().value_unsafe();  // a copy: the result is a temporary
    std::size_t index = 0;
    for (const simdjson::dom::element element : array) visit(index++, JsonValue(element));
  }
  /// Calls visit(key, value) for each member of an object, in the document's order.
  template <typename Visit>
  void for_each_member(Visit&& visit) const {
    if (!is_object()) return;
    const simdjson::dom::object object = element_.get_object().value_unsafe();  // a copy, as above
    for (const simdjson::dom::key_value_pair member : object) visit(member.key, JsonValue(member.value));
  }

  /// The value as nlohmann's type, for messages that show it.
  nlohmann::json to_json() const;

 private:
  using Type = simdjson::dom::element_type;
  Type type() const { return element_.type(); }
  simdjson::dom::element element_;
};

/// What build_json does with an integer zero, whose sign simdjson does not keep.
enum class IntegerZero : unsigned char { unsigned_zero, refused };

/// A value simdjson read, built into nlohmann's value as nlohmann's parser would build it:
/// the same value types, and the last of two equal keys kept. False, with `out` partly
/// built, on an integer zero that `zero` refuses. The document must have passed the
/// depth check of reading, which bounds the recursion.
bool build_json(simdjson::dom::element element, nlohmann::json& out, IntegerZero zero);

/// A document read by read_document, and the parser it lives in: the caller's, or its own.
class JsonDocument {
 public:
  JsonDocument(JsonValue root, std::optional<JsonParser> own_parser)
      : root_(root), own_parser_(std::move(own_parser)) {}
  JsonValue root() const { return root_; }

 private:
  JsonValue root_;
  std::optional<JsonParser> own_parser_;  ///< holds the document when the caller gave no parser
};

/// Parses `text` as read_json does, with the same checks and the same diagnostics (E400,
/// E407, E408 for each duplicate key), into a document read in place. `parser`, when
/// given, holds the document until it parses the next one.
std::optional<JsonDocument> read_document(std::string_view text, const std::string& document, const JsonLimits& limits,
                                          base::Diagnostics& diagnostics, JsonParser* parser = nullptr);

/// An object's keys in order, each once, as a parser that keeps one value per key in a
/// sorted map would list them: messages about several keys come in that order.
std::vector<std::string_view> sorted_keys(const JsonValue& object);

/// A value as a message shows it (see shown(const nlohmann::json&)).
std::string shown(const JsonValue& value);

}  // namespace cybernorms::scenario
