// Reading the JSON body of an API request, with located errors: a body that is not JSON
// says where and what was expected (nlohmann's line and column), a key of the wrong type
// or one the endpoint does not know is named by its JSON pointer.
#pragma once
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::serve {

class RequestBody {
 public:
  /// Parses `body` as a JSON object whose keys are among `keys`; error() says why not.
  RequestBody(std::string_view body, std::initializer_list<std::string_view> keys);

  bool ok() const { return error_.empty(); }
  /// The first problem met, in words, starting with the JSON pointer of the key
  /// ("/profile: expected a string, got a number"); empty when there was none.
  const std::string& error() const { return error_; }

  bool has(std::string_view key) const;
  /// A string value, or `fallback` when the key is absent; a value of another type is an error.
  std::string string(std::string_view key, std::string_view fallback = {});
  /// Like string(), but the key must be present.
  std::string required_string(std::string_view key);
  /// A string, or an object or array given as JSON (serialised back to its text); for
  /// documents the page may send either way (a scenario, an answer).
  std::string document(std::string_view key);
  /// One of `choices`, `fallback` when absent.
  std::string choice(std::string_view key, std::initializer_list<std::string_view> choices, std::string_view fallback);
  /// A list of strings; nullopt when the key is absent.
  std::optional<std::vector<std::string>> strings(std::string_view key);
  bool boolean(std::string_view key, bool fallback);

 private:
  const nlohmann::json* value(std::string_view key) const;
  void fail(std::string message);
  nlohmann::json document_;
  std::string error_;
};

/// The name of a JSON value's type for messages: "a string", "a number", "null", ...
std::string json_type_name(const nlohmann::json& value);

}  // namespace cybernorms::serve
