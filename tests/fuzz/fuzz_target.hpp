// What every fuzz target shares: the bundled rule base, loaded once, and a way to stop
// loudly when a property fails (libFuzzer then saves the input that broke it).
#pragma once
#include <cybernorms/cybernorms.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace cybernorms::fuzz {

/// Aborts with a message when a property does not hold, so the fuzzer keeps the input.
inline void require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property failed: %s\n", property);
  std::abort();
}

/// The project's rule base, loaded on first use and kept for the process.
inline const RuleBase& bundled_rule_base() {
  static const RuleBase rule_base = [] {
    SourceSet sources;
    Diagnostics diagnostics;
    auto loaded = RuleBase::load({std::string(CYBERNORMS_SOURCE_DIR) + "/rules"}, sources, diagnostics);
    require(loaded.has_value(), "the bundled rule base loads");
    return *loaded;
  }();
  return rule_base;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace cybernorms::fuzz
