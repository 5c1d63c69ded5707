// JSON text written straight into a string, without building a document first: the
// batch path writes millions of records, and a DOM built, dumped and destroyed per record
// cost more than evaluating the scenario.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cybernorms::render {

/// Appends `text` to `out` as a JSON string, quotes included. Control characters, `"` and
/// `\` are escaped; bytes that are not well-formed UTF-8 become U+FFFD, as the DOM
/// renderers do (text from rule files is not checked for UTF-8 when it is read).
void append_json_string(std::string& out, std::string_view text);

/// Appends a non-negative integer in decimal.
void append_json_number(std::string& out, std::uint64_t value);

/// A JSON value written as it goes: objects and arrays opened and closed by the caller,
/// commas placed by the writer. It checks no structure: callers write well-formed
/// sequences, and the tests parse what they write.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  /// An object key; the value written next is its value.
  JsonWriter& key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  /// A key known to need no escaping (a literal in the code), written as it is.
  JsonWriter& plain_key(std::string_view name) {
    separate();
    out_ += '"';
    out_ += name;
    out_ += "\":";
    after_key_ = true;
    return *this;
  }
  JsonWriter& string(std::string_view text) {
    separate();
    append_json_string(out_, text);
    return *this;
  }
  JsonWriter& number(std::uint64_t value) {
    separate();
    append_json_number(out_, value);
    return *this;
  }
  JsonWriter& boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
    return *this;
  }
  /// Text that is already JSON (a value prepared once), written as it is.
  JsonWriter& raw(std::string_view json) {
    separate();
    out_ += json;
    return *this;
  }

 private:
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (need_comma_) out_ += ',';
    need_comma_ = true;
  }
  JsonWriter& open(char bracket) {
    separate();
    out_ += bracket;
    need_comma_ = false;
    return *this;
  }
  JsonWriter& close(char bracket) {
    out_ += bracket;
    need_comma_ = true;
    after_key_ = false;
    return *this;
  }

  std::string& out_;
  bool need_comma_ = false;
  bool after_key_ = false;
};

}  // namespace cybernorms::render
