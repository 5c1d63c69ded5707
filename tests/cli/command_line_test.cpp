// The command line as a user meets it: exit codes, where messages go, what they say.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace cybernorms::cli_test;

TEST_CASE("check exits 0 on the project's rule base") {
  const Run result = run("check " + project + "/rules");
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("0 errors") != std::string::npos);
}

TEST_CASE("check points at a misspelt relation with line, column, caret and a suggestion") {
  const fs::path dir = scratch("misspelt");
  write(dir / "vocabulary.cnr", "entity state from states \"A state.\"\n"
                                "relation targets(op: state) \"{op} is targeted\" from states\n");
  write(dir / "rules.cnr", "relation hit(op: state) \"{op} was hit\"\n"
                           "rule hit.any {\n"
                           "  conclude hit(Op)\n"
                           "  when targts(Op)\n"
                           "  because \"{Op} was targeted\"\n"
                           "}\n");
  const Run result = run("check " + dir.string());
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("rules.cnr:4:8: error[E201]: unknown relation 'targts'") != std::string::npos);
  CHECK(result.out.find("    4 |   when targts(Op)\n      |        ^~~~~~") != std::string::npos);
  CHECK(result.out.find("did you mean 'targets'?") != std::string::npos);
}

TEST_CASE("check --format json reports the same problem for editors") {
  const fs::path dir = scratch("json");
  write(dir / "bad.cnr", "rule x {\n  conclude\n}\n");
  const Run result = run("check " + dir.string() + " --format json");
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("\"code\":\"E1") != std::string::npos);
  CHECK(result.out.find("\"line\":3") != std::string::npos);
}

TEST_CASE("check --werror fails on warnings alone") {
  const fs::path dir = scratch("werror");
  write(dir / "unused.cnr", "entity state from states \"A state.\"\n"
                            "relation unused(s: state) \"{s} is unused\" from states\n");
  CHECK(run("check " + dir.string()).exit_code == 0);
  CHECK(run("check " + dir.string() + " --werror").exit_code == 1);
}

TEST_CASE("usage errors exit 2 with a message") {
  CHECK(run("").exit_code == 2);
  CHECK(run("frobnicate").exit_code == 2);
  const Run bad_format = run("eval " + project + "/scenarios/estonia_2007.json --format yaml");
  CHECK(bad_format.exit_code == 2);
  const Run bad_profile = run("eval " + project + "/scenarios/estonia_2007.json --profile atlantis");
  CHECK(bad_profile.exit_code == 2);
  CHECK(bad_profile.out.find("no profile named 'atlantis'") != std::string::npos);
  CHECK(run("eval /no/such/file.json").exit_code == 2);
}

TEST_CASE("one bad scenario is reported with its pointer and the others are still evaluated") {
  const fs::path dir = scratch("batch");
  fs::copy_file(project + "/scenarios/estonia_2007.json", dir / "a_good.json");
  write(dir / "b_bad.json", "{\"id\": \"bad\", \"operations\": [{\"id\": \"op\", \"actor\": \"nobody\"}]}");
  write(dir / "c_garbage.json", "\x01\xff not json");
  const Run result = run("eval " + dir.string() + " --summary");
  CHECK(result.exit_code == 2);
  CHECK(result.out.find("b_bad.json:/operations/0/actor") != std::string::npos);
  CHECK(result.out.find("c_garbage.json") != std::string::npos);
  CHECK(result.out.find("estonia_2007") != std::string::npos);
}

TEST_CASE("eval prints findings with hinges, citations and why-not in every format") {
  const std::string scenario = project + "/scenarios/attribution_unknown.json";
  const Run text = run("eval " + scenario + " --color never");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("[possible] non_infringement") != std::string::npos);
  CHECK(text.out.find("implicated if:") != std::string::npos);
  CHECK(text.out.find("attribution: Is the conduct of") != std::string::npos);
  CHECK(text.out.find("why not:") != std::string::npos);
  CHECK(text.out.find('\x1b') == std::string::npos);
  const Run json = run("eval " + scenario + " --format json");
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"level\":\"possible\"") != std::string::npos);
  const Run markdown = run("eval " + scenario + " --format markdown --explain full");
  CHECK(markdown.exit_code == 0);
  CHECK(markdown.out.find("non_infringement") != std::string::npos);
}

TEST_CASE("eval --compare-profiles shows where the profiles disagree") {
  const std::string scenario = project + "/scenarios/penetration_no_effects.json";
  const Run text = run("eval " + scenario + " --compare-profiles");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("france") != std::string::npos);
  CHECK(text.out.find("* the profiles disagree on this row") != std::string::npos);
  const Run json = run("eval " + scenario + " --compare-profiles --format json");
  CHECK(json.exit_code == 0);
  CHECK(json.out.find("\"france\":\"implicated\"") != std::string::npos);
  CHECK(json.out.find("\"united_kingdom\":\"not_implicated\"") != std::string::npos);
  CHECK(json.out.find("\"agree\":false") != std::string::npos);
}

TEST_CASE("eval on a plain facts file shows established and possible facts and a why-not") {
  const Run result = run("eval --rules " + project + "/examples/facts/rules " + project +
                         "/examples/facts/facts.json --why-not 'non_interference(_, _, _)'");
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("established") != std::string::npos);
  CHECK(result.out.find("possible") != std::string::npos);
}

TEST_CASE("schema and profiles describe the rule base") {
  const Run schema = run("schema --rules " + project + "/rules");
  CHECK(schema.exit_code == 0);
  CHECK(schema.out.find("\"$schema\"") != std::string::npos);
  CHECK(schema.out.find("\"operations\"") != std::string::npos);
  const Run profiles = run("profiles --rules " + project + "/rules");
  CHECK(profiles.exit_code == 0);
  CHECK(profiles.out.find("tallinn_majority") != std::string::npos);
  CHECK(profiles.out.find("breach_threshold") != std::string::npos);
}

TEST_CASE("batch writes one record per input line, in order, and a bad line does not lose the others") {
  const fs::path dir = scratch("jsonl");
  std::ifstream good_file(project + "/scenarios/attribution_unknown.json");
  std::string good((std::istreambuf_iterator<char>(good_file)), std::istreambuf_iterator<char>());
  for (char& c : good) {
    if (c == '\n') c = ' ';
  }
  std::string input;
  for (int i = 0; i < 7; ++i) input += (i == 3 ? std::string("{\"id\": 3}") : i == 5 ? std::string("") : good) + "\n";
  write(dir / "in.jsonl", input);
  const Run result = run("batch " + (dir / "in.jsonl").string() + " --jobs 2 --block 2");
  CHECK(result.exit_code == 2);
  std::vector<std::string> records;
  std::size_t start = 0;
  for (std::size_t end; (end = result.out.find('\n', start)) != std::string::npos; start = end + 1) {
    records.push_back(result.out.substr(start, end - start));
  }
  REQUIRE(records.size() == 8);  // seven records, then the counts line
  for (std::size_t i = 0; i < 7; ++i) {
    INFO("record ", i + 1, ": ", records[i].substr(0, 120));
    CHECK(records[i].rfind("{\"line\":" + std::to_string(i + 1) + ",", 0) == 0);
    const bool should_fail = i == 3 || i == 5;
    CHECK((records[i].find("\"ok\":false") != std::string::npos) == should_fail);
  }
  CHECK(records[3].find("\"pointer\":\"/id\"") != std::string::npos);
  CHECK(records[7] == "7 scenarios: 5 evaluated, 2 rejected (2 threads)");
}

TEST_CASE("eval and batch take a hinge budget, and say which findings it cut short") {
  const fs::path dir = scratch("hinge_budget");
  std::string operations;
  for (int i = 0; i < 20; ++i) operations += (i ? ", " : "") + std::string("{\"id\": \"op") + std::to_string(i) + "\"}";
  const std::string scenario = "{\"id\": \"all_unknown\", \"states\": [{\"id\": \"s0\"}, {\"id\": \"s1\"}], "
                               "\"actors\": [{\"id\": \"group\"}], \"assets\": [{\"id\": \"network\"}], "
                               "\"operations\": [" + operations + "]}";
  write(dir / "all_unknown.json", scenario);
  write(dir / "all_unknown.jsonl", scenario + "\n");
  const std::string input = (dir / "all_unknown.json").string();
  const Run text = run("eval " + input + " --hinge-budget 1000 --color never");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("the search for what this hinges on stopped at its work budget") != std::string::npos);
  const Run json = run("eval " + input + " --hinge-budget 1000 --format json");
  CHECK(json.out.find("\"hinge_limit\":\"work_budget\"") != std::string::npos);
  const Run ample = run("eval " + input + " --format json");
  CHECK(ample.out.find("\"hinge_limit\":\"work_budget\"") == std::string::npos);
  const Run batch = run("batch " + (dir / "all_unknown.jsonl").string() + " --hinge-budget 1000");
  CHECK(batch.out.find("\"hinge_limit\":\"work_budget\"") != std::string::npos);
  CHECK(run("eval " + input + " --hinge-budget 0").exit_code == 2);
  CHECK(run("batch " + (dir / "all_unknown.jsonl").string() + " --hinge-budget 100000001").exit_code == 2);
}

TEST_CASE("JSON is one line for a pipe, indented on request or on a terminal") {
  const std::string scenario = project + "/scenarios/attribution_unknown.json";
  const Run piped = run("eval " + scenario + " --format json --explain full");
  CHECK(piped.exit_code == 0);
  CHECK(piped.out.find('\n') == piped.out.size() - 1);
  const Run pretty = run("eval " + scenario + " --format json --explain full --pretty");
  CHECK(pretty.out.find("{\n  \"scenario\": ") == 0);
  CHECK(run("eval " + scenario + " --format json --compact").out == run("eval " + scenario + " --format json").out);
  const Run both = run("eval " + scenario + " --format json --pretty --compact");
  CHECK(both.exit_code == 2);
  CHECK(both.out.find("excludes") != std::string::npos);
  CHECK(run("profiles --format json").out.find('\n') == run("profiles --format json").out.size() - 1);
  CHECK(run("profiles --format json --pretty").out.find("[\n  {\n") == 0);
  // On a terminal (a pseudo-terminal from util-linux's `script`) the default is indented.
  const Run terminal = run_command("script -qec '" + binary + " eval " + scenario + " --format json' /dev/null");
  CHECK(terminal.out.find("\n  \"findings\": [") != std::string::npos);
}

TEST_CASE("a proof deeper than --proof-depth is folded, and says so") {
  const std::string scenario = project + "/scenarios/attribution_unknown.json";
  const Run shallow = run("eval " + scenario + " --explain full --proof-depth 1 --color never");
  CHECK(shallow.exit_code == 0);
  CHECK(shallow.out.find("premises folded: the proof goes deeper than it is unfolded") != std::string::npos);
  const Run deep = run("eval " + scenario + " --explain full --color never");
  CHECK(deep.out.find("premises folded") == std::string::npos);
  const Run json = run("eval " + scenario + " --explain full --proof-depth 1 --format json");
  CHECK(json.out.find("\"folded\":\"depth\"") != std::string::npos);
  const Run batch = run_command("tr -d '\\n' < " + scenario + " | " + binary + " batch --explain full --proof-depth 1");
  CHECK(batch.out.find("\"folded\":\"depth\"") != std::string::npos);
  for (const char* bad : {"0", "1001", "many"}) {
    const Run refused = run("eval " + scenario + " --proof-depth " + bad);
    CHECK(refused.exit_code == 2);
    CHECK(refused.out.find("--proof-depth") != std::string::npos);
  }
}

TEST_CASE("a scenario folder's symlink loop and dangling link are named, and the others still evaluated") {
  const fs::path dir = scratch("links");
  fs::copy_file(project + "/scenarios/estonia_2007.json", dir / "a_good.json");
  fs::create_symlink("b_loop.json", dir / "b_loop.json");
  fs::create_symlink("nowhere.json", dir / "c_dangling.json");
  const Run result = run("eval " + dir.string() + " --format terse");
  CHECK(result.exit_code == 2);
  CHECK(result.out.find((dir / "b_loop.json").string() + ": error: is a symlink loop, not a file\n") != std::string::npos);
  CHECK(result.out.find((dir / "c_dangling.json").string() +
                        ": error: is a symlink to 'nowhere.json', which does not exist") != std::string::npos);
  CHECK(result.out.find("operation=ddos_2007") != std::string::npos);
}

TEST_CASE("batch on two threads writes the same records as on one, in input order") {
  // Every bundled scenario as a line, three times over, in blocks that do not divide it.
  const fs::path dir = scratch("jobs");
  std::string lines;
  for (int round = 0; round < 3; ++round)
    for (const auto& entry : fs::directory_iterator(project + "/scenarios")) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() != ".json" || name.find(".expected.") != std::string::npos) continue;
      std::ifstream file(entry.path());
      std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      for (char& c : text) c = c == '\n' ? ' ' : c;
      lines += text + "\n";
    }
  write(dir / "all.jsonl", lines);
  const std::string input = (dir / "all.jsonl").string();
  const Run one = run("batch " + input + " --jobs 1 --block 7 --explain full 2>/dev/null");
  const Run two = run("batch " + input + " --jobs 2 --block 7 --explain full 2>/dev/null");
  CHECK(one.exit_code == 0);
  CHECK(two.exit_code == 0);
  CHECK(std::count(one.out.begin(), one.out.end(), '\n') > 100);
  CHECK(one.out == two.out);
}
