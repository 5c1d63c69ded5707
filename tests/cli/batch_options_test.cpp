// batch as a step of a larger job: global line numbers for shards, and a progress line
// only for a person watching a terminal.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace cybernorms::cli_test;

namespace {

/// Good scenarios, one with an unknown key and one line that is not JSON.
std::string mixed_lines(int count) {
  const std::string good = scenario_line("attribution_unknown.json");
  const std::string other = scenario_line("estonia_2007.json");
  std::string lines;
  for (int i = 0; i < count; ++i) {
    lines += i % 5 == 3   ? std::string("{\"id\": \"x\", \"operatoins\": []}")
             : i % 7 == 4 ? std::string("{not json")
             : i % 2 == 0 ? good
                          : other;
    lines += "\n";
  }
  return lines;
}

}  // namespace

TEST_CASE("batch --first-line numbers records from N, and shards joined equal one run") {
  const fs::path dir = scratch("first_line");
  const std::string all = mixed_lines(12);
  write(dir / "all.jsonl", all);
  const std::vector<std::string> input = lines_of(all);
  std::string head;
  std::string tail;
  for (std::size_t i = 0; i < input.size(); ++i) (i < 5 ? head : tail) += input[i] + "\n";
  write(dir / "head.jsonl", head);
  write(dir / "tail.jsonl", tail);

  const Run whole = run("batch " + (dir / "all.jsonl").string() + " 2>/dev/null");
  const Run first = run("batch " + (dir / "head.jsonl").string() + " --first-line 1 2>/dev/null");
  const Run second = run("batch " + (dir / "tail.jsonl").string() + " --first-line 6 2>/dev/null");
  CHECK(whole.exit_code == 2);  // the bad lines
  REQUIRE(lines_of(whole.out).size() == 12);
  CHECK(first.out + second.out == whole.out);

  const Run offset = run("batch --first-line 1000001 < " + (dir / "head.jsonl").string());
  const std::vector<std::string> records = lines_of(offset.out);
  REQUIRE(records.size() == 6);  // five records, then the counts line
  for (std::size_t i = 0; i < 5; ++i) CHECK(records[i].rfind("{\"line\":" + std::to_string(1000001 + i) + ",", 0) == 0);
  CHECK(records[5].rfind("5 scenarios: 3 evaluated, 2 rejected (", 0) == 0);
}

TEST_CASE("records gathered past 1 MiB come out whole and in order, as shards of a few write them") {
  // The records are gathered into writes of up to 1 MiB: the whole run crosses that size
  // several times, each shard of 40 lines stays below it and writes once, at its end.
  // (Brief records: about 16 KB each for these scenarios.)
  const fs::path dir = scratch("gathered");
  const std::string all = mixed_lines(400);
  write(dir / "all.jsonl", all);
  const Run whole = run("batch --explain brief " + (dir / "all.jsonl").string() + " 2>/dev/null");
  REQUIRE(whole.out.size() > (std::size_t{3} << 20));
  const std::vector<std::string> input = lines_of(all);
  std::string joined;
  for (std::size_t first = 0; first < input.size(); first += 40) {
    std::string shard;
    for (std::size_t i = first; i < input.size() && i < first + 40; ++i) shard += input[i] + "\n";
    write(dir / "shard.jsonl", shard);
    const Run part = run("batch --explain brief " + (dir / "shard.jsonl").string() + " --first-line " +
                         std::to_string(first + 1) + " 2>/dev/null");
    CHECK(part.out.size() < (std::size_t{1} << 20));
    joined += part.out;
  }
  CHECK(joined == whole.out);
  const std::vector<std::string> records = lines_of(whole.out);
  REQUIRE(records.size() == 400);
  CHECK(records.back().rfind("{\"line\":400,", 0) == 0);
}

TEST_CASE("batch --first-line gives the global number when reading stops") {
  // With lines of at most 2 bytes, a line still without a newline after 512 times that
  // ends the input.
  const fs::path dir = scratch("first_line_stop");
  write(dir / "endless.jsonl", "{}\n" + std::string(1100, 'x'));
  const Run result = run("batch " + (dir / "endless.jsonl").string() + " --max-line-bytes 2 --first-line 41");
  CHECK(result.exit_code == 2);
  CHECK(result.out.find("{\"line\":42,") != std::string::npos);
  CHECK(result.out.find("stopped after line 42:") != std::string::npos);
}

TEST_CASE("batch says so when its records cannot be written, and exits 2") {
  if (!fs::exists("/dev/full")) return;
  const fs::path dir = scratch("write_error");
  std::string lines;
  for (int i = 0; i < 40; ++i) lines += scenario_line("attribution_unknown.json") + "\n";
  write(dir / "in.jsonl", lines);
  const Run full = run("batch " + (dir / "in.jsonl").string() + " > /dev/full");
  CHECK(full.exit_code == 2);
  CHECK(full.out.find("error: writing the records failed after line 40: No space left on device") != std::string::npos);
}

TEST_CASE("batch --first-line must be a line number") {
  for (const char* bad : {"0", "-3", "many", "9007199254740993"}) {
    const Run refused = run(std::string("batch --first-line ") + bad + " < /dev/null");
    INFO(bad, ": ", refused.out);
    CHECK(refused.exit_code == 2);
    CHECK(refused.out.find("--first-line") != std::string::npos);
  }
}

namespace {

/// A scenario whose every fact is unknown: its hinge search makes it slow enough
/// (tens of milliseconds) for a progress line to be drawn within a short batch.
std::string slow_scenario() {
  std::string operations;
  for (int i = 0; i < 20; ++i) operations += (i ? ", " : "") + std::string("{\"id\": \"op") + std::to_string(i) + "\"}";
  return "{\"id\": \"all_unknown\", \"states\": [{\"id\": \"s0\"}, {\"id\": \"s1\"}], \"actors\": [{\"id\": "
         "\"group\"}], \"assets\": [{\"id\": \"network\"}], \"operations\": [" + operations + "]}";
}

}  // namespace

TEST_CASE("batch writes no progress line when standard error is not a terminal") {
  const fs::path dir = scratch("progress_quiet");
  std::string lines;
  for (int i = 0; i < 12; ++i) lines += slow_scenario() + "\n";
  write(dir / "in.jsonl", lines);
  const Run result = run("batch " + (dir / "in.jsonl").string() + " --jobs 1 --block 1 2> " +
                         (dir / "err").string() + " > /dev/null");
  CHECK(result.exit_code == 0);
  CHECK(read(dir / "err") == "12 scenarios: 12 evaluated, 0 rejected (1 threads)\n");
}

TEST_CASE("batch draws a progress line on a terminal, and clears it before the summary") {
  // util-linux's `script` gives the command a pseudo-terminal; standard output goes to a
  // file, standard error to the terminal, whose bytes `script` copies to its output.
  const fs::path dir = scratch("progress_terminal");
  std::string lines;
  for (int i = 0; i < 24; ++i) lines += slow_scenario() + "\n";
  write(dir / "in.jsonl", lines);
  const auto start = std::chrono::steady_clock::now();
  const Run result = run_command("script -qec '" + binary + " batch " + (dir / "in.jsonl").string() +
                                 " --jobs 1 --block 2 > " + (dir / "out.jsonl").string() + "' /dev/null");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(result.out);
  CHECK(result.exit_code == 0);
  CHECK(lines_of(read(dir / "out.jsonl")).size() == 24);
  const std::string summary = "24 scenarios: 24 evaluated, 0 rejected (1 threads)\r\n";
  REQUIRE(result.out.size() >= summary.size());
  CHECK(result.out.substr(result.out.size() - summary.size()) == summary);
  // The line is redrawn every half second: a run shorter than a second may end first.
  if (seconds < 1.0) {
    MESSAGE("the batch took ", seconds, " s, too short to be sure of a progress line");
    return;
  }
  // The first line drawn, after its carriage return: "8 scenarios, 15/s, 0 errors, 33%, ETA 0:01".
  const std::size_t drawn = result.out.find('\r');
  REQUIRE(drawn != std::string::npos);
  const std::string line = result.out.substr(drawn + 1, result.out.find('\r', drawn + 1) - drawn - 1);
  CHECK(line.find(" scenarios, ") != std::string::npos);
  CHECK(line.find("/s, 0 errors, ") != std::string::npos);
  CHECK(line.find("%, ETA ") != std::string::npos);  // a regular file: its size is known
  // Blanked before the summary: a carriage return, spaces, a carriage return.
  const std::size_t blank = result.out.rfind("\r" + summary);
  REQUIRE(blank != std::string::npos);
  CHECK(result.out[blank - 1] == ' ');
}

TEST_CASE("batch asks an open question over values the rule base treats alike once, unless told each") {
  const fs::path dir = scratch("open_values");
  // A state organ's operation against a ministry, its interference with governmental
  // functions left out: eleven values, one question.
  write(dir / "open.jsonl",
        R"({"id": "open_function", "states": [{"id": "arland"}, {"id": "borvania"}], "actors": [{"id": "crew", )"
        R"("organ_of": ["borvania"], "located_in": "borvania", "directed_by": [], "adopted_by": []}], "assets": )"
        R"([{"id": "ministry_net", "located_in": "arland", "owner": "government", "sector": "government", )"
        R"("critical": false, "layer": ["social"], "governmental_functions": []}], "operations": [{"id": "op1", )"
        R"("actor": "crew", "targets": ["ministry_net"], "acts": ["ddos"], "effects": [], "aims": )"
        R"(["political_pressure"], "coercive": false, "scale": "minor", "consenting_states": [], )"
        R"("territory_used": [], "known_to": [], "able_to_act": [], "measures_taken_by": [], )"
        R"("operators_present": false}]})"
        "\n");
  const Run once = run("batch " + (dir / "open.jsonl").string() + " 2>/dev/null");
  const Run named = run("batch --open-values once " + (dir / "open.jsonl").string() + " 2>/dev/null");
  const Run each = run("batch --open-values each " + (dir / "open.jsonl").string() + " 2>/dev/null");
  CHECK(once.exit_code == 0);
  CHECK(once.out == named.out);
  CHECK(once.out.find(R"("hinges":[{"yes":[0]}]})") != std::string::npos);
  CHECK(once.out.find(R"("questions":[{"relation":"interfered_with_function","args":["op1","_"]}])") !=
        std::string::npos);
  CHECK(each.exit_code == 0);
  CHECK(each.out.find(R"("hinge_sets_found":11)") != std::string::npos);
  CHECK(each.out.find(R"(["op1","_"])") == std::string::npos);
  const Run wrong = run("batch --open-values twice " + (dir / "open.jsonl").string());
  CHECK(wrong.exit_code != 0);
  CHECK(wrong.out.find("--open-values") != std::string::npos);
}
