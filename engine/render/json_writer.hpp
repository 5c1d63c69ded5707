// JSON text written straight into a string, without building a document first: the
// batch path writes millions of records, and a DOM built, dumped and destroyed per record
// cost more than evaluating the scenario.
#pragma once
#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cybernorms::render {

/// Appends `text` to `out` as a JSON string, quotes included. Control characters, `"` and
/// `\` are escaped; bytes that are not well-formed UTF-8 become U+FFFD, as the DOM
/// renderers do (text from rule files is not checked for UTF-8 when it is read).
void append_json_string(std::string& out, std::string_view text);

/// Text prepared once and written many times (a key with its colon, or a string value),
/// stored with the comma that precedes it in a list: written in one append, the comma
/// left off where none is due. Records write the same names hundreds of times each.
std::string prepare_key(std::string_view name);
std::string prepare_string(std::string_view text);
/// prepare_string() into `out`, replacing what it held but keeping its storage.
void prepare_string(std::string& out, std::string_view text);

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
  /// The same for a string literal, put together with its comma, quotes and colon where
  /// it is compiled, and written in one append.
  template <std::size_t N>
  JsonWriter& plain_key(const char (&name)[N]) {
    std::array<char, N + 3> text{',', '"'};  // `,"name":`; N counts the literal's '\0'
    std::copy_n(name, N - 1, text.begin() + 2);
    text[N + 1] = '"';
    text[N + 2] = ':';
    write_listed({text.data(), text.size()});
    after_key_ = true;
    return *this;
  }
  /// A key from prepare_key().
  JsonWriter& prepared_key(std::string_view key) {
    write_listed(key);
    after_key_ = true;
    return *this;
  }
  /// A string value from prepare_string().
  JsonWriter& prepared_string(std::string_view text) {
    write_listed(text);
    return *this;
  }
  JsonWriter& string(std::string_view text) {
    separate();
    append_json_string(out_, text);
    return *this;
  }
  JsonWriter& number(std::uint64_t value) {
    std::array<char, 21> text{','};  // the comma, then up to 20 digits
    const auto end = std::to_chars(text.data() + 1, text.data() + text.size(), value).ptr;
    write_listed({text.data(), static_cast<std::size_t>(end - text.data())});
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
  /// Whether a comma goes before the next value or key (and notes that one is written).
  bool comma_due() {
    if (after_key_) {
      after_key_ = false;
      return false;
    }
    const bool due = need_comma_;
    need_comma_ = true;
    return due;
  }
  void separate() {
    if (comma_due()) out_ += ',';
  }
  /// Writes `text`, which starts with a comma, leaving the comma off where none is due.
  /// Inlined: records call it for nearly every token, and a call cost as much as the append.
  [[gnu::always_inline]] void write_listed(std::string_view text) {
    if (!comma_due()) text.remove_prefix(1);
    out_.append(text.data(), text.size());
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
