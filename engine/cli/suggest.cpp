#include "cli/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace cybernorms::cli {

namespace {

std::string_view without_dashes(std::string_view name) {
  while (!name.empty() && name.front() == '-') name.remove_prefix(1);
  return name;
}

bool is_option(std::string_view argument) { return argument.size() > 1 && argument.front() == '-'; }

/// The names an option is given by: `--long` and `-s`.
std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    for (const std::string& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(command->get_name());
  }
  return names;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the table: two back for a transposition, one back, and this one.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> above(b.size() + 1);
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(above.begin(), above.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, above);
    std::swap(above, row);
  }
  return above[b.size()];
}

std::optional<std::string> closest_name(std::string_view wanted, const std::vector<std::string>& candidates) {
  const std::string_view word = without_dashes(wanted);
  // One letter is one edit from every other: no suggestion for a short option.
  if (word.size() < 2 || word.size() > 64) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, without_dashes(candidate));
    if (distance < best_distance || (distance == best_distance && best && candidate < *best)) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::optional<std::string> unknown_argument_message(const CLI::App& app) {
  const std::vector<CLI::App*> parsed = app.get_subcommands();
  const CLI::App& command = parsed.empty() ? app : *parsed.front();
  // An unknown argument stays with the command that could not place it; a subcommand
  // may pass it up to the top.
  std::vector<std::string> unknown = command.remaining();
  if (&command != &app) {
    const std::vector<std::string> above = app.remaining();
    unknown.insert(unknown.end(), above.begin(), above.end());
  }
  const std::string program = "cybernorms";
  for (const std::string& argument : unknown) {
    if (is_option(argument)) {
      const std::string name = argument.substr(0, argument.find('='));
      const std::string where = &command == &app ? std::string() : " for " + command.get_name();
      if (const auto best = closest_name(name, option_names(command))) {
        return fmt::format("error: unknown option '{}'{}; did you mean '{}'?", name, where, *best);
      }
      const std::string help = &command == &app ? program + " --help" : program + " " + command.get_name() + " --help";
      return fmt::format("error: unknown option '{}'{} (see '{}')", name, where, help);
    }
  }
  if (&command == &app && !unknown.empty()) {
    const std::vector<std::string> commands = subcommand_names(app);
    if (const auto best = closest_name(unknown.front(), commands)) {
      return fmt::format("error: unknown command '{}'; did you mean '{}'?", unknown.front(), *best);
    }
    return fmt::format("error: unknown command '{}' (commands: {})", unknown.front(), fmt::join(commands, ", "));
  }
  return std::nullopt;
}

}  // namespace cybernorms::cli
