// Sample outputs in the documentation (docs/scenario-format.md, README.md) come from the real program: a fenced block right
// after a line `<!-- sample: ARGS -->` must be what `cybernorms ARGS`, run in the
// project's folder, prints. A line `...` in the block stands for lines left out; each
// part between such lines must appear in the output as written.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace cybernorms::cli_test;

namespace {

struct Sample {
  std::string arguments;
  std::vector<std::string> parts;  ///< the block, cut at its `...` lines
  int line = 0;                    ///< of the marker, for the message
};

std::vector<Sample> samples_in(const std::string& markdown) {
  std::vector<Sample> samples;
  std::istringstream lines(markdown);
  const std::string marker = "<!-- sample: ";
  std::optional<Sample> pending;
  bool inside = false;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (!inside && line.starts_with(marker) && line.ends_with(" -->")) {
      pending = Sample{line.substr(marker.size(), line.size() - marker.size() - 4), {""}, number};
    } else if (line.starts_with("```")) {
      inside = !inside;
      if (!inside && pending) {
        samples.push_back(std::move(*pending));
        pending.reset();
      }
    } else if (inside && pending) {
      if (line == "...") pending->parts.emplace_back();
      else pending->parts.back() += line + "\n";
    } else if (!inside && !line.empty()) {
      pending.reset();  // a marker belongs to the block right after it
    }
  }
  return samples;
}

}  // namespace

TEST_CASE("every sample output marked in the documentation is what the program prints") {
  std::size_t count = 0;
  for (const std::string document : {"docs/scenario-format.md", "README.md"}) {
    const std::vector<Sample> samples = samples_in(read(project + "/" + document));
    count += samples.size();
    for (const Sample& sample : samples) {
      const Run result = run_command("cd " + project + " && " + binary + " " + sample.arguments);
      INFO(document, ":", sample.line, ": cybernorms ", sample.arguments, "\n", result.out);
      for (const std::string& part : sample.parts) CHECK(result.out.find(part) != std::string::npos);
    }
  }
  CHECK(count >= 6);
}
