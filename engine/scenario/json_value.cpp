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
  nlohmann::json out;
  build_json(element_, out, IntegerZero::unsigned_zero);
  return out;
}

bool build_json(simdjson::dom::element element, nlohmann::json& out, IntegerZero zero) {
  using Type = simdjson::dom::element_type;
  switch (element.type()) {
    case Type::OBJECT: {
      out = nlohmann::json::object();
      auto& members = out.get_ref<nlohmann::json::object_t&>();
      const simdjson::dom::object object = element.get_object().value_unsafe();
      for (const auto member : object)
        if (!build_json(member.value, members[std::string(member.key)], zero)) return false;
      return true;
    }
    case Type::ARRAY: {
      out = nlohmann::json::array();
      auto& elements = out.get_ref<nlohmann::json::array_t&>();
      const simdjson::dom::array array = element.get_array().value_unsafe();
      elements.reserve(array.size());
      for (const auto item : array)
        if (!build_json(item, elements.emplace_back(), zero)) return false;
      return true;
    }
    case Type::STRING: out = std::string(element.get_string().value_unsafe()); return true;
    case Type::INT64: {
      // As nlohmann reads a number: unsigned when it is not negative.
      const std::int64_t number = element.get_int64().value_unsafe();
      if (number == 0 && zero == IntegerZero::refused) return false;
      if (number >= 0) out = static_cast<nlohmann::json::number_unsigned_t>(number);
      else out = number;
      return true;
    }
    case Type::UINT64: out = element.get_uint64().value_unsafe(); return true;
    case Type::DOUBLE: out = element.get_double().value_unsafe(); return true;
    case Type::BOOL: out = element.get_bool().value_unsafe(); return true;
    case Type::NULL_VALUE: out = nullptr; return true;
  }
  return false;
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
