// The command line's own words: --version.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cybernorms::cli_test;

TEST_CASE("--version prints the project's version and exits 0") {
  const Run version = run("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out == std::string("cybernorms ") + CYBERNORMS_VERSION + "\n");
  CHECK(version.out.rfind("cybernorms 0.", 0) == 0);
  CHECK(run("--help").out.find("--version") != std::string::npos);
}
