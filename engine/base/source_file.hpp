// Source text kept in memory, so that diagnostics can quote any line later.
// The types are the public ones (cybernorms/diagnostics.hpp); base/diagnostics.hpp names
// them for the engine.
#pragma once
#include "base/diagnostics.hpp"
