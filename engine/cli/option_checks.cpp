#include "cli/option_checks.hpp"

#include <cybernorms/format.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace cybernorms::cli {

namespace {

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// The output eval writes for scenarios, in words for messages, or empty for reports.
std::string table_option(const EvalArgs& args) {
  if (args.summary) return "--summary";
  if (args.compare_profiles) return "--compare-profiles";
  return {};
}

}  // namespace

std::vector<std::string> layout_conflicts(const std::string& format, const JsonLayoutFlags& flags) {
  std::vector<std::string> messages;
  if (format == "json") return messages;
  for (const auto& [given, name] : {std::pair{flags.pretty, "--pretty"}, std::pair{flags.compact, "--compact"}}) {
    if (given) messages.push_back(fmt::format("error: {} lays out JSON; it does not apply to --format {}", name, format));
  }
  return messages;
}

std::vector<std::string> eval_conflicts(const EvalArgs& args) {
  std::vector<std::string> messages = layout_conflicts(args.format, args.json);
  const std::string table = table_option(args);
  const bool terse = args.format == "terse";
  if (!table.empty()) {
    const std::vector<std::string> formats = format_names(args.summary ? Output::summary : Output::comparison);
    if (!has(formats, args.format)) {
      messages.push_back(fmt::format("error: {} has no {} format (formats: {})", table, args.format,
                                     fmt::join(formats, ", ")));
    }
  }
  // What each option shows, and the outputs that do not show it.
  // A profile comparison explains the rows the profiles disagree on when --explain is given.
  const std::string no_explanations = args.summary ? table + " shows levels, not explanations"
                                      : terse      ? "--format terse shows one line per finding, not explanations"
                                                   : std::string();
  if (args.given.contains("--explain") && !no_explanations.empty()) {
    messages.push_back(fmt::format("error: --explain does not apply: {}", no_explanations));
  }
  if (args.given.contains("--proof-depth")) {
    if (!no_explanations.empty()) {
      messages.push_back(fmt::format("error: --proof-depth does not apply: {}", no_explanations));
    } else if (args.explain != "full") {
      messages.push_back("error: --proof-depth applies to proof trees, which only --explain full shows");
    }
  }
  if (args.given.contains("--hinge-sets") && (!table.empty() || terse)) {
    messages.push_back(fmt::format("error: --hinge-sets does not apply: {} shows no hinge sets",
                                   !table.empty() ? table : "--format terse"));
  }
  if ((args.given.contains("--assume") || args.given.contains("--assume-file")) && !table.empty()) {
    messages.push_back(fmt::format("error: --assume applies to reports, which list the assumptions; {} does not",
                                   table));
  }
  if (args.given.contains("--color") && (args.format != "text" || !table.empty())) {
    messages.push_back(fmt::format("error: --color applies to text reports only, not to {}",
                                   !table.empty() ? table : "--format " + args.format));
  }
  if (args.open_values == "once" && (args.given.contains("--assume") || args.given.contains("--assume-file"))) {
    messages.push_back("error: --open-values once does not apply with --assume: assumptions name values, so each "
                       "open value is read as a question of its own");
  }
  if (args.open_values == "once" && !args.why_not.empty()) {
    messages.push_back("error: --open-values once does not apply with --why-not: goals name values, so each open "
                       "value is read as a question of its own");
  }
  if (args.given.contains("--lang") && (!table.empty() || terse)) {
    messages.push_back(fmt::format("error: --lang does not apply: {} shows ids and levels, in no language",
                                   !table.empty() ? table : "--format terse"));
  }
  return messages;
}

std::vector<std::string> batch_conflicts(const BatchArgs& args) {
  std::vector<std::string> messages;
  if (args.given.contains("--proof-depth") && args.explain != "full") {
    messages.push_back("error: --proof-depth applies to proof trees, which only --explain full shows");
  }
  return messages;
}

std::optional<std::string> facts_file_conflict(const EvalArgs& args, const std::string& name) {
  std::vector<std::string> unused;
  if (args.format != "text") unused.push_back("--format " + args.format);
  if (args.summary) unused.push_back("--summary");
  if (args.compare_profiles) unused.push_back("--compare-profiles");
  for (const char* option : {"--profile", "--explain", "--proof-depth", "--color", "--assume", "--assume-file", "--lang"}) {
    if (args.given.contains(option)) unused.push_back(option);
  }
  if (unused.empty()) return std::nullopt;
  return fmt::format("{}: error: a plain facts file is shown as text, under the profile it names, with its "
                     "--why-not answers: {} {} not apply to it\n",
                     name, fmt::join(unused, ", "), unused.size() == 1 ? "does" : "do");
}

std::optional<std::string> scenario_conflict(const EvalArgs& args, const std::string& name) {
  if (args.why_not.empty()) return std::nullopt;
  std::vector<std::string> unused;
  if (args.format != "text") unused.push_back("--format " + args.format);
  if (args.summary) unused.push_back("--summary");
  if (args.compare_profiles) unused.push_back("--compare-profiles");
  for (const char* option : {"--explain", "--proof-depth", "--color"}) {
    if (args.given.contains(option)) unused.push_back(option);
  }
  if (unused.empty()) return std::nullopt;
  return fmt::format("{}: error: --why-not answers its goals as text, under one profile (--profile): {} {} not "
                     "apply with it\n",
                     name, fmt::join(unused, ", "), unused.size() == 1 ? "does" : "do");
}

}  // namespace cybernorms::cli
