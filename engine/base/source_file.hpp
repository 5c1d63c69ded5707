// Source text kept in memory, so that diagnostics can quote any line later.
// The types are the public ones (cybernorms/diagnostics.hpp), named here for the engine.
#pragma once
#include <cybernorms/diagnostics.hpp>

namespace cybernorms::base {

using cybernorms::Diagnostic;
using cybernorms::Diagnostics;
using cybernorms::FileId;
using cybernorms::render_text;
using cybernorms::Severity;
using cybernorms::SourceFile;
using cybernorms::SourceSet;
using cybernorms::Span;
using cybernorms::to_string;

}  // namespace cybernorms::base
