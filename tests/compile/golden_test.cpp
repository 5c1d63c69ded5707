// Golden rule files: each tests/golden/*.cnr states in `# expect:` comments exactly the
// diagnostics checking it must give, in order.
#include "compile_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace cybernorms;

namespace {

const fs::path golden_dir = fs::path(CYBERNORMS_SOURCE_DIR) / "tests" / "golden";

std::vector<std::string> expectations(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  const std::string marker = "# expect: ";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(marker, 0) == 0) out.push_back(line.substr(marker.size()));
  }
  return out;
}

std::vector<fs::path> golden_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(golden_dir)) {
    if (entry.path().extension() == ".cnr") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("each golden rule file gives exactly the diagnostics its comments expect") {
  const auto files = golden_files();
  REQUIRE(files.size() >= 30);
  for (const fs::path& file : files) {
    base::SourceSet sources;
    base::Diagnostics diagnostics;
    compile::check_paths({file}, compile::CheckOptions{golden_dir / "sources"}, sources, diagnostics);
    const auto expected = expectations(file);
    CAPTURE(file.filename().string());
    CHECK_FALSE(expected.empty());
    CHECK(joined(testing::lines(diagnostics, base::Severity::note, &sources)) == joined(expected));
  }
}

TEST_CASE("every diagnostic code the checks use has a golden file") {
  std::string all;
  for (const fs::path& file : golden_files()) all += joined(expectations(file));
  for (const char* code : {"E201", "E202", "E203", "E204", "E205", "E206", "E207", "E208", "E209", "E210", "E211",
                           "E212", "E213", "E214", "E215", "E216", "E217", "E218", "E219", "E220", "E221", "E230", "E231",
                           "E240", "E241", "E242", "E243", "E244", "E245", "E247",
                           "E301", "E302", "E303", "E304", "E305", "W001", "W002", "W003", "W004", "W005", "N001"}) {
    CAPTURE(code);
    CHECK(all.find(fmt::format("[{}]", code)) != std::string::npos);
  }
}

TEST_CASE("checking the whole golden folder at once renders the same bytes on every run") {
  const auto render = [] {
    base::SourceSet sources;
    base::Diagnostics diagnostics(10000);
    compile::check_paths({golden_dir}, compile::CheckOptions{golden_dir / "sources"}, sources, diagnostics);
    return base::render_text(diagnostics, sources);
  };
  const std::string first = render();
  CHECK(first.find("error[E208]") != std::string::npos);  // every file declares the same names
  CHECK(first == render());
}
