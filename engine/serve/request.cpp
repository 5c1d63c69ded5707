#include "serve/request.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace cybernorms::serve {

std::string json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    default: return "a number";
  }
}

namespace {

/// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string parse_message(const nlohmann::json::parse_error& error) {
  std::string_view message = error.what();
  if (const auto end = message.find("] "); message.starts_with("[json.exception") && end != std::string_view::npos)
    message.remove_prefix(end + 2);
  return std::string(message);
}

/// "/key" with `~` and `/` escaped as JSON pointers write them.
std::string pointer_to(std::string_view key) {
  std::string pointer = "/";
  for (const char c : key) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
  return pointer;
}

/// Requests are shallow; a deeper body is refused before it is parsed, so that no
/// recursion over a value (serialising, comparing) can run out of stack.
constexpr std::size_t max_depth = 256;

/// Where `body` first nests deeper than max_depth (outside strings), if it does.
std::optional<std::size_t> too_deep_at(std::string_view body) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace

RequestBody::RequestBody(std::string_view body, std::initializer_list<std::string_view> keys) {
  if (const auto at = too_deep_at(body)) {
    fail(fmt::format("the request body nests arrays and objects more than {} deep (at byte {})", max_depth, *at + 1));
    return;
  }
  try {
    document_ = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& error) {
    fail("the request body is not JSON: " + parse_message(error));
    return;
  }
  if (!document_.is_object()) {
    fail("the request body must be a JSON object, not " + json_type_name(document_));
    return;
  }
  for (const auto& [key, value] : document_.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      fail(fmt::format("{}: unknown key (keys: {})", pointer_to(key), fmt::join(keys, ", ")));
      return;
    }
  }
}

void RequestBody::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

const nlohmann::json* RequestBody::value(std::string_view key) const {
  if (!document_.is_object()) return nullptr;
  const auto found = document_.find(key);
  return found == document_.end() ? nullptr : &*found;
}

bool RequestBody::has(std::string_view key) const { return value(key) != nullptr; }

std::string RequestBody::string(std::string_view key, std::string_view fallback) {
  const nlohmann::json* found = value(key);
  if (found == nullptr) return std::string(fallback);
  if (!found->is_string()) {
    fail(fmt::format("/{}: expected a string, got {}", key, json_type_name(*found)));
    return std::string(fallback);
  }
  return found->get<std::string>();
}

std::string RequestBody::required_string(std::string_view key) {
  if (!has(key)) {
    fail(fmt::format("/{}: missing (a string is expected)", key));
    return {};
  }
  return string(key);
}

std::string RequestBody::document(std::string_view key) {
  const nlohmann::json* found = value(key);
  if (found == nullptr) {
    fail(fmt::format("/{}: missing (expected the document as JSON text in a string, or as an object)", key));
    return {};
  }
  if (found->is_string()) return found->get<std::string>();
  if (found->is_object() || found->is_array()) return found->dump();
  fail(fmt::format("/{}: expected the document as JSON text in a string, or as an object, got {}", key,
                   json_type_name(*found)));
  return {};
}

std::string RequestBody::choice(std::string_view key, std::initializer_list<std::string_view> choices,
                                std::string_view fallback) {
  if (!has(key)) return std::string(fallback);
  std::string chosen = string(key, fallback);
  if (std::find(choices.begin(), choices.end(), chosen) == choices.end()) {
    fail(fmt::format("/{}: expected one of {}, got \"{}\"", key, fmt::join(choices, ", "), chosen));
    return std::string(fallback);
  }
  return chosen;
}

std::optional<std::vector<std::string>> RequestBody::strings(std::string_view key) {
  const nlohmann::json* found = value(key);
  if (found == nullptr) return std::nullopt;
  if (!found->is_array()) {
    fail(fmt::format("/{}: expected an array of strings, got {}", key, json_type_name(*found)));
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const nlohmann::json& item = (*found)[i];
    if (!item.is_string()) {
      fail(fmt::format("/{}/{}: expected a string, got {}", key, i, json_type_name(item)));
      return std::nullopt;
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

bool RequestBody::boolean(std::string_view key, bool fallback) {
  const nlohmann::json* found = value(key);
  if (found == nullptr) return fallback;
  if (!found->is_boolean()) {
    fail(fmt::format("/{}: expected true or false, got {}", key, json_type_name(*found)));
    return fallback;
  }
  return found->get<bool>();
}

}  // namespace cybernorms::serve
