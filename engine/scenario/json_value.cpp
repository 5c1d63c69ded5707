#include "scenario/json_value.hpp"

#include <algorithm>

namespace cybernorms::scenario {

std::string_view JsonValue::string() const {
  if (!is_string()) return {};
  return element_.get_string().value_unsafe();
}

std::size_t JsonValue::size() const {
  if (is_array()) {
    const simdjson::dom::array array = element_.get_array().value_unsafe();
    return array.size();
  }
  if (is_object()) {
    const simdjson::dom::object object = element_.get_object().value_unsafe();
    return object.size();
  }
  return 0;
}

std::optional<JsonValue> JsonValue::find(std::string_view key) const {
  std::optional<JsonValue> found;
  for_each_member([&](std::string_view member, JsonValue value) {
    if (member == key) found = value;
  });
  return found;
}

nlohmann::json JsonValue::to_json() const {
  switch (type()) {
    case Type::OBJECT: {
      auto out = nlohmann::json::object();
      for_each_member([&](std::string_view key, JsonValue value) { out[std::string(key)] = value.to_json(); });
      return out;
    }
    case Type::ARRAY: {
      auto out = nlohmann::json::array();
      for_each_element([&](std::size_t, JsonValue value) { out.push_back(value.to_json()); });
      return out;
    }
    case Type::STRING: return std::string(string());
    case Type::INT64: {
      // As nlohmann reads a number: unsigned when it is not negative.
      const std::int64_t number = element_.get_int64().value_unsafe();
      if (number >= 0) return static_cast<nlohmann::json::number_unsigned_t>(number);
      return number;
    }
    case Type::UINT64: return element_.get_uint64().value_unsafe();
    case Type::DOUBLE: return element_.get_double().value_unsafe();
    case Type::BOOL: return element_.get_bool().value_unsafe();
    case Type::NULL_VALUE: break;
  }
  return nullptr;
}

std::vector<std::string_view> sorted_keys(const JsonValue& object) {
  std::vector<std::string_view> keys;
  object.for_each_member([&](std::string_view key, JsonValue) { keys.push_back(key); });
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::string shown(const JsonValue& value) {
  // A container is shown by its kind alone, so it is not copied to be shown.
  if (value.is_array()) return value.size() == 0 ? "[]" : "an array";
  if (value.is_object()) return value.size() == 0 ? "{}" : "an object";
  return shown(value.to_json());
}

}  // namespace cybernorms::scenario
