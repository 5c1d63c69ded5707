#include "cli/command_line.hpp"
#include "cli/commands.hpp"

#include "serve/api.hpp"
#include "serve/library.hpp"
#include "serve/server.hpp"

#include <cybernorms/cybernorms.hpp>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <thread>

namespace cybernorms::cli {

namespace {

namespace fs = std::filesystem;

/// SIGINT and SIGTERM, blocked in every thread so that only the thread waiting for them
/// with sigwait receives them.
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace

int run_serve(const ServeArgs& args) {
  // Before any thread starts, so that every thread inherits the mask.
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::optional<RuleBase> rule_base = load_rule_base(args.rules_dir);
  if (!rule_base) return exit_findings_error;
  const fs::path scenarios_dir = args.scenarios_dir.empty() ? fs::path(CYBERNORMS_DEFAULT_SCENARIOS) : fs::path(args.scenarios_dir);
  const fs::path exercises_dir = args.exercises_dir.empty() ? fs::path(CYBERNORMS_DEFAULT_EXERCISES) : fs::path(args.exercises_dir);
  std::error_code error;
  if (!args.scenarios_dir.empty() && !fs::is_directory(scenarios_dir, error)) {
    fmt::print(stderr, "error: --scenarios {}: not a folder\n", args.scenarios_dir);
    return exit_usage;
  }
  if (!args.exercises_dir.empty() && !fs::is_directory(exercises_dir, error)) {
    fmt::print(stderr, "error: --exercises {}: not a folder\n", args.exercises_dir);
    return exit_usage;
  }
  std::vector<std::string> warnings;
  serve::Library library;
  library.scenarios = serve::read_scenario_folder(scenarios_dir, args.max_input_bytes, warnings);
  library.exercises =
      serve::read_exercise_folder(exercises_dir, {scenarios_dir, exercises_dir}, args.max_input_bytes, warnings);
  for (const std::string& warning : warnings) fmt::print(stderr, "warning: {}\n", warning);

  serve::Api api(*rule_base, std::move(library), {CYBERNORMS_VERSION, args.max_input_bytes});
  serve::Server server(api, {args.host, args.port, args.max_body_bytes, args.threads});
  std::string problem;
  const std::optional<int> port = server.bind(problem);
  if (!port) {
    fmt::print(stderr, "error: {}\n", problem);
    return exit_findings_error;
  }
  const bool ipv6 = args.host.find(':') != std::string::npos;
  fmt::print("cybernorms serve: listening on http://{}{}{}:{}/\n", ipv6 ? "[" : "", args.host, ipv6 ? "]" : "", *port);
  std::fflush(stdout);

  std::atomic<bool> finished = false;
  std::atomic<bool> signalled = false;
  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    if (finished) return;
    signalled = true;
    // Until run() has returned: a signal that came before it started listening would
    // otherwise be lost, as stopping a server not yet running does nothing.
    while (!finished) {
      server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  const bool served = server.run();
  finished = true;
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if no signal did
  waiter.join();
  if (!served && !signalled) {
    fmt::print(stderr, "error: the server stopped: it could not accept connections\n");
    return exit_findings_error;
  }
  return exit_ok;
}

}  // namespace cybernorms::cli
