// Running the cybernorms binary as a user does, for the command-line tests: through the
// shell, with its exit code and what it printed.
#pragma once
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace cybernorms::cli_test {

inline const std::string binary = CYBERNORMS_BINARY;
inline const std::string project = CYBERNORMS_SOURCE_DIR;

struct Run {
  int exit_code = -1;
  std::string out;  ///< standard output, and standard error unless the command redirects it
};

/// Runs a shell command; its standard error goes with its standard output unless the
/// command redirects it itself.
inline Run run_command(const std::string& shell_command) {
  const std::string command = "{ " + shell_command + "; } 2>&1";
  Run result;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  while (const std::size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.out.append(buffer.data(), read);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

/// Runs the binary with arguments (already shell-quoted where needed).
inline Run run(const std::string& arguments) { return run_command(binary + " " + arguments); }

/// A scratch folder under the temporary folder, emptied first.
inline std::filesystem::path scratch(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("cybernorms_cli_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

/// The lines of `text`, without their newlines (a last line without one is left out).
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

/// A bundled scenario on one line, for JSON Lines.
inline std::string scenario_line(const std::string& name) {
  std::string text = read(project + "/scenarios/" + name);
  for (char& c : text) c = c == '\n' || c == '\r' ? ' ' : c;
  return text;
}

}  // namespace cybernorms::cli_test
