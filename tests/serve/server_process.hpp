// `cybernorms serve --port 0` as a child process, for the server's tests: started with
// its standard output on a pipe, from which the "listening on" line gives the port.
#pragma once
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace cybernorms::serve_test {

inline const std::string binary = CYBERNORMS_BINARY;
inline const std::string project = CYBERNORMS_SOURCE_DIR;

class ServerProcess {
 public:
  /// Starts `cybernorms serve --port 0 ARGS...` and waits (up to 30 s) for its line.
  explicit ServerProcess(std::vector<std::string> args = {}) {
    // A server closing a connection the client still writes to must not end the test.
    std::signal(SIGPIPE, SIG_IGN);
    int out[2];
    REQUIRE(pipe(out) == 0);
    std::vector<std::string> argv{binary, "serve", "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives the test
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> pointers;
      for (std::string& arg : argv) pointers.push_back(arg.data());
      pointers.push_back(nullptr);
      execv(binary.c_str(), pointers.data());
      _exit(127);
    }
    close(out[1]);
    out_ = out[0];
    line_ = read_line(std::chrono::seconds(30));
    const std::string prefix = "cybernorms serve: listening on http://127.0.0.1:";
    if (line_.starts_with(prefix)) port_ = std::stoi(line_.substr(prefix.size()));
  }

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  ~ServerProcess() {
    if (pid_ > 0 && !exit_code_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) close(out_);
  }

  /// The first line it printed ("cybernorms serve: listening on http://127.0.0.1:PORT/").
  const std::string& line() const { return line_; }
  int port() const { return port_; }

  /// Sends `signal` and waits up to `limit` for the exit: its code, nullopt if still running.
  std::optional<int> stop(int signal, std::chrono::milliseconds limit) {
    kill(pid_, signal);
    return wait_exit(limit);
  }

  /// Waits up to `limit` for the process to exit: its exit code (128 + signal when killed).
  std::optional<int> wait_exit(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_code_;
      }
      usleep(10'000);
    }
    return std::nullopt;
  }

 private:
  std::string read_line(std::chrono::seconds limit) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd descriptor{out_, POLLIN, 0};
      if (poll(&descriptor, 1, 100) <= 0) continue;
      char c = 0;
      if (read(out_, &c, 1) != 1) break;
      if (c == '\n') break;
      line += c;
    }
    return line;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
  std::string line_;
  std::optional<int> exit_code_;
};

}  // namespace cybernorms::serve_test
