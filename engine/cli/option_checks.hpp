// Options that would be silently ignored together are a usage error instead: a user who
// asks for proof trees in a table of levels, or colour in JSON, learns that it does not
// apply rather than wondering why nothing changed.
#pragma once
#include "cli/commands.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cybernorms::cli {

/// One message per option that does not apply to the output the others ask for (empty
/// when all apply). Inputs are not looked at: see the per-input checks below.
std::vector<std::string> eval_conflicts(const EvalArgs& args);
std::vector<std::string> batch_conflicts(const BatchArgs& args);
/// `--pretty` and `--compact` lay out JSON only.
std::vector<std::string> layout_conflicts(const std::string& format, const JsonLayoutFlags& flags);

/// For a plain facts file given to eval: the options given that a facts file does not
/// use (it is shown as text, under the profile it names), as one message; nullopt when none.
std::optional<std::string> facts_file_conflict(const EvalArgs& args, const std::string& name);
/// For a scenario given to eval with `--why-not`: the options that do not apply to its
/// answers (text, under one profile).
std::optional<std::string> scenario_conflict(const EvalArgs& args, const std::string& name);

}  // namespace cybernorms::cli
