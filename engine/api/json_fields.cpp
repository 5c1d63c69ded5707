#include "api/json_fields.hpp"

#include "base/names.hpp"
#include "base/text_layout.hpp"
#include "scenario/json_input.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cybernorms::api {

using nlohmann::json;
using scenario::child_pointer;

std::string suggestion(std::string_view wanted, const std::vector<std::string>& candidates) {
  const auto best = base::closest_name(wanted, candidates);
  return best ? fmt::format(" (did you mean \"{}\"?)", *best) : std::string();
}

bool check_object(const JsonDocument& document, const json& value, const std::string& pointer, std::string_view where,
                  const std::vector<std::string>& allowed, const std::vector<std::string>& required) {
  if (!value.is_object()) {
    document.diagnostics.pointer_error("E401", document.name, pointer, "expected an object, got {}",
                                       scenario::shown(value));
    return false;
  }
  for (const auto& [key, item] : value.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::string near = suggestion(key, allowed);
    document.diagnostics.pointer_error("E403", document.name, child_pointer(pointer, key), "unknown key \"{}\" {}{}",
                                       base::brief(key), where,
                                       near.empty() ? fmt::format("; expected one of {}", fmt::join(allowed, ", ")) : near);
  }
  for (const std::string& key : required) {
    if (!value.contains(key)) document.diagnostics.pointer_error("E406", document.name, pointer, "missing required key \"{}\"", key);
  }
  return true;
}

std::optional<std::string> string_field(const JsonDocument& document, const json& object, const std::string& pointer,
                                        std::string_view key) {
  const auto found = object.find(std::string(key));
  if (found == object.end()) return std::nullopt;
  if (!found->is_string()) {
    document.diagnostics.pointer_error("E401", document.name, child_pointer(pointer, key), "expected a string, got {}",
                                       scenario::shown(*found));
    return std::nullopt;
  }
  return found->get<std::string>();
}

std::optional<std::vector<std::string>> strings_field(const JsonDocument& document, const json& object,
                                                      const std::string& pointer, std::string_view key) {
  const auto found = object.find(std::string(key));
  if (found == object.end()) return std::nullopt;
  const std::string at = child_pointer(pointer, key);
  if (!found->is_array()) {
    document.diagnostics.pointer_error("E401", document.name, at, "expected an array of strings, got {}",
                                       scenario::shown(*found));
    return std::nullopt;
  }
  std::vector<std::string> strings;
  bool all = true;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const json& item = (*found)[i];
    if (!item.is_string()) {
      document.diagnostics.pointer_error("E401", document.name, child_pointer(at, i), "expected a string, got {}",
                                         scenario::shown(item));
      all = false;
      continue;
    }
    strings.push_back(item.get<std::string>());
  }
  if (!all) return std::nullopt;
  return strings;
}

}  // namespace cybernorms::api
