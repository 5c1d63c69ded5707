// Every sample output in docs/ is what the real program prints. A sample is marked by an
// HTML comment naming the command line, right before its fenced block:
//
//   <!-- sample: eval scenarios/attribution_unknown.json -->
//   ```
//   ...exactly what `cybernorms eval scenarios/attribution_unknown.json` prints...
//   ```
//
// The command runs from the project's folder. `<!-- sample-head N: ... -->` compares only
// the first N lines of the output (for long outputs, the docs show their start).
// CYBERNORMS_UPDATE_DOCS=1 rewrites the blocks from the program's output instead.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace cybernorms::cli_test;

namespace {

struct Sample {
  std::string arguments;
  std::optional<std::size_t> head;  ///< only the first lines are shown
  std::size_t block_begin = 0;      ///< offset of the block's first line in the document
  std::size_t block_end = 0;        ///< offset of the closing fence
  std::string shown;
};

/// The samples of a document: each `<!-- sample: ARGS -->` or `<!-- sample-head N: ARGS -->`
/// line followed by a fenced block. Parsed by hand: std::regex draws a false
/// maybe-uninitialized warning from GCC 12 under the sanitizers, and warnings are errors.
std::vector<Sample> samples_of(const std::string& document) {
  const std::string open = "<!-- sample";
  std::vector<Sample> samples;
  for (std::size_t at = document.find(open); at != std::string::npos; at = document.find(open, at + 1)) {
    const std::size_t colon = document.find(": ", at);
    const std::size_t close = document.find(" -->\n```", at);
    if (colon == std::string::npos || close == std::string::npos || colon > close) continue;
    const std::string kind = document.substr(at + open.size(), colon - at - open.size());
    Sample sample;
    if (kind.starts_with("-head ")) {
      const std::string count = kind.substr(6);
      if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos) continue;
      sample.head = std::stoul(count);
    } else if (!kind.empty()) {
      continue;  // another kind of marker (e.g. `sample-head:` without a count, checked elsewhere)
    }
    sample.arguments = document.substr(colon + 2, close - colon - 2);
    const std::size_t fence_end = document.find('\n', close + 5);
    if (fence_end == std::string::npos) continue;
    sample.block_begin = fence_end + 1;
    sample.block_end = document.find("```\n", sample.block_begin);
    if (sample.block_end == std::string::npos) sample.block_end = document.size();
    sample.shown = document.substr(sample.block_begin, sample.block_end - sample.block_begin);
    samples.push_back(std::move(sample));
  }
  return samples;
}

std::string first_lines(const std::string& text, std::size_t count) {
  std::size_t end = 0;
  for (std::size_t line = 0; line < count && end != std::string::npos; ++line) {
    end = text.find('\n', end);
    if (end != std::string::npos) ++end;
  }
  return end == std::string::npos ? text : text.substr(0, end);
}

std::string output_of(const Sample& sample) {
  const Run run = run_command("cd " + project + " && COLUMNS=80 " + binary + " " + sample.arguments + " 2>&1");
  std::string out = sample.head ? first_lines(run.out, *sample.head) : run.out;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace

TEST_CASE("every sample output in docs/ is what the program prints") {
  const bool update = std::getenv("CYBERNORMS_UPDATE_DOCS") != nullptr;
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(project + "/docs")) {
    if (entry.path().extension() != ".md") continue;
    std::string document = read(entry.path());
    const auto samples = samples_of(document);
    // Back to front, so rewriting one block leaves the offsets of those before it valid.
    for (auto sample = samples.rbegin(); sample != samples.rend(); ++sample) {
      const std::string printed = output_of(*sample);
      ++checked;
      if (update) {
        document.replace(sample->block_begin, sample->block_end - sample->block_begin, printed);
        continue;
      }
      INFO(entry.path().filename().string() << ": cybernorms " << sample->arguments);
      CHECK(sample->shown == printed);
    }
    if (update) write(entry.path(), document);
  }
  CHECK(checked >= 3);
}

TEST_CASE("a sample marker finds its block, and a head marker its first lines") {
  const std::string document =
      "text\n<!-- sample: --version -->\n```\n0.1.0\n```\nmore\n<!-- sample-head 2: eval x.json -->\n```text\na\nb\n```\n";
  const auto samples = samples_of(document);
  REQUIRE(samples.size() == 2);
  CHECK(samples[0].arguments == "--version");
  CHECK(samples[0].shown == "0.1.0\n");
  CHECK_FALSE(samples[0].head.has_value());
  CHECK(samples[1].arguments == "eval x.json");
  CHECK(samples[1].head == 2u);
  CHECK(samples[1].shown == "a\nb\n");
  CHECK(first_lines("1\n2\n3\n", 2) == "1\n2\n");
}
