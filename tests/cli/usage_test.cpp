// The command line's own words: --version, and a misspelt command or option named with
// the closest known one.
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

TEST_CASE("a misspelt subcommand is named with the closest one, exit 2") {
  const Run misspelt = run("evl " + project + "/scenarios/estonia_2007.json");
  CHECK(misspelt.exit_code == 2);
  CHECK(misspelt.out == "error: unknown command 'evl'; did you mean 'eval'?\n");
  CHECK(run("bacth").out == "error: unknown command 'bacth'; did you mean 'batch'?\n");
  CHECK(run("profile").out == "error: unknown command 'profile'; did you mean 'profiles'?\n");
  const Run unknown = run("frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.out == "error: unknown command 'frobnicate' (commands: check, eval, batch, schema, profiles)\n");
}

TEST_CASE("a misspelt option is named with the closest option of its subcommand, exit 2") {
  const Run batch = run("batch --profle default < /dev/null");
  CHECK(batch.exit_code == 2);
  CHECK(batch.out == "error: unknown option '--profle' for batch; did you mean '--profile'?\n");
  const Run with_value = run("batch --frist-line=3 < /dev/null");
  CHECK(with_value.out == "error: unknown option '--frist-line' for batch; did you mean '--first-line'?\n");
  const Run eval = run("eval " + project + "/scenarios/estonia_2007.json --explian full");
  CHECK(eval.exit_code == 2);
  CHECK(eval.out == "error: unknown option '--explian' for eval; did you mean '--explain'?\n");
  // An option of another subcommand is not offered: --werror is check's.
  const Run elsewhere = run("eval " + project + "/scenarios/estonia_2007.json --werror");
  CHECK(elsewhere.exit_code == 2);
  CHECK(elsewhere.out == "error: unknown option '--werror' for eval (see 'cybernorms eval --help')\n");
  CHECK(run("check --sorces x").out == "error: unknown option '--sorces' for check; did you mean '--sources'?\n");
  CHECK(run("--verison").out == "error: unknown option '--verison'; did you mean '--version'?\n");
  // A one-letter option is one edit from any other: no guess.
  CHECK(run("batch -x < /dev/null").out == "error: unknown option '-x' for batch (see 'cybernorms batch --help')\n");
  // Other parse errors keep CLI11's words, and exit 2.
  const Run missing = run("eval");
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.find("inputs is required") != std::string::npos);
}
