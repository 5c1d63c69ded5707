#include "scenario/input_kind.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace cybernorms::scenario {

namespace {

/// Reads only the top-level keys and stops as soon as one names a facts file.
class TopLevelKeys : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool is_facts_file = false;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return ++depth_, true; }
  bool end_object() override { return --depth_, true; }
  bool start_array(std::size_t) override { return ++depth_, true; }
  bool end_array() override { return --depth_, true; }
  bool key(string_t& name) override {
    if (depth_ == 1 && (name == "facts" || name == "unknown")) is_facts_file = true;
    return !is_facts_file;  // stop reading once decided
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  std::size_t depth_ = 0;
};

}  // namespace

InputKind input_kind(std::string_view json_text) {
  TopLevelKeys keys;
  nlohmann::json::sax_parse(json_text.begin(), json_text.end(), &keys, nlohmann::json::input_format_t::json, false);
  return keys.is_facts_file ? InputKind::facts_file : InputKind::scenario;
}

}  // namespace cybernorms::scenario
