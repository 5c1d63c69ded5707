// `cybernorms test`: scenarios against their expected findings, as a rule author runs it.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace cybernorms::cli_test;
namespace fs = std::filesystem;

namespace {

/// A folder with three bundled scenarios and their expected findings, and one scenario
/// without any.
fs::path sample_folder(const std::string& name) {
  const fs::path dir = scratch(name);
  for (const char* scenario : {"attribution_unknown", "consent_given", "server_location_unknown"}) {
    fs::copy_file(project + "/scenarios/" + scenario + ".json", dir / (std::string(scenario) + ".json"));
    fs::copy_file(project + "/scenarios/" + scenario + ".expected.txt", dir / (std::string(scenario) + ".expected.txt"));
  }
  fs::copy_file(project + "/scenarios/nothing_implicated.json", dir / "no_expected.json");
  return dir;
}

std::string rules() { return "--rules " + project + "/rules"; }

/// Replaces the first occurrence of `from` in the file at `path` by `to`.
void edit(const fs::path& path, const std::string& from, const std::string& to) {
  std::string text = read(path);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write(path, text);
}

}  // namespace

TEST_CASE("test passes the bundled scenarios, each against its expected findings") {
  const Run run_all = run("test " + rules() + " " + project + "/scenarios");
  CHECK(run_all.exit_code == 0);
  CHECK(run_all.out.find(" passed, 0 failed") != std::string::npos);
  CHECK(run_all.out.find("FAIL") == std::string::npos);
}

TEST_CASE("a changed expected file fails with a readable difference, and --update writes it anew") {
  const fs::path dir = sample_folder("test_update");
  const fs::path expected = dir / "consent_given.expected.txt";
  const std::string original = read(expected);
  // consent_given: the operation was consented to; expect a finding it does not give.
  write(expected, original + "\n[tallinn_majority]\nnon_infringement responsible=arland injured=borania "
                             "operation=workshop_strike implicated\n");
  const std::string written = read(expected);
  const Run failed = run("test " + rules() + " " + dir.string());
  CHECK(failed.exit_code == 1);
  CHECK(failed.out.find("FAIL " + (dir / "consent_given.json").string()) != std::string::npos);
  CHECK(failed.out.find("  [tallinn_majority]\n    - non_infringement responsible=arland injured=borania "
                        "operation=workshop_strike: expected implicated, not found\n") != std::string::npos);
  CHECK(failed.out.find("2 passed, 1 failed, 1 without expected findings") != std::string::npos);
  CHECK(read(expected) == written);  // not touched without --update

  const Run updated = run("test --update " + rules() + " " + dir.string());
  CHECK(updated.exit_code == 0);
  CHECK(updated.out.find("updated " + expected.string() + " (1 difference)") != std::string::npos);
  CHECK(updated.out.find("2 passed, 0 failed, 1 updated") != std::string::npos);
  const Run again = run("test " + rules() + " " + dir.string());
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("3 passed, 0 failed") != std::string::npos);
  CHECK(read(expected).find("[tallinn_majority]\n") != std::string::npos);  // the profile stays listed
}

TEST_CASE("a level that differs is named with both levels; a finding not expected is named as found") {
  const fs::path dir = sample_folder("test_levels");
  const fs::path expected = dir / "attribution_unknown.expected.txt";
  const std::string text = read(expected);
  const auto line_end = text.find(" possible\n");
  REQUIRE(line_end != std::string::npos);
  const auto line_start = text.rfind('\n', line_end) + 1;
  const std::string finding = text.substr(line_start, line_end - line_start);
  edit(expected, finding + " possible\n", "");  // the finding now unexpected
  const Run unexpected = run("test " + rules() + " " + expected.parent_path().string() + "/attribution_unknown.json");
  CHECK(unexpected.exit_code == 1);
  CHECK(unexpected.out.find("    + " + finding + ": found possible, not expected\n") != std::string::npos);

  write(expected, text);
  edit(expected, finding + " possible\n", finding + " implicated\n");
  const Run changed = run("test " + rules() + " " + (dir / "attribution_unknown.json").string());
  CHECK(changed.exit_code == 1);
  CHECK(changed.out.find("    ~ " + finding + ": expected implicated, found possible\n") != std::string::npos);
}

TEST_CASE("a malformed expected file is a located error, and the other scenarios are still tested") {
  const fs::path dir = sample_folder("test_malformed");
  const fs::path expected = dir / "consent_given.expected.txt";
  write(expected, "[default]\nnon_infringement responsible=arland maybe\n");
  const Run run_all = run("test " + rules() + " " + dir.string());
  CHECK(run_all.exit_code == 1);
  CHECK(run_all.out.find(expected.string() + ":2:") != std::string::npos);
  CHECK(run_all.out.find("error[E409]") != std::string::npos);
  CHECK(run_all.out.find("2 passed, 1 failed") != std::string::npos);
}

TEST_CASE("test refuses a folder with no expected findings, a missing path and standard input") {
  const fs::path dir = scratch("test_empty");
  write(dir / "lonely.json", read(project + "/scenarios/nothing_implicated.json"));
  const Run empty = run("test " + rules() + " " + dir.string());
  CHECK(empty.exit_code == 2);
  CHECK(empty.out.find("no scenario with expected findings") != std::string::npos);
  CHECK(run("test " + rules() + " " + (dir / "missing").string()).exit_code == 2);
  CHECK(run("test " + rules() + " -").exit_code == 2);
}
