// Three truth values for facts that may be unknown.
#pragma once
#include <cstdint>
#include <string_view>

namespace cybernorms::base {

/// A base fact is true (yes), false/absent (no), or not known (unknown).
enum class Truth : std::uint8_t { no, yes, unknown };

constexpr std::string_view to_string(Truth truth) {
  switch (truth) {
    case Truth::no: return "no";
    case Truth::yes: return "yes";
    case Truth::unknown: return "unknown";
  }
  return "?";
}

}  // namespace cybernorms::base
