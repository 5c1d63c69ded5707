// Three truth values for facts that may be unknown. The type is the public one
// (cybernorms/report.hpp), named here for the engine.
#pragma once
#include <cybernorms/report.hpp>

namespace cybernorms::base {

using cybernorms::Truth;

}  // namespace cybernorms::base
