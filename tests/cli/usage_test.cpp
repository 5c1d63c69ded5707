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
  CHECK(unknown.out == "error: unknown command 'frobnicate' (commands: check, eval, batch, schema, profiles, rules, whatif, test, grade, serve)\n");
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

TEST_CASE("- is standard input for eval and batch, and check says why it takes paths only") {
  const std::string scenario = project + "/scenarios/estonia_2007.json";
  const Run eval = run_command("cat " + scenario + " | " + binary + " eval - --format terse");
  CHECK(eval.exit_code == 0);
  CHECK(eval.out.find("operation=ddos_2007") != std::string::npos);
  const std::string line = scenario_line("estonia_2007.json");
  write(scratch("dash") / "one.jsonl", line + "\n");
  const std::string jsonl = (std::filesystem::temp_directory_path() / "cybernorms_cli_test_dash" / "one.jsonl").string();
  const Run dash = run_command("cat " + jsonl + " | " + binary + " batch - 2>/dev/null");
  const Run none = run_command("cat " + jsonl + " | " + binary + " batch 2>/dev/null");
  const Run named = run("batch " + jsonl + " 2>/dev/null");
  CHECK(dash.exit_code == 0);
  CHECK(dash.out.rfind("{\"line\":1,\"ok\":true,\"scenario\":\"estonia_2007\"", 0) == 0);
  CHECK(dash.out == none.out);
  CHECK(dash.out == named.out);
  // Redirected, not piped: check does not read standard input, and cat would meet a closed pipe.
  const Run check = run("check - < " + project + "/rules/vocabulary.cnr");
  CHECK(check.exit_code == 2);
  CHECK(check.out == "error: check reads rule files and folders by path, not standard input (-): a rule file's "
                     "includes are found beside it\n");
}
