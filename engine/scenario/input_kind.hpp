// Telling the two kinds of evaluation input apart: a scenario, or a plain facts file.
#pragma once
#include <string_view>

namespace cybernorms::scenario {

enum class InputKind { scenario, facts_file };

/// A JSON object with a top-level "facts" or "unknown" key is a facts file; anything
/// else (including text that is not JSON, which the scenario loader then reports) is
/// taken as a scenario. Linear in the text, no recursion.
InputKind input_kind(std::string_view json_text);

}  // namespace cybernorms::scenario
