// Places in source text: which file, which line and column.
// The types are the public ones (cybernorms/diagnostics.hpp); base/diagnostics.hpp names
// them for the engine.
#pragma once
#include "base/diagnostics.hpp"
