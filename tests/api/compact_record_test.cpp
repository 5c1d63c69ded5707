// The compact batch record against the report it summarises, and the batch stream:
// same findings in the same order, hinge sets naming the same facts, blocks and threads
// that change nothing in the bytes written.
#include <cybernorms/batch.hpp>
#include <cybernorms/cybernorms.hpp>

#include "project_fixtures.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <sstream>

using namespace cybernorms;
using namespace cybernorms::api_test;
using nlohmann::json;

namespace {

std::vector<std::string> records_of(const std::vector<std::string>& lines, BatchRecord kind, const std::string& profile,
                                    std::size_t threads = 1) {
  BatchOptions options;
  options.threads = threads;
  options.profile = profile;
  options.record = kind;
  BatchEvaluator batch(project_rule_base(), options);
  return batch.evaluate_block(lines, 1);
}

// A hinge as the brief record names it: the fact's relation and values, and the answer.
std::string hinge_key(const std::string& relation, const json& args, bool answer) {
  return relation + args.dump() + (answer ? "=yes" : "=no");
}

std::set<std::string> brief_set(const json& set) {
  std::set<std::string> keys;
  for (const json& hinge : set) keys.insert(hinge_key(hinge["fact"]["relation"], hinge["fact"]["args"], hinge["needs"]));
  return keys;
}

std::set<std::string> compact_set(const json& set, const json& questions) {
  std::set<std::string> keys;
  for (const char* answer : {"yes", "no"}) {
    if (!set.contains(answer)) continue;
    for (const json& number : set[answer]) {
      const json& question = questions.at(number.get<std::size_t>());
      keys.insert(hinge_key(question["relation"], question["args"], std::string(answer) == "yes"));
    }
  }
  return keys;
}

void require_same_findings(const json& compact, const json& brief) {
  const json& report = brief["report"];
  CHECK(compact["scenario"] == brief["scenario"]);
  CHECK(compact["profile"] == brief["profile"]);
  REQUIRE(compact["findings"].size() == report["findings"].size());
  for (std::size_t i = 0; i < report["findings"].size(); ++i) {
    const json& c = compact["findings"][i];
    const json& b = report["findings"][i];
    CHECK(c["principle"] == b["principle"]);
    CHECK(c["roles"] == b["roles"]);
    CHECK(c["level"] == b["level"]);
    if (b.contains("pooled")) {
      REQUIRE(c.contains("pooled"));
      CHECK(c["pooled"]["role"] == b["pooled"]["role"]);
      CHECK(c["pooled"]["candidates"] == b["pooled"]["candidates"]);
    } else {
      CHECK_FALSE(c.contains("pooled"));
    }
    CHECK(c.value("hinge_sets_found", json()) == b.value("hinge_sets_found", json()));
    CHECK(c.value("hinges_complete", json()) == b.value("hinges_complete", json()));
    CHECK(c.value("hinge_limit", json()) == b.value("hinge_limit", json()));
    if (b["level"] != "possible") {
      CHECK_FALSE(c.contains("hinges"));
      continue;
    }
    REQUIRE(c["hinges"].size() == b["hinge_sets"].size());
    for (std::size_t k = 0; k < b["hinge_sets"].size(); ++k)
      CHECK(compact_set(c["hinges"][k], compact["questions"]) == brief_set(b["hinge_sets"][k]));
  }
  json without = json::array();
  for (const json& why : report["not_implicated"]) without.push_back(why["principle"]);
  CHECK(compact["not_implicated"] == without);
}

}  // namespace

TEST_CASE("a compact record holds the report's findings, levels and hinge sets, under every profile") {
  const std::vector<std::string> lines = bundled_lines();
  REQUIRE(lines.size() >= 5);
  std::size_t possible = 0;
  for (const std::string& profile : project_rule_base().profile_ids()) {
    CAPTURE(profile);
    const auto compact = records_of(lines, BatchRecord::compact, profile);
    const auto brief = records_of(lines, BatchRecord::brief, profile);
    REQUIRE(compact.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CAPTURE(i);
      const json c = json::parse(compact[i]);
      const json b = json::parse(brief[i]);
      REQUIRE(c["ok"] == true);
      CHECK(c["line"] == i + 1);
      CHECK_FALSE(c.contains("report"));
      require_same_findings(c, b);
      for (const json& finding : c["findings"]) possible += finding["level"] == "possible";
    }
  }
  CHECK(possible > 0);  // the comparison of hinge sets was made, not skipped
}

TEST_CASE("each question of a compact record is named once and used by some hinge set") {
  for (const std::string& record : records_of(bundled_lines(), BatchRecord::compact, "default")) {
    const json r = json::parse(record);
    std::set<std::string> seen;
    for (const json& question : r["questions"]) CHECK(seen.insert(question.dump()).second);
    std::vector<bool> used(r["questions"].size(), false);
    for (const json& finding : r["findings"])
      for (const json& set : finding.value("hinges", json::array()))
        for (const char* answer : {"yes", "no"})
          for (const json& number : set.value(answer, json::array())) used.at(number.get<std::size_t>()) = true;
    CHECK(std::all_of(used.begin(), used.end(), [](bool u) { return u; }));
  }
}

TEST_CASE("a compact record groups its open facts into questions as the report does, under every profile") {
  const std::vector<std::string> lines = bundled_lines();
  std::size_t grouped = 0;
  for (const std::string& profile : project_rule_base().profile_ids()) {
    CAPTURE(profile);
    const auto compact = records_of(lines, BatchRecord::compact, profile);
    const auto brief = records_of(lines, BatchRecord::brief, profile);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CAPTURE(i);
      const json c = json::parse(compact[i]);
      const json report = json::parse(brief[i])["report"];
      const auto fact_key = [](const json& fact) { return fact["relation"].get<std::string>() + fact["args"].dump(); };
      // The report's question of each fact, and its element.
      std::map<std::string, std::size_t> asked_in;
      for (std::size_t q = 0; q < report["questions"].size(); ++q)
        for (const json& fact : report["questions"][q]["facts"]) asked_in[fact_key(fact)] = q;
      std::vector<bool> numbered(c["questions"].size(), false);
      std::set<std::size_t> report_questions_used;
      for (const json& ask : c["asks"]) {
        REQUIRE_FALSE(ask["facts"].empty());
        std::set<std::size_t> in_report;
        for (const json& number : ask["facts"]) {
          const std::size_t n = number.get<std::size_t>();
          CHECK_FALSE(numbered.at(n));
          numbered[n] = true;
          const auto found = asked_in.find(fact_key(c["questions"][n]));
          REQUIRE(found != asked_in.end());
          in_report.insert(found->second);
        }
        // One compact question is one report question with the same element, and no two
        // compact questions share one.
        CHECK(in_report.size() == 1);
        CHECK(report["questions"][*in_report.begin()]["element"] == ask["element"]);
        CHECK(report_questions_used.insert(*in_report.begin()).second);
        grouped += ask["facts"].size() > 1;
      }
      CHECK(std::all_of(numbered.begin(), numbered.end(), [](bool n) { return n; }));
    }
  }
  CHECK(grouped > 0);  // some question groups several facts, so the grouping was tested
}

TEST_CASE("a record of a bad line is an error record whatever the record kind, and names the line") {
  const std::vector<std::string> lines{"{not json", R"({"id": "x", "states": [], "mystery": 1})"};
  for (const BatchRecord kind : {BatchRecord::compact, BatchRecord::brief, BatchRecord::full}) {
    const auto records = records_of(lines, kind, "default");
    REQUIRE(records.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
      const json r = json::parse(records[i]);
      CHECK(r["line"] == i + 1);
      CHECK(r["ok"] == false);
      REQUIRE(!r["errors"].empty());
      CHECK(r["errors"][0]["code"].get<std::string>().starts_with("E4"));
    }
  }
}

TEST_CASE("an error record names the scenario when the line is an object with a string id") {
  const std::vector<std::string> lines{
      R"({"id": "unknown_key", "states": [], "mystery": 1})",
      R"({"id": "bad_reference", "states": [{"id": "s"}], "operations": [{"id": "op", "actor": "nobody"}]})",
      "{not json", "", "[1, 2]", R"({"id": 7, "states": []})", R"({"states": [{"id": "s"}]})"};
  for (const BatchRecord kind : {BatchRecord::compact, BatchRecord::brief, BatchRecord::full}) {
    CAPTURE(static_cast<int>(kind));
    const auto records = records_of(lines, kind, "default");
    REQUIRE(records.size() == lines.size());
    // Right after "ok", where a success record has it.
    CHECK(records[0].starts_with(R"({"line":1,"ok":false,"scenario":"unknown_key","errors":[)"));
    CHECK(records[1].starts_with(R"({"line":2,"ok":false,"scenario":"bad_reference","errors":[)"));
    for (std::size_t i = 2; i < lines.size(); ++i) {
      CAPTURE(records[i]);
      const json r = json::parse(records[i]);
      CHECK(r["ok"] == false);
      CHECK_FALSE(r.contains("scenario"));
    }
  }
  SUBCASE("not a line too long to be kept") {
    BatchEvaluator batch(project_rule_base(), BatchOptions{});
    const auto records = batch.evaluate_block(std::vector<BatchLine>{BatchLine{"", 9'000'000, false}}, 1);
    CHECK(records.front().starts_with(R"({"line":1,"ok":false,"errors":[{"code":"E407")"));
  }
  SUBCASE("and an unknown profile, with a scenario that could be read") {
    const auto records = records_of({lines[0], bundled_lines().front()}, BatchRecord::compact, "no_such_profile");
    CHECK(records[0].starts_with(R"({"line":1,"ok":false,"scenario":"unknown_key","errors":[)"));
    const std::string id = json::parse(bundled_lines().front())["id"];
    CHECK(records[1].starts_with(R"({"line":2,"ok":false,"scenario":")" + id + R"(","errors":[)"));
  }
  SUBCASE("Evaluation names it too, valid or not") {
    const Evaluation rejected = project_rule_base().evaluate(lines[0], "test");
    CHECK_FALSE(rejected.ok());
    CHECK(rejected.scenario == "unknown_key");
    CHECK_FALSE(project_rule_base().evaluate("[]", "test").scenario.has_value());
    CHECK_FALSE(project_rule_base().evaluate(lines[5], "test").scenario.has_value());
    const Evaluation evaluated = project_rule_base().evaluate(bundled_lines().front(), "test");
    REQUIRE(evaluated.ok());
    CHECK(evaluated.scenario == evaluated.report->scenario);
  }
}

TEST_CASE("a stream gives the same bytes whatever its threads, blocks and output budget") {
  std::vector<std::string> lines;
  for (int copy = 0; copy < 10; ++copy) {
    const auto bundled = bundled_lines();
    lines.insert(lines.end(), bundled.begin(), bundled.end());
  }
  lines.insert(lines.begin() + 2, "{\"broken\": ");
  const auto run = [&](std::size_t threads, std::size_t block_lines, std::size_t budget, std::size_t first_line) {
    BatchOptions options;
    options.threads = threads;
    options.block_output_bytes = budget;
    BatchEvaluator batch(project_rule_base(), options);
    std::size_t given = 0;
    std::vector<std::size_t> block_sizes;
    const auto next = [&](std::size_t max_lines, std::vector<BatchLine>& block) {
      block_sizes.push_back(max_lines);
      for (; given < lines.size() && block.size() < max_lines; ++given) block.push_back(BatchLine{lines[given], 0, false});
    };
    std::string out;
    const auto write = [&](std::string_view record) {
      out += record;
      out += '\n';
    };
    CHECK(batch.evaluate_stream(next, block_lines, first_line, write) == lines.size());
    CHECK(batch.succeeded() == lines.size() - 1);
    CHECK(batch.failed() == 1);
    return std::make_pair(out, block_sizes);
  };
  const auto [one, one_blocks] = run(1, 1024, default_block_output_bytes, 1);
  CHECK(std::count(one.begin(), one.end(), '\n') == static_cast<long>(lines.size()));
  CHECK(run(2, 1024, default_block_output_bytes, 1).first == one);
  CHECK(run(2, 3, default_block_output_bytes, 1).first == one);
  // A budget of one byte: after the first block, blocks shrink to one line each.
  const auto [small, small_blocks] = run(2, 4, 1, 1);
  CHECK(small == one);
  REQUIRE(small_blocks.size() >= 3);
  CHECK(small_blocks[0] == 4);
  CHECK(small_blocks[2] == 1);
  // A generous budget: the first two blocks (read before any record is made) are small,
  // the next ones as large as asked.
  const auto [large, large_blocks] = run(1, 100, std::size_t{1} << 30, 1);
  CHECK(large == one);
  REQUIRE(large_blocks.size() >= 3);
  CHECK(large_blocks[0] == std::min<std::size_t>(100, 64));
  CHECK(large_blocks[2] == 100);
  // Numbered from another first line, the records name it and nothing else changes.
  std::istringstream shifted(run(1, 1024, default_block_output_bytes, 101).first);
  std::istringstream unshifted(one);
  std::string a, b;
  std::size_t i = 0;
  while (std::getline(shifted, a) && std::getline(unshifted, b)) {
    json moved = json::parse(a), original = json::parse(b);
    CHECK(moved["line"] == 101 + i);
    CHECK(original["line"] == 1 + i);
    CHECK(moved.value("findings", json()) == original.value("findings", json()));
    ++i;
  }
  CHECK(i == lines.size());
}

TEST_CASE("an evaluator reused scenario after scenario writes each record as a fresh one would, in any order") {
  // Its storage (hinge results, pooling, facts) is kept from scenario to scenario; nothing
  // of one scenario may show in the next one's record.
  const std::vector<std::string> lines = bundled_lines();
  REQUIRE(lines.size() >= 3);
  EvaluateOptions options;
  options.open_values_once = true;
  std::vector<std::string> fresh(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Evaluator alone(project_rule_base());
    alone.append_compact_record(lines[i], i + 1, options, fresh[i]);
  }
  Evaluator reused(project_rule_base());
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t n = 0; n < lines.size(); ++n) {
      const std::size_t i = pass == 0 ? n : lines.size() - 1 - n;  // forwards, then backwards
      std::string record;
      reused.append_compact_record(lines[i], i + 1, options, record);
      CHECK_MESSAGE(record == fresh[i], "line " << i + 1 << ", pass " << pass);
    }
  // Some of them pool findings, so the pooling storage is reused, not merely made.
  CHECK(std::any_of(fresh.begin(), fresh.end(), [](const std::string& record) {
    return record.find("\"pooled\"") != std::string::npos;
  }));
}

TEST_CASE("a block sink takes each block's records at once, the same records in the same order") {
  std::vector<std::string> lines;
  for (int copy = 0; copy < 4; ++copy) {
    const auto bundled = bundled_lines();
    lines.insert(lines.end(), bundled.begin(), bundled.end());
  }
  lines.insert(lines.begin() + 1, "not json");
  BatchOptions options;
  options.threads = 2;
  BatchEvaluator batch(project_rule_base(), options);
  const auto source = [&] {
    return [&, given = std::size_t{0}](std::size_t max_lines, std::vector<BatchLine>& block) mutable {
      for (; given < lines.size() && block.size() < max_lines; ++given) block.push_back(BatchLine{lines[given], 0, false});
    };
  };
  std::string by_record;
  const BatchEvaluator::RecordSink record_sink = [&](std::string_view record) {
    by_record += record;
    by_record += '\n';
  };
  CHECK(batch.evaluate_stream(source(), 3, 1, record_sink) == lines.size());
  std::string by_block;
  std::vector<std::size_t> block_sizes;
  const BatchEvaluator::BlockSink block_sink = [&](std::span<const std::string> records) {
    block_sizes.push_back(records.size());
    for (const std::string& record : records) {
      CHECK(record.find('\n') == std::string::npos);
      by_block += record;
      by_block += '\n';
    }
  };
  CHECK(batch.evaluate_stream(source(), 3, 1, block_sink) == lines.size());
  CHECK(by_block == by_record);
  CHECK(std::count(by_block.begin(), by_block.end(), '\n') == static_cast<long>(lines.size()));
  // Blocks of at most 3 lines, every line in one of them, none empty.
  CHECK(std::accumulate(block_sizes.begin(), block_sizes.end(), std::size_t{0}) == lines.size());
  CHECK(std::all_of(block_sizes.begin(), block_sizes.end(), [](std::size_t n) { return n >= 1 && n <= 3; }));
  CHECK(block_sizes.size() >= (lines.size() + 2) / 3);
}

TEST_CASE("one evaluator's threads serve stream after stream, also with more threads than lines") {
  const std::vector<std::string> bundled = bundled_lines();
  REQUIRE(bundled.size() >= 2);
  const std::vector<std::string> lines(bundled.begin(), bundled.begin() + 2);
  const auto stream = [&](BatchEvaluator& batch) {
    std::size_t given = 0;
    const auto next = [&](std::size_t max_lines, std::vector<BatchLine>& block) {
      for (; given < lines.size() && block.size() < max_lines; ++given) block.push_back(BatchLine{lines[given], 0, false});
    };
    std::string out;
    const auto write = [&](std::string_view record) {
      out += record;
      out += '\n';
    };
    CHECK(batch.evaluate_stream(next, 1, 1, write) == lines.size());
    return out;
  };
  BatchOptions one_thread;
  one_thread.threads = 1;
  BatchEvaluator single(project_rule_base(), one_thread);
  const std::string expected = stream(single);
  CHECK(std::count(expected.begin(), expected.end(), '\n') == 2);
  BatchOptions four_threads;
  four_threads.threads = 4;
  BatchEvaluator crowded(project_rule_base(), four_threads);
  CHECK(stream(crowded) == expected);
  CHECK(stream(crowded) == expected);
  CHECK(crowded.succeeded() == 4);
  CHECK(crowded.failed() == 0);
  // Moved, it keeps the evaluators its helpers made, and its counts.
  BatchEvaluator moved(std::move(crowded));
  CHECK(stream(moved) == expected);
  CHECK(moved.succeeded() == 6);
  CHECK(moved.threads() == 4);
}

TEST_CASE("an unshared copy of a rule base evaluates alike and outlives its original") {
  std::optional<RuleBase> original;
  {
    SourceSet sources;
    Diagnostics diagnostics;
    original = RuleBase::load({project_dir / "rules"}, sources, diagnostics);
    REQUIRE_MESSAGE(original.has_value(), render_text(diagnostics, sources));
  }
  const RuleBase copy = original->unshared_copy();
  original.reset();  // the only holder of the original: what the copy leaned on is gone
  // A batch keeps the rule base it is given, and each helper thread copies it: neither
  // may lean on the caller's handle.
  std::optional<RuleBase> handle = copy;
  BatchOptions options;
  options.threads = 3;
  options.record = BatchRecord::brief;
  BatchEvaluator batch(*handle, options);
  handle.reset();
  const std::vector<std::string> lines = bundled_lines();
  const std::vector<std::string> expected = records_of(lines, BatchRecord::brief, "default");
  CHECK(batch.evaluate_block(lines, 1) == expected);
  CHECK(batch.evaluate_block(lines, 1) == expected);
  CHECK(copy.summary().rules == project_rule_base().summary().rules);
  CHECK(copy.profile_ids() == project_rule_base().profile_ids());
  for (const std::filesystem::path& path : bundled_scenarios()) {
    CAPTURE(path);
    const Evaluation mine = copy.evaluate(read_text(path), path.filename().string(), assuming("default"));
    const Evaluation theirs = project_rule_base().evaluate(read_text(path), path.filename().string(), assuming("default"));
    REQUIRE(mine.ok());
    REQUIRE(theirs.ok());
    RenderOptions json_options;
    json_options.format = Format::json;
    CHECK(render_report(*mine.report, json_options) == render_report(*theirs.report, json_options));
  }
}

TEST_CASE("a sink that fails stops the stream with its error, the threads joined, nothing written twice") {
  const std::vector<std::string> lines = bundled_lines();
  BatchOptions options;
  options.threads = 2;
  BatchEvaluator batch(project_rule_base(), options);
  std::size_t given = 0;
  const auto next = [&](std::size_t max_lines, std::vector<BatchLine>& block) {
    for (std::size_t i = 0; given < 200 && i < std::min<std::size_t>(max_lines, 3); ++i, ++given)
      block.push_back(BatchLine{lines[given % lines.size()], 0, false});
  };
  std::size_t written = 0;
  const auto write = [&](std::string_view) {
    if (++written == 5) throw std::runtime_error("disk full");
  };
  CHECK_THROWS_WITH(batch.evaluate_stream(next, 3, 1, write), "disk full");
  CHECK(written == 5);
}
