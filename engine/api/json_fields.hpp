// Checking the form of small JSON documents (exercise files, answers) the way scenarios
// are checked: every problem one diagnostic with a JSON pointer (E401 wrong type, E403
// unknown key with "did you mean", E406 missing key).
#pragma once
#include <cybernorms/diagnostics.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::api {

/// One document being checked: its name in messages and where problems go.
struct JsonDocument {
  const std::string& name;
  Diagnostics& diagnostics;
};

/// `" (did you mean \"x\"?)"` for the closest of `candidates`, or "".
std::string suggestion(std::string_view wanted, const std::vector<std::string>& candidates);

/// Whether `value` (at `pointer`) is an object; if so, each key not in `allowed` is E403
/// (`where`: "in the answer") and each of `required` missing is E406.
bool check_object(const JsonDocument& document, const nlohmann::json& value, const std::string& pointer,
                  std::string_view where, const std::vector<std::string>& allowed,
                  const std::vector<std::string>& required);

/// The string at `object[key]`, or nullopt: absent (no diagnostic) or not a string (E401).
std::optional<std::string> string_field(const JsonDocument& document, const nlohmann::json& object,
                                        const std::string& pointer, std::string_view key);

/// The array of strings at `object[key]`, or nullopt: absent (no diagnostic), or not an
/// array of strings (E401 at the array or at the element that is not a string).
std::optional<std::vector<std::string>> strings_field(const JsonDocument& document, const nlohmann::json& object,
                                                      const std::string& pointer, std::string_view key);

}  // namespace cybernorms::api
