// Reading is bounded while it happens: no input (a device, an endless pipe, a huge
// line) can make the command line hold more than its limits, a FIFO named as a file is
// refused instead of blocking, and a read error ends in a message and a failing exit.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <fcntl.h>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using cybernorms::cli_test::lines_of;

namespace {

const std::string project = CYBERNORMS_SOURCE_DIR;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool under_address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool under_address_sanitizer = true;
#else
constexpr bool under_address_sanitizer = false;
#endif
#else
constexpr bool under_address_sanitizer = false;
#endif

#if defined(__SANITIZE_THREAD__)
constexpr bool under_thread_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool under_thread_sanitizer = true;
#else
constexpr bool under_thread_sanitizer = false;
#endif
#else
constexpr bool under_thread_sanitizer = false;
#endif

/// Peak memory allowed to any of these runs: the rule base and one bounded input. Under
/// a sanitizer the program also holds shadow memory (and, for AddressSanitizer, a
/// quarantine of freed blocks), so the bound is looser there, still far below what
/// reading a 1 GiB input whole costs.
constexpr long rss_limit_kib = (under_thread_sanitizer ? 512 : under_address_sanitizer ? 256 : 64) * 1024;

struct Spawned {
  int exit_code = -1;
  std::string out;   ///< standard output and standard error together
  long max_rss_kib = 0;  ///< the child's peak resident set, from wait4
};

/// Writes `bytes` bytes of `unit` repeated, stopping early when the reader has gone.
bool write_repeated(int fd, const std::string& unit, std::uint64_t bytes) {
  std::string chunk;
  while (chunk.size() < 64 * 1024) chunk += unit;
  while (bytes > 0) {
    const std::size_t count = bytes < chunk.size() ? static_cast<std::size_t>(bytes) : chunk.size();
    const ssize_t wrote = ::write(fd, chunk.data(), count);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    bytes -= static_cast<std::uint64_t>(wrote);
  }
  return true;
}

bool write_text(int fd, const std::string& text) { return text.empty() || write_repeated(fd, text, text.size()); }

/// Runs the binary with `arguments` (no shell), its standard input fed by `feed` on a
/// thread of its own (none: standard input is empty), and measures its peak memory. A
/// run that blocks is ended by SIGALRM after 60 seconds.
Spawned spawn(const std::vector<std::string>& arguments, const std::function<void(int)>& feed = {}) {
  std::signal(SIGPIPE, SIG_IGN);  // the feeder learns that the child stopped reading from EPIPE
  std::array<int, 2> input{};
  std::array<int, 2> output{};
  REQUIRE(::pipe2(input.data(), O_CLOEXEC) == 0);
  REQUIRE(::pipe2(output.data(), O_CLOEXEC) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(input[0], STDIN_FILENO);
    ::dup2(output[1], STDOUT_FILENO);
    ::dup2(output[1], STDERR_FILENO);
    ::alarm(60);
    std::vector<char*> argv{const_cast<char*>(CYBERNORMS_BINARY)};
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    ::execv(CYBERNORMS_BINARY, argv.data());
    ::_exit(127);
  }
  ::close(input[0]);
  ::close(output[1]);
  std::thread feeder([&] {
    if (feed) feed(input[1]);
    ::close(input[1]);
  });
  Spawned result;
  std::array<char, 4096> buffer{};
  for (ssize_t got; (got = ::read(output[0], buffer.data(), buffer.size())) != 0;) {
    if (got > 0) result.out.append(buffer.data(), static_cast<std::size_t>(got));
    if (got < 0 && errno != EINTR) break;
  }
  ::close(output[0]);
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  feeder.join();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.max_rss_kib = usage.ru_maxrss;
  return result;
}

/// A scratch folder of its own, emptied first.
fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("cybernorms_bounded_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

/// A bundled scenario as one JSON Lines line.
std::string scenario_line(const std::string& name) {
  std::ifstream file(project + "/scenarios/" + name + ".json");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The arguments with `--rules` naming the project's rule base after the command.
std::vector<std::string> with_rules(std::vector<std::string> arguments) {
  const std::vector<std::string> rules{"--rules", project + "/rules"};
  arguments.insert(arguments.begin() + 1, rules.begin(), rules.end());
  return arguments;
}

}  // namespace

TEST_CASE("eval refuses a device named as a file at once, instead of reading it until memory runs out") {
  const Spawned result = spawn(with_rules({"eval", "/dev/zero"}));
  CAPTURE(result.out);
  CHECK(result.exit_code == 2);
  CHECK(has(result.out, "/dev/zero: error: is a character device, not a file"));
  CHECK_FALSE(has(result.out, "internal error"));
  CHECK(result.max_rss_kib < rss_limit_kib);
}

TEST_CASE("eval refuses a FIFO named as a file instead of blocking on it") {
  const fs::path dir = scratch("fifo");
  const fs::path fifo = dir / "scenario.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const Spawned result = spawn(with_rules({"eval", fifo.string()}));
  CAPTURE(result.out);
  CHECK(result.exit_code == 2);
  CHECK(has(result.out, fifo.string() + ": error: is a FIFO, not a file (only standard input, given as -, may be"));
  fs::remove_all(dir);
}

TEST_CASE("eval - reads standard input, a pipe included, and stops at the size limit while reading") {
  const std::string scenario = scenario_line("attribution_unknown");
  const Spawned piped = spawn(with_rules({"eval", "-", "--format", "terse"}), [&](int fd) { write_text(fd, scenario); });
  const Spawned named = spawn(with_rules({"eval", project + "/scenarios/attribution_unknown.json", "--format", "terse"}));
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == named.out);

  // An endless stream: zeros until the reader hangs up. Only the limit + 1 bytes are read.
  const Spawned endless = spawn(with_rules({"eval", "-"}), [](int fd) {
    while (write_repeated(fd, std::string(1, '\0'), 1u << 20)) {
    }
  });
  CAPTURE(endless.out);
  CHECK(endless.exit_code == 2);
  CHECK(has(endless.out, "standard input:: error[E407]: the document is more than 8388608 bytes; at most 8388608 are read"));
  CHECK(endless.max_rss_kib < rss_limit_kib);
}

TEST_CASE("a scenario file over the limit keeps its E407 message with its size, read no further than the limit") {
  const fs::path dir = scratch("large");
  const fs::path large = dir / "large.json";
  {
    std::ofstream out(large, std::ios::binary);
    out << std::string((10u << 20) + 10, ' ');
  }
  const Spawned result = spawn(with_rules({"eval", large.string()}));
  CHECK(result.exit_code == 2);
  CHECK(has(result.out, large.string() + ":: error[E407]: the document is 10485770 bytes; at most 8388608 are read"));
  fs::remove_all(dir);
}

TEST_CASE("eval --max-input-bytes sets the limit of every input it reads: files, standard input, facts files") {
  const fs::path dir = scratch("limit");
  const fs::path padded = dir / "padded.json";
  const std::string scenario = scenario_line("attribution_unknown");
  {
    std::ofstream out(padded, std::ios::binary);
    out << scenario << std::string((9u << 20) - scenario.size(), ' ');
  }
  const Spawned refused = spawn(with_rules({"eval", padded.string(), "--format", "terse"}));
  CHECK(refused.exit_code == 2);
  CHECK(has(refused.out, padded.string() + ":: error[E407]: the document is 9437184 bytes; at most 8388608 are read"));
  const Spawned raised =
      spawn(with_rules({"eval", padded.string(), "--format", "terse", "--max-input-bytes", "9437184"}));
  const Spawned plain = spawn(with_rules({"eval", project + "/scenarios/attribution_unknown.json", "--format", "terse"}));
  CHECK(raised.exit_code == 0);
  CHECK(raised.out == plain.out);

  const Spawned piped = spawn(with_rules({"eval", "-", "--max-input-bytes", "1000"}),
                              [&](int fd) { write_text(fd, scenario); });
  CHECK(piped.exit_code == 2);
  CHECK(has(piped.out, "standard input:: error[E407]: the document is more than 1000 bytes; at most 1000 are read"));
  const Spawned facts = spawn({"eval", "--rules", project + "/examples/facts/rules",
                               project + "/examples/facts/facts.json", "--max-input-bytes", "100"});
  CHECK(facts.exit_code == 2);
  CHECK(has(facts.out, "facts.json:: error[E407]: the document is "));
  CHECK(has(facts.out, "bytes; at most 100 are read"));
  const Spawned too_high = spawn(with_rules({"eval", padded.string(), "--max-input-bytes", "1073741825"}));
  CHECK(too_high.exit_code == 2);
  fs::remove_all(dir);
}

TEST_CASE("a read error is reported and the exit status says the run failed") {
  // /proc/self/mem is a regular file whose first page cannot be read: EIO.
  const Spawned eval = spawn(with_rules({"eval", "/proc/self/mem"}));
  CAPTURE(eval.out);
  CHECK(eval.exit_code == 2);
  CHECK(has(eval.out, "/proc/self/mem: error: cannot be read: Input/output error"));
  const Spawned batch = spawn(with_rules({"batch", "/proc/self/mem"}));
  CAPTURE(batch.out);
  CHECK(batch.exit_code == 2);
  CHECK(has(batch.out, "error: reading /proc/self/mem stopped after line 0: Input/output error"));
}

TEST_CASE("batch refuses a device or a FIFO named as its input, and reads a pipe only as standard input") {
  const Spawned zero = spawn(with_rules({"batch", "/dev/zero"}));
  CAPTURE(zero.out);
  CHECK(zero.exit_code == 2);
  CHECK(has(zero.out, "error: /dev/zero is a character device, not a file (only standard input, given as -, may be"));
  CHECK_FALSE(has(zero.out, "0 scenarios"));
  CHECK(zero.max_rss_kib < rss_limit_kib);

  const fs::path dir = scratch("batch_fifo");
  const fs::path fifo = dir / "in.jsonl";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const Spawned named = spawn(with_rules({"batch", fifo.string()}));
  CHECK(named.exit_code == 2);
  CHECK(has(named.out, "is a FIFO, not a file"));
  fs::remove_all(dir);
}

TEST_CASE("batch: a line over the limit becomes an E407 record for that line and the batch goes on") {
  const std::string good = scenario_line("attribution_unknown");
  const Spawned result = spawn(with_rules({"batch", "-", "--max-line-bytes", "20000", "--jobs", "2", "--block", "2"}),
                               [&](int fd) {
                                 write_text(fd, good + "\n");
                                 write_repeated(fd, "x", 50000);
                                 write_text(fd, "\n" + good + "\r\n\n" + good + "\n");
                                 write_repeated(fd, "{", 30000);  // the last line, without "\n"
                               });
  const std::vector<std::string> records = lines_of(result.out);
  REQUIRE(records.size() == 7);  // six records, then the counts line
  for (std::size_t i = 0; i < 6; ++i) CHECK(records[i].rfind("{\"line\":" + std::to_string(i + 1) + ",", 0) == 0);
  CHECK(has(records[0], "\"ok\":true"));
  CHECK(has(records[1], "\"code\":\"E407\""));
  CHECK(has(records[1], "the document is 50000 bytes; at most 20000 are read"));
  CHECK(has(records[2], "\"ok\":true"));  // "\r\n" ends a line as "\n" does
  CHECK(has(records[3], "E400"));        // the empty line
  CHECK(has(records[4], "\"ok\":true"));
  CHECK(has(records[5], "the document is 30000 bytes; at most 20000 are read"));
  CHECK(records[6] == "6 scenarios: 3 evaluated, 3 rejected (2 threads)");
  CHECK(result.exit_code == 2);
}

TEST_CASE("batch: a 1 GiB line through a pipe costs the line limit, not its length") {
  const std::string good = scenario_line("attribution_unknown");
  const Spawned result = spawn(with_rules({"batch", "-"}), [&](int fd) {
    write_text(fd, good + "\n");
    write_repeated(fd, "a", std::uint64_t{1} << 30);
    write_text(fd, "\n" + good + "\n");
  });
  const std::vector<std::string> records = lines_of(result.out);
  REQUIRE(records.size() == 4);
  CHECK(has(records[0], "\"ok\":true"));
  CHECK(records[1].rfind("{\"line\":2,", 0) == 0);
  CHECK(has(records[1], "the document is 1073741824 bytes; at most 8388608 are read"));
  CHECK(has(records[2], "\"ok\":true"));
  CHECK(has(records[3], "3 scenarios: 2 evaluated, 1 rejected"));
  CHECK(result.exit_code == 2);
  CHECK(result.max_rss_kib < rss_limit_kib);
}

TEST_CASE("batch: an endless stream without a newline stops with a record, an error and a failing exit") {
  const std::string good = scenario_line("attribution_unknown");
  // Standard input that never ends (a feeder writing until the reader goes, as
  // `cat /dev/zero | cybernorms batch` would): 512 times the line limit, then stop.
  const Spawned result = spawn(with_rules({"batch", "-", "--max-line-bytes", "20000", "--jobs", "2"}), [&](int fd) {
    write_text(fd, good + "\n");
    while (write_repeated(fd, std::string(1, '\0'), 1 << 20)) {
    }
  });
  CAPTURE(result.out);
  const std::vector<std::string> records = lines_of(result.out);
  REQUIRE(records.size() == 4);  // two records, the error, the counts
  CHECK(has(records[0], "\"ok\":true"));
  CHECK(records[1].rfind("{\"line\":2,\"ok\":false", 0) == 0);
  CHECK(has(records[1], "the document is more than 20000 bytes; at most 20000 are read"));
  // The count is where the line passed 512 times the limit, at the end of a read.
  CHECK(records[2].rfind("error: reading standard input stopped after line 2: a line ran on for 10", 0) == 0);
  CHECK(has(records[2], " bytes without a newline (512 times --max-line-bytes): the input is not JSON Lines"));
  CHECK(records[3] == "2 scenarios: 1 evaluated, 1 rejected (2 threads)");
  CHECK(result.exit_code == 2);
  CHECK(result.max_rss_kib < rss_limit_kib);
}

TEST_CASE("batch holds a block by bytes as well as by lines; records come out the same, in order") {
  const std::string good = scenario_line("attribution_unknown");
  std::string input;
  for (int i = 0; i < 5; ++i) input += good + "\n";
  const auto run_with = [&](std::vector<std::string> options) {
    std::vector<std::string> arguments = with_rules({"batch", "-"});
    arguments.insert(arguments.end(), options.begin(), options.end());
    return spawn(arguments, [&](int fd) { write_text(fd, input); });
  };
  const Spawned by_bytes = run_with({"--block-bytes", "1", "--jobs", "1"});
  const Spawned by_lines = run_with({"--jobs", "1"});
  CHECK(by_bytes.exit_code == 0);
  CHECK(lines_of(by_bytes.out).size() == 6);
  CHECK(by_bytes.out == by_lines.out);
}
