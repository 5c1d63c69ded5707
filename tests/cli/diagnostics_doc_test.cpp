// Every diagnostic shown in docs/diagnostics.md (and docs/scenario-format.md) for the checks, the scenario reader and
// plain facts files (E2xx, E3xx, W0xx, E4xx) is what the program prints for the input
// shown above it: the input block is written to a fresh folder as the file the
// diagnostic names (a.cnr, s.json, f.json, exercises/x.json, answer.json), `cybernorms
// check a.cnr`, `eval s.json`, `eval --rules rules f.json`, `grade exercises/x.json
// --model-answer` or `grade` of answer.json to a bundled exercise runs there, and the diagnostic block must appear in its
// output as shown, caret and notes included; a goal (`--why-not`) or an assumption
// (`--assume`) shown under its caret is typed again against a bundled scenario. The E1xx
// samples are checked by tests/dsl/docs_test.cpp.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <unistd.h>

using namespace cybernorms::cli_test;
namespace fs = std::filesystem;

namespace {

struct Block {
  std::string section;  ///< the `### ` heading it is under
  std::string text;
};

/// The fenced blocks of a document, each with the heading it is under.
std::vector<Block> blocks_of(const std::string& document) {
  std::vector<Block> blocks;
  std::string section;
  std::size_t at = 0;
  while (at < document.size()) {
    std::size_t end = document.find('\n', at);
    if (end == std::string::npos) end = document.size();
    const std::string line = document.substr(at, end - at);
    if (line.starts_with("### ")) section = line.substr(4);
    if (line.starts_with("```")) {
      const std::size_t body = end + 1;
      const std::size_t close = document.find("\n```", end);
      if (close == std::string::npos) break;
      blocks.push_back({section, document.substr(body, close + 1 - body)});
      at = document.find('\n', close + 1);
      if (at == std::string::npos) break;
      ++at;
      continue;
    }
    at = end + 1;
  }
  return blocks;
}

/// What a sample needs beside its input file, by the code its section is about.
struct Setup {
  std::vector<std::string> folders;                  ///< made beside the input
  std::map<std::string, std::string> files;         ///< name -> content
  std::string arguments;                             ///< added to the command line
};

std::map<std::string, Setup> setups() {
  const std::string document = "The Concept\nNo state shall interfere in the internal affairs of another.\n";
  return {
      {"E223", Setup{{"include"}, {}, ""}},
      {"E230", Setup{{}, {{"doc.txt", document}}, "--sources ."}},
      {"E231", Setup{{}, {{"doc.txt", document}}, "--sources ."}},
  };
}

}  // namespace

TEST_CASE("every check and scenario diagnostic in docs/diagnostics.md (and scenario-format.md) is what the program prints") {
  std::vector<Block> blocks = blocks_of(read(project + "/docs/diagnostics.md"));
  for (Block& block : blocks_of(read(project + "/docs/scenario-format.md"))) {
    block.section = "scenario-format.md: " + block.section;
    blocks.push_back(std::move(block));
  }
  const auto needs = setups();
  const fs::path root = fs::temp_directory_path() / ("cybernorms-diagnostics-doc-" + std::to_string(::getpid()));
  std::size_t checked = 0;
  std::size_t scenario_samples = 0;
  std::size_t grade_samples = 0;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    const Block& shown = blocks[i];
    const Block& input = blocks[i - 1];
    const bool rules = shown.text.starts_with("a.cnr:");
    const bool scenario = shown.text.starts_with("s.json:");
    const bool facts = shown.text.starts_with("f.json:");
    const bool exercise = shown.text.starts_with("exercises/x.json:");
    const bool answer = shown.text.starts_with("answer.json:");
    if ((!rules && !scenario && !facts && !exercise && !answer) || input.section != shown.section ||
        shown.section.starts_with("E1"))
      continue;
    CAPTURE(shown.section);
    const fs::path folder = root / std::to_string(i);
    fs::create_directories(folder);
    if (exercise) {
      // An exercise file, whose scenario is found beside the folder it is in.
      fs::create_directories(folder / "exercises");
      fs::create_directory_symlink(fs::path(project) / "scenarios", folder / "scenarios");
    }
    std::ofstream(folder / (rules      ? "a.cnr"
                            : scenario ? "s.json"
                            : facts    ? "f.json"
                            : exercise ? "exercises/x.json"
                                       : "answer.json"),
                  std::ios::binary)
        << input.text;
    std::string arguments;
    if (const auto need = needs.find(shown.section.substr(0, 4)); need != needs.end()) {
      for (const std::string& made : need->second.folders) fs::create_directories(folder / made);
      for (const auto& [name, content] : need->second.files) std::ofstream(folder / name, std::ios::binary) << content;
      arguments = need->second.arguments;
    }
    const std::string command =
        rules      ? "check a.cnr " + arguments
        : scenario ? "eval s.json " + arguments
        : facts    ? "eval --rules '" + project + "/rules' f.json " + arguments
        : exercise ? "grade --rules '" + project + "/rules' exercises/x.json --model-answer"
                   : "grade --rules '" + project + "/rules' '" + project +
                       "/exercises/10-trade-ministry-attribution-unknown.json' answer.json";
    const Run run = run_command("cd '" + folder.string() + "' && COLUMNS=80 " + binary + " " + command);
    CHECK_MESSAGE(run.out.find(shown.text) != std::string::npos, "cybernorms " << command << " printed:\n" << run.out);
    ++checked;
    scenario_samples += scenario || facts;
    grade_samples += exercise || answer;
  }
  // A goal or an assumption typed on the command line: the diagnostic shows it under its
  // caret, so the sample is its own input, run against a bundled scenario.
  for (const Block& shown : blocks) {
    for (const std::string option : {"--why-not", "--assume"}) {
      if (!shown.text.starts_with(option + ":1:")) continue;
      CAPTURE(shown.section);
      const std::size_t bar = shown.text.find("\n    1 | ");
      REQUIRE(bar != std::string::npos);
      const std::size_t begin = bar + 9;
      const std::string typed = shown.text.substr(begin, shown.text.find('\n', begin) - begin);
      const std::string command = "eval scenarios/attribution_unknown.json " + option + " '" + typed + "'";
      const Run run = run_command("cd '" + project + "' && COLUMNS=80 " + binary + " " + command);
      CHECK_MESSAGE(run.out.find(shown.text) != std::string::npos, "cybernorms " << command << " printed:\n" << run.out);
      ++checked;
    }
  }
  fs::remove_all(root);
  MESSAGE(checked << " diagnostics checked, " << scenario_samples << " of them of scenarios and facts files");
  CHECK(checked >= 35);
  CHECK(scenario_samples >= 5);
  CHECK(grade_samples >= 2);
}
