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
// `<!-- sample-shell: CMD -->` runs a shell command line instead, with `cybernorms` on
// the PATH (a pipeline into a script, as docs/batch.md shows a consumer of records), and
// `<!-- file: PATH -->` shows a file of the project as it is. README.md is checked too.
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

enum class SampleKind { program, shell, file };

struct Sample {
  SampleKind kind = SampleKind::program;
  std::string arguments;
  std::optional<std::size_t> head;  ///< only the first lines are shown
  std::size_t block_begin = 0;      ///< offset of the block's first line in the document
  std::size_t block_end = 0;        ///< offset of the closing fence
  std::string shown;
};

/// The samples of a document: each `<!-- sample: ARGS -->`, `<!-- sample-head N: ARGS -->`,
/// `<!-- sample-shell: CMD -->` or `<!-- file: PATH -->` line followed by a fenced block.
/// Parsed by hand: std::regex draws a false maybe-uninitialized warning from GCC 12 under
/// the sanitizers, and warnings are errors.
std::vector<Sample> samples_of(const std::string& document) {
  const std::string open = "<!-- ";
  std::vector<Sample> samples;
  for (std::size_t at = document.find(open); at != std::string::npos; at = document.find(open, at + 1)) {
    const std::size_t colon = document.find(": ", at);
    const std::size_t close = document.find(" -->\n```", at);
    if (colon == std::string::npos || close == std::string::npos || colon > close) continue;
    const std::string marker = document.substr(at + open.size(), colon - at - open.size());
    if (!marker.starts_with("sample") && marker != "file") continue;
    const std::string kind = marker.starts_with("sample") ? marker.substr(6) : std::string();
    Sample sample;
    if (marker == "file") {
      sample.kind = SampleKind::file;
    } else if (kind == "-shell") {
      sample.kind = SampleKind::shell;
    } else if (kind.starts_with("-head ")) {
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
  if (sample.kind == SampleKind::file) return read(project + "/" + sample.arguments);
  const std::string folder = std::filesystem::path(binary).parent_path().string();
  const std::string command =
      sample.kind == SampleKind::shell
          ? "cd " + project + " && export PATH=\"" + folder + ":$PATH\" COLUMNS=80 && { " + sample.arguments + "; } 2>&1"
          : "cd " + project + " && COLUMNS=80 " + binary + " " + sample.arguments + " 2>&1";
  const Run run = run_command(command);
  std::string out = sample.head ? first_lines(run.out, *sample.head) : run.out;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace

TEST_CASE("every sample output in docs/ is what the program prints") {
  const bool update = std::getenv("CYBERNORMS_UPDATE_DOCS") != nullptr;
  std::size_t checked = 0;
  std::vector<std::filesystem::path> documents{project + "/README.md"};
  for (const auto& entry : std::filesystem::directory_iterator(project + "/docs"))
    if (entry.path().extension() == ".md") documents.push_back(entry.path());
  for (const std::filesystem::path& path : documents) {
    std::string document = read(path);
    const auto samples = samples_of(document);
    // Back to front, so rewriting one block leaves the offsets of those before it valid.
    for (auto sample = samples.rbegin(); sample != samples.rend(); ++sample) {
      const std::string printed = output_of(*sample);
      ++checked;
      if (update) {
        document.replace(sample->block_begin, sample->block_end - sample->block_begin, printed);
        continue;
      }
      INFO(path.filename().string() << ": " << sample->arguments);
      CHECK(sample->shown == printed);
    }
    if (update) write(path, document);
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
  const auto others = samples_of("<!-- sample-shell: a | b -->\n```\nx\n```\n<!-- file: f.py -->\n```python\ny\n```\n"
                                 "<!-- note: not a sample -->\n```\nz\n```\n");
  REQUIRE(others.size() == 2);
  CHECK(others[0].kind == SampleKind::shell);
  CHECK(others[0].arguments == "a | b");
  CHECK(others[1].kind == SampleKind::file);
  CHECK(others[1].shown == "y\n");
}
