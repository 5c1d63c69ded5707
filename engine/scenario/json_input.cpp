#include "scenario/json_input.hpp"
#include "scenario/json_value.hpp"
#include "base/text_layout.hpp"

#include <cybernorms/input.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace cybernorms::scenario {

using base::printable;
using base::truncated;

namespace {

using nlohmann::json;

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1,
// column 2: "; the position is reported separately, so only the reason is kept.
std::string parse_reason(std::string_view what) {
  const std::size_t column = what.find("column ");
  const std::size_t start = column == std::string_view::npos ? what.find("] ") : what.find(": ", column);
  if (start == std::string_view::npos) return truncated(printable(what), 200);
  const std::size_t skip = what.substr(start, 2) == "] " || what.substr(start, 2) == ": " ? 2 : 0;
  return truncated(printable(what.substr(start + skip)), 200);
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool check_size(std::string_view text, const std::string& document, const JsonLimits& limits,
                base::Diagnostics& diagnostics) {
  if (text.size() > limits.max_bytes) {
    report_too_large(diagnostics, document, text.size(), limits.max_bytes);
    return false;
  }
  if (is_blank(text)) {
    diagnostics.pointer_error("E400", document, "", "empty document: expected a JSON object");
    return false;
  }
  return true;
}

bool check_nesting(std::string_view text, const std::string& document, const JsonLimits& limits,
                   base::Diagnostics& diagnostics) {
  const NestingScan scan = scan_nesting(text, limits.max_depth);
  if (!scan.too_deep_at) return true;
  const TextPosition at = position_of(text, *scan.too_deep_at);
  diagnostics.pointer_error("E407", document, "", "nested deeper than {} levels at line {}, column {}",
                            limits.max_depth, at.line, at.column);
  return false;
}

/// The document built from the events of nlohmann's SAX parser, as its plain document
/// builder (json_sax_dom_parser) builds it, with each key met twice in one object named by
/// JSON Pointer: nlohmann keeps only the last of two equal keys, which would silently drop
/// what the first one said. Not nlohmann's parser with a callback: that one, each time a
/// value in an array or object ends, walks all of that container's elements looking for
/// discarded ones, which is quadratic in the length of an array (20,000 operations took
/// longer to parse than to evaluate).
class CheckedDocumentBuilder {
 public:
  using string_t = json::string_t;
  CheckedDocumentBuilder(json& result, std::size_t max_depth) : root_(result), max_depth_(max_depth) {}

  bool null() { return value(nullptr); }
  bool boolean(bool flag) { return value(flag); }
  bool number_integer(json::number_integer_t number) { return value(number); }
  bool number_unsigned(json::number_unsigned_t number) { return value(number); }
  bool number_float(json::number_float_t number, const string_t& /*text*/) { return value(number); }
  bool string(string_t& text) { return value(text); }
  bool binary(json::binary_t& bytes) { return value(json::binary(std::move(bytes))); }
  bool start_object(std::size_t /*size*/) { return open(json::value_t::object); }
  bool start_array(std::size_t /*size*/) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  /// The object's element for `name`, created null; a key it already holds is a duplicate,
  /// and the value that follows replaces the first one, as in nlohmann's builder.
  bool key(string_t& name) {
    Container& top = open_.back();
    const auto [element, inserted] = top.value->get_ref<json::object_t&>().try_emplace(name);
    top.key = &element->first;
    element_ = &element->second;
    if (!inserted) duplicates_.push_back(pointer());
    return true;
  }
  template <typename Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const Exception& error) {
    throw error;
  }
  /// The pointers of the duplicate keys, in the order met.
  const std::vector<std::string>& duplicates() const { return duplicates_; }

 private:
  /// An array or object being filled, and where in it the parser is.
  struct Container {
    json* value = nullptr;
    const std::string* key = nullptr;  ///< an object's current key (in the object, so stable)
    std::size_t index = 0;             ///< an array's current index
  };

  /// Places a value: the root, the next element of an array or the current key's value.
  template <typename Value>
  json* place(Value&& value) {
    json* placed = nullptr;
    if (open_.empty()) {
      placed = &root_;
    } else if (open_.back().value->is_array()) {
      auto& array = open_.back().value->get_ref<json::array_t&>();
      placed = &array.emplace_back();
    } else {
      placed = element_;
    }
    *placed = json(std::forward<Value>(value));
    return placed;
  }
  template <typename Value>
  bool value(Value&& value) {
    place(std::forward<Value>(value));
    next_element();
    return true;
  }
  /// False, which stops the parser, for a container nested deeper than the limit: the
  /// nesting is checked while parsing instead of in a pass of its own before it.
  bool open(json::value_t type) {
    if (open_.size() >= max_depth_) return false;
    open_.push_back(Container{place(type)});
    return true;
  }
  bool close() {
    open_.pop_back();
    next_element();
    return true;
  }
  void next_element() {
    if (!open_.empty() && open_.back().value->is_array()) ++open_.back().index;
  }
  std::string pointer() const {
    std::string out;
    for (const Container& container : open_) {
      out = container.value->is_object() ? child_pointer(out, *container.key) : child_pointer(out, container.index);
    }
    return out;
  }

  json& root_;
  std::size_t max_depth_;
  std::vector<Container> open_;
  json* element_ = nullptr;  ///< where the value of the current key goes
  std::vector<std::string> duplicates_;
};

/// E408 for each key met twice in one object, whichever parser met it.
void report_duplicates(const std::vector<std::string>& pointers, const std::string& document,
                       base::Diagnostics& diagnostics) {
  for (const std::string& pointer : pointers)
    diagnostics.pointer_error("E408", document, pointer, "duplicate key (only one value per key is allowed)");
}

/// The document, or nullopt when it nests deeper than `max_depth` (reported by the caller).
std::optional<json> parse_checked(std::string_view text, const std::string& document, std::size_t max_depth,
                                  base::Diagnostics& diagnostics) {
  json parsed;
  CheckedDocumentBuilder builder(parsed, max_depth);
  if (!json::sax_parse(text.begin(), text.end(), &builder)) return std::nullopt;
  report_duplicates(builder.duplicates(), document, diagnostics);
  return parsed;
}

}  // namespace

struct JsonParser::Buffers {
  simdjson::dom::parser parser;
  std::vector<char> padded;  ///< the text, then the padding simdjson reads past its end
};

JsonParser::JsonParser() : buffers_(std::make_unique<Buffers>()) {}
JsonParser::~JsonParser() = default;
JsonParser::JsonParser(JsonParser&&) noexcept = default;
JsonParser& JsonParser::operator=(JsonParser&&) noexcept = default;

namespace {

/// Walks a document as simdjson read it, with the checks nlohmann's reading makes: each
/// key met twice in one object named, in the order met, and false for a container nested
/// deeper than the limit.
class DocumentCheck {
 public:
  explicit DocumentCheck(std::size_t max_depth) : max_depth_(max_depth) {}

  bool check(simdjson::dom::element element) {
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
      case Type::OBJECT: return check_object(element.get_object().value_unsafe());
      case Type::ARRAY: return check_array(element.get_array().value_unsafe());
      default: return true;
    }
  }
  /// The pointers of the duplicate keys, in the order met.
  const std::vector<std::string>& duplicates() const { return duplicates_; }

 private:
  struct Step {
    std::string_view key;
    std::size_t index = 0;
    bool in_object = false;
  };
  /// Objects up to this many members are searched for a repeated key in place; larger
  /// ones through a set, so that a huge object costs no quadratic search.
  static constexpr std::size_t searched_in_place = 16;

  bool check_object(simdjson::dom::object object) {
    if (path_.size() >= max_depth_) return false;
    const bool small = object.size() <= searched_in_place;
    std::unordered_set<std::string_view> large_keys;
    const std::size_t first = keys_.size();  // this object's keys, above its parents' on one stack
    path_.push_back(Step{{}, 0, true});
    for (const auto member : object) {
      path_.back().key = member.key;
      const bool repeated = small ? std::find(keys_.begin() + static_cast<std::ptrdiff_t>(first), keys_.end(),
                                              member.key) != keys_.end()
                                  : !large_keys.insert(member.key).second;
      if (repeated) duplicates_.push_back(pointer());
      if (small) keys_.push_back(member.key);
      if (!check(member.value)) return false;
    }
    keys_.resize(first);
    path_.pop_back();
    return true;
  }
  bool check_array(simdjson::dom::array array) {
    if (path_.size() >= max_depth_) return false;
    path_.push_back(Step{{}, 0, false});
    for (const auto element : array) {
      if (!check(element)) return false;
      ++path_.back().index;
    }
    path_.pop_back();
    return true;
  }
  std::string pointer() const {
    std::string out;
    for (const Step& step : path_) out = step.in_object ? child_pointer(out, step.key) : child_pointer(out, step.index);
    return out;
  }

  std::size_t max_depth_;
  std::vector<Step> path_;
  std::vector<std::string_view> keys_;
  std::vector<std::string> duplicates_;
};

/// A document simdjson read and DocumentCheck passed, with the duplicate keys it found
/// (reported by the caller once it keeps the document).
struct CheckedDocument {
  simdjson::dom::element root;
  std::vector<std::string> duplicates;
};

/// The document simdjson reads from `text` into `parser`, checked, or nullopt when
/// simdjson refuses it or it nests too deep (left to nlohmann's reading to report).
std::optional<CheckedDocument> parse_in_place(std::string_view text, std::size_t max_depth,
                                              simdjson::dom::parser& parser, std::vector<char>& padded) {
  padded.assign(text.begin(), text.end());
  padded.resize(text.size() + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element root;
  if (parser.parse(padded.data(), text.size(), false).get(root) != simdjson::SUCCESS) return std::nullopt;
  DocumentCheck check(max_depth);
  if (!check.check(root)) return std::nullopt;
  return CheckedDocument{root, check.duplicates()};
}

}  // namespace

NestingScan scan_nesting(std::string_view text, std::size_t max_depth) {
  NestingScan scan;
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      scan.depth = std::max(scan.depth, ++depth);
      if (depth > max_depth) {
        scan.too_deep_at = i;
        return scan;
      }
    } else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return scan;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  TextPosition position;
  position.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n');
  position.column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return position;
}

namespace {

/// What simdjson refused or found too deep, read by nlohmann's parser: the document when
/// nlohmann accepts it (a byte order mark, numbers past 64 bits), else the diagnostic
/// that says why not, worded by nlohmann's parser.
std::optional<json> parse_slow(std::string_view text, const std::string& document, const JsonLimits& limits,
                               base::Diagnostics& diagnostics) {
  // Too deep a document is refused (E407) whether or not it is JSON, as if its nesting
  // were checked first; scanning for it only when parsing fails keeps that answer without
  // a second pass over every valid document.
  try {
    if (auto parsed = parse_checked(text, document, limits.max_depth, diagnostics)) return parsed;
  } catch (const json::parse_error& error) {
    if (!check_nesting(text, document, limits, diagnostics)) return std::nullopt;
    // `byte` counts the characters read, the offending one included.
    const TextPosition at = position_of(text, error.byte > 0 ? error.byte - 1 : 0);
    diagnostics.pointer_error("E400", document, "", "not JSON: line {}, column {}: {}", at.line, at.column,
                              parse_reason(error.what()));
    return std::nullopt;
  } catch (const json::exception& error) {
    if (!check_nesting(text, document, limits, diagnostics)) return std::nullopt;
    diagnostics.pointer_error("E400", document, "", "not JSON: {}", parse_reason(error.what()));
    return std::nullopt;
  }
  // The parser stopped at a container deeper than the limit, in a valid prefix that the
  // scan counts alike.
  if (check_nesting(text, document, limits, diagnostics)) {
    diagnostics.pointer_error("E407", document, "", "nested deeper than {} levels", limits.max_depth);
  }
  return std::nullopt;
}

}  // namespace

std::optional<json> read_json(std::string_view text, const std::string& document, const JsonLimits& limits,
                              base::Diagnostics& diagnostics, JsonParser* parser) {
  if (!check_size(text, document, limits, diagnostics)) return std::nullopt;
  std::optional<JsonParser> own;
  JsonParser::Buffers& buffers = *(parser != nullptr ? parser : &own.emplace())->buffers_;
  // simdjson parses (half the time nlohmann's parser takes on a generated scenario, with
  // the value built); what it refuses, or what cannot be built alike, nlohmann parses.
  if (const auto checked = parse_in_place(text, limits.max_depth, buffers.parser, buffers.padded)) {
    json parsed;
    // An integer zero is left to nlohmann's parser: simdjson reads "-0" as 0, which
    // nlohmann keeps as a signed integer and "0" as an unsigned one.
    if (build_json(checked->root, parsed, IntegerZero::refused)) {
      report_duplicates(checked->duplicates, document, diagnostics);
      return parsed;
    }
  }
  return parse_slow(text, document, limits, diagnostics);
}

std::optional<JsonDocument> read_document(std::string_view text, const std::string& document,
                                          const JsonLimits& limits, base::Diagnostics& diagnostics,
                                          JsonParser* parser) {
  if (!check_size(text, document, limits, diagnostics)) return std::nullopt;
  std::optional<JsonParser> own;
  JsonParser::Buffers& buffers = *(parser != nullptr ? parser : &own.emplace())->buffers_;
  if (const auto checked = parse_in_place(text, limits.max_depth, buffers.parser, buffers.padded)) {
    report_duplicates(checked->duplicates, document, diagnostics);
    return JsonDocument(JsonValue(checked->root), std::move(own));
  }
  const auto parsed = parse_slow(text, document, limits, diagnostics);
  if (!parsed) return std::nullopt;
  // What nlohmann accepts and simdjson does not, written out again in the JSON simdjson
  // reads: without the byte order mark, with numbers past 64 bits as floating point (as
  // nlohmann holds them). Its duplicate keys were reported and are gone.
  const std::string again = parsed->dump(-1, ' ', false, json::error_handler_t::replace);
  buffers.padded.assign(again.begin(), again.end());
  buffers.padded.resize(again.size() + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element root;
  if (buffers.parser.parse(buffers.padded.data(), again.size(), false).get(root) != simdjson::SUCCESS) {
    diagnostics.pointer_error("E400", document, "", "not JSON: a value the reader cannot hold");
    return std::nullopt;
  }
  return JsonDocument(JsonValue(root), std::move(own));
}

std::string shown(const json& value) {
  constexpr std::size_t max_shown = 40;
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > max_shown) return json(truncated(text, max_shown)).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (value.is_array()) return value.empty() ? "[]" : "an array";
  if (value.is_object()) return value.empty() ? "{}" : "an object";
  return truncated(value.dump(-1, ' ', false, json::error_handler_t::replace), max_shown);
}

std::string_view type_in_words(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    case json::value_t::binary:
    case json::value_t::discarded: break;
  }
  return "a value";
}

std::string child_pointer(const std::string& pointer, std::string_view key) {
  std::string out = pointer + '/';
  for (const char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string child_pointer(const std::string& pointer, std::size_t index) {
  return pointer + '/' + std::to_string(index);
}

std::string JsonPath::pointer() const {
  if (parent_ == nullptr) return *base_;
  const std::string above = parent_->pointer();
  return step_ == Step::key ? child_pointer(above, key_) : child_pointer(above, index_);
}

}  // namespace cybernorms::scenario
