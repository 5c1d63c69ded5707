#include "scenario/json_input.hpp"
#include "base/text_layout.hpp"

#include <cybernorms/input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>
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

/// Where the parser is, for naming duplicate keys by JSON Pointer: nlohmann keeps only
/// the last of two equal keys, which would silently drop what the first one said.
class DuplicateKeys {
 public:
  void open(bool is_object) {
    if (depth_ == frames_.size()) frames_.emplace_back();
    Frame& frame = frames_[depth_++];  // frames are reused, so their vectors keep their capacity
    frame.is_object = is_object;
    frame.keys.clear();
    frame.many_keys.clear();
    frame.index = 0;
  }
  void close() {
    if (depth_ > 0) --depth_;
    next_element();
  }
  void on_key(const std::string& key) {
    if (depth_ == 0) return;
    Frame& top = frames_[depth_ - 1];
    top.current.assign(key);
    if (seen_before(top, key)) found_.push_back(pointer());
  }
  /// A value other than an array or an object ended.
  void on_value() { next_element(); }
  const std::vector<std::string>& found() const { return found_; }

 private:
  // Objects usually have few, short keys: a vector searched in order (short strings need
  // no allocation) beats a set, until an object has many keys.
  static constexpr std::size_t few_keys = 32;
  struct Frame {
    bool is_object = false;
    std::vector<std::string> keys;
    std::set<std::string> many_keys;
    std::string current;  ///< the key being read, for pointers
    std::size_t index = 0;
  };
  bool seen_before(Frame& top, const std::string& key) {
    if (top.many_keys.empty() && top.keys.size() < few_keys) {
      if (std::find(top.keys.begin(), top.keys.end(), key) != top.keys.end()) return true;
      top.keys.push_back(key);
      return false;
    }
    if (top.many_keys.empty()) top.many_keys.insert(top.keys.begin(), top.keys.end());
    return !top.many_keys.insert(key).second;
  }
  void next_element() {
    if (depth_ > 0 && !frames_[depth_ - 1].is_object) ++frames_[depth_ - 1].index;
  }
  std::string pointer() const {
    std::string out;
    for (std::size_t d = 0; d < depth_; ++d) {
      const Frame& frame = frames_[d];
      out = frame.is_object ? child_pointer(out, frame.current) : child_pointer(out, frame.index);
    }
    return out;
  }
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  std::vector<std::string> found_;
};

/// The events of nlohmann's SAX parser, passed to its plain document builder and to the
/// duplicate-key check. Not its parser with a callback: that one, each time a value in an
/// array or object ends, walks all of that container's elements looking for discarded
/// ones, which is quadratic in the length of an array (20,000 operations took longer to
/// parse than to evaluate).
class CheckedDocumentBuilder {
 public:
  using string_t = json::string_t;
  explicit CheckedDocumentBuilder(json& result) : document_(result) {}

  bool null() { return value(document_.null()); }
  bool boolean(bool flag) { return value(document_.boolean(flag)); }
  bool number_integer(json::number_integer_t number) { return value(document_.number_integer(number)); }
  bool number_unsigned(json::number_unsigned_t number) { return value(document_.number_unsigned(number)); }
  bool number_float(json::number_float_t number, const string_t& text) {
    return value(document_.number_float(number, text));
  }
  bool string(string_t& text) { return value(document_.string(text)); }
  bool binary(json::binary_t& bytes) { return value(document_.binary(bytes)); }
  bool start_object(std::size_t size) {
    duplicates_.open(true);
    return document_.start_object(size);
  }
  bool key(string_t& name) {
    duplicates_.on_key(name);
    return document_.key(name);
  }
  bool end_object() {
    duplicates_.close();
    return document_.end_object();
  }
  bool start_array(std::size_t size) {
    duplicates_.open(false);
    return document_.start_array(size);
  }
  bool end_array() {
    duplicates_.close();
    return document_.end_array();
  }
  template <typename Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& error) {
    return document_.parse_error(position, last_token, error);  // throws it
  }
  const DuplicateKeys& duplicates() const { return duplicates_; }

 private:
  bool value(bool accepted) {
    duplicates_.on_value();
    return accepted;
  }
  nlohmann::detail::json_sax_dom_parser<json> document_;
  DuplicateKeys duplicates_;
};

std::optional<json> parse_checked(std::string_view text, const std::string& document, base::Diagnostics& diagnostics) {
  json parsed;
  CheckedDocumentBuilder builder(parsed);
  json::sax_parse(text.begin(), text.end(), &builder);
  for (const std::string& pointer : builder.duplicates().found()) {
    diagnostics.pointer_error("E408", document, pointer, "duplicate key (only one value per key is allowed)");
  }
  return parsed;
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

std::optional<json> read_json(std::string_view text, const std::string& document, const JsonLimits& limits,
                              base::Diagnostics& diagnostics) {
  if (!check_size(text, document, limits, diagnostics) || !check_nesting(text, document, limits, diagnostics)) {
    return std::nullopt;
  }
  try {
    return parse_checked(text, document, diagnostics);
  } catch (const json::parse_error& error) {
    // `byte` counts the characters read, the offending one included.
    const TextPosition at = position_of(text, error.byte > 0 ? error.byte - 1 : 0);
    diagnostics.pointer_error("E400", document, "", "not JSON: line {}, column {}: {}", at.line, at.column,
                              parse_reason(error.what()));
  } catch (const json::exception& error) {
    diagnostics.pointer_error("E400", document, "", "not JSON: {}", parse_reason(error.what()));
  }
  return std::nullopt;
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
  return fmt::format("{}/{}", pointer, index);
}

}  // namespace cybernorms::scenario
