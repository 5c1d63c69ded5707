// `cybernorms grade`: every exercise in exercises/ graded on its golden answers
// (tests/golden/grade/ID/: a correct, a partly correct and an empty answer, and any
// more), each compared with its golden text and JSON output, and with --reveal for the
// partly correct one; the scores each kind of answer must get; hints and feedback that
// never name a level unless revealed; malformed answers and exercises with located
// errors. After an intended change, regenerate the outputs (never the answers) with
//   CYBERNORMS_UPDATE_GOLDEN=1 build/tests/test_cli -tc='*golden*grade*'
// and review the diff.
#include "run_binary.hpp"

#include <cybernorms/cybernorms.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace cybernorms::cli_test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path golden_dir = fs::path(project) / "tests" / "golden" / "grade";

bool updating() {
  const char* update = std::getenv("CYBERNORMS_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

/// The exercises of exercises/, by path, in name order.
std::vector<fs::path> exercises() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(project) / "exercises"))
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

/// The answers kept for an exercise: NAME.answer.json files, in name order.
std::vector<std::string> answers_of(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string file = entry.path().filename().string();
    if (file.ends_with(".answer.json")) names.push_back(file.substr(0, file.size() - 12));
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// Every spelling of a level, in every language of the project's rule base.
const std::vector<std::string>& level_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> found{"implicated", "possible", "not_implicated", "not implicated"};
    cybernorms::SourceSet sources;
    cybernorms::Diagnostics diagnostics;
    const auto rules = cybernorms::RuleBase::load({fs::path(project) / "rules"}, sources, diagnostics);
    REQUIRE(rules.has_value());
    for (const std::string& language : rules->languages()) {
      const cybernorms::Words in = rules->words(language);
      for (const char* key : {"implicated", "possible", "not_implicated"}) found.emplace_back(in(key));
    }
    return found;
  }();
  return words;
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// The level word a text holds, or "".
std::string level_word_in(const std::string& text) {
  for (const std::string& word : level_words())
    if (lowered(text).find(lowered(word)) != std::string::npos) return word;
  return {};
}

/// Hints and feedback of a grade (JSON) that name a level, as "item N: text".
std::vector<std::string> level_words_in(const json& grade) {
  std::vector<std::string> found;
  for (std::size_t i = 0; i < grade.at("items").size(); ++i) {
    const json& item = grade["items"][i];
    std::vector<std::string> texts{item.at("feedback").get<std::string>()};
    for (const json& hint : item.at("hints")) texts.push_back(hint.get<std::string>());
    for (const std::string& text : texts)
      if (const std::string word = level_word_in(text); !word.empty())
        found.push_back("item " + std::to_string(i) + " (" + word + "): " + text);
  }
  return found;
}

/// Runs grade from the project folder (paths relative to it, as the golden files show them).
Run grade(const std::string& arguments) { return run_command("cd '" + project + "' && COLUMNS=80 " + binary + " grade " + arguments); }

/// Compares `output` with the golden file (or writes it when updating).
void compare_golden(const fs::path& path, const std::string& output) {
  CAPTURE(path.string());
  if (updating()) {
    write(path, output);
    return;
  }
  REQUIRE_MESSAGE(fs::exists(path), "no golden output; write it with CYBERNORMS_UPDATE_GOLDEN=1 and review it");
  CHECK_MESSAGE(read(path) == output, "the output differs from its golden file; if intended, regenerate with "
                                      "CYBERNORMS_UPDATE_GOLDEN=1 and review the diff");
}

}  // namespace

TEST_CASE("golden grades: every exercise graded on its correct, partly correct and empty answers") {
  const std::vector<fs::path> all = exercises();
  REQUIRE_FALSE(all.empty());
  std::size_t graded = 0;
  for (const fs::path& exercise : all) {
    const std::string id = exercise.stem().string();
    CAPTURE(id);
    const fs::path folder = golden_dir / id;
    const std::string exercise_arg = "exercises/" + exercise.filename().string();
    for (const char* needed : {"correct", "partly", "empty"}) {
      CHECK_MESSAGE(fs::exists(folder / (std::string(needed) + ".answer.json")),
                    "exercise " << id << " has no golden " << needed << " answer in " << folder.string());
    }
    if (!fs::exists(folder)) continue;
    // The correct answer is the model answer, kept.
    const Run model = grade(exercise_arg + " --model-answer");
    CHECK(model.exit_code == 0);
    CHECK_MESSAGE(model.out == read(folder / "correct.answer.json"),
                  "the model answer differs from correct.answer.json:\n" << model.out);
    for (const std::string& answer : answers_of(folder)) {
      CAPTURE(answer);
      const std::string answer_arg = "tests/golden/grade/" + id + "/" + answer + ".answer.json";
      const Run text = grade(exercise_arg + " " + answer_arg);
      CHECK(text.exit_code == 0);
      compare_golden(folder / (answer + ".txt"), text.out);
      const Run as_json = grade(exercise_arg + " " + answer_arg + " --format json --pretty");
      REQUIRE(as_json.exit_code == 0);
      compare_golden(folder / (answer + ".grade.json"), as_json.out);
      const json result = json::parse(as_json.out);
      const double score = result.at("score").get<double>();
      const double max_score = result.at("max_score").get<double>();
      CHECK(result.at("exercise") == id);
      CHECK_FALSE(result.at("revealed").get<bool>());
      if (answer == "correct") {
        CHECK(max_score > 0);
        CHECK(score == max_score);
      }
      if (answer == "empty") CHECK(score == 0);
      if (answer == "partly") {
        CHECK(score > 0);
        CHECK(score < max_score);
      }
      const auto named = level_words_in(result);
      CHECK_MESSAGE(named.empty(), "hints or feedback name a level without --reveal: " << named.front());
      for (const json& item : result.at("items")) CHECK_FALSE(item.contains("expected"));
      if (answer == "partly") {
        const Run revealed_text = grade(exercise_arg + " " + answer_arg + " --reveal");
        CHECK(revealed_text.exit_code == 0);
        compare_golden(folder / (answer + ".reveal.txt"), revealed_text.out);
        const Run revealed = grade(exercise_arg + " " + answer_arg + " --reveal --format json --pretty");
        CHECK(revealed.exit_code == 0);
        compare_golden(folder / (answer + ".reveal.grade.json"), revealed.out);
        const json shown = json::parse(revealed.out);
        CHECK(shown.at("revealed").get<bool>());
        CHECK(shown.at("score") == result.at("score"));
        for (const json& item : shown.at("items")) CHECK(item.contains("expected"));
      }
      ++graded;
    }
  }
  MESSAGE(graded << " answers graded over " << all.size() << " exercises");
  CHECK(graded >= 3 * all.size());
}

TEST_CASE("grade: no hint or feedback names a level, whatever the answer names, unless --reveal") {
  // An answer that names every level and puts level words where the feedback echoes it.
  const fs::path dir = scratch("grade_level_words");
  for (const fs::path& exercise : exercises()) {
    const std::string id = exercise.stem().string();
    CAPTURE(id);
    const Run model = grade("exercises/" + exercise.filename().string() + " --model-answer");
    REQUIRE(model.exit_code == 0);
    json answer = json::parse(model.out);
    for (json& finding : answer["findings"]) {
      finding["level"] = finding["level"] == "possible" ? "implicated" : "possible";
      finding["hinges_on"] = {"possible", "Not Implicated", "implicated"};
    }
    json extra = answer["findings"].empty() ? json::object() : answer["findings"][0];
    if (!extra.empty()) {
      extra["level"] = "not_implicated";
      extra["fails_on"] = {"possible"};
      // Another operation the principle names nobody for.
      for (auto& [role, value] : extra["roles"].items()) value = "no_such_" + role;
      answer["findings"].push_back(extra);
    }
    write(dir / "answer.json", answer.dump());
    const Run run = grade("exercises/" + exercise.filename().string() + " '" + (dir / "answer.json").string() +
                          "' --format json");
    REQUIRE_MESSAGE(run.exit_code == 0, run.out);
    const auto named = level_words_in(json::parse(run.out));
    CHECK_MESSAGE(named.empty(), named.front());
    const Run revealed = grade("exercises/" + exercise.filename().string() + " '" + (dir / "answer.json").string() +
                               "' --format json --reveal");
    REQUIRE(revealed.exit_code == 0);
    if (!answer["findings"].empty()) CHECK_FALSE(level_words_in(json::parse(revealed.out)).empty());
  }
}

TEST_CASE("grade: malformed answers get located errors, exit 1") {
  const fs::path dir = scratch("grade_errors");
  const std::string exercise = "exercises/10-trade-ministry-attribution-unknown.json";
  struct Case {
    std::string answer;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"", "a.json:: error[E400]: empty document"},
      {"[1]", "a.json:: error[E401]: expected an object, got an array"},
      {R"({"exercise": "10-trade-ministry-attribution-unknown"})", "a.json:: error[E406]: missing required key \"findings\""},
      {R"({"exercise": "01-espionage-foreign-ministry", "findings": []})",
       "a.json:/exercise: error[E431]: this answer is to exercise \"01-espionage-foreign-ministry\", not to "
       "\"10-trade-ministry-attribution-unknown\""},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [], "note": 1})",
       "a.json:/note: error[E403]: unknown key \"note\" in an answer; expected one of exercise, findings"},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [{"principle": "non_infringement",
          "roles": {"responsible": "borania", "injured": "arland", "operation": "ministry_intrusion"}, "level": "posible"}]})",
       "a.json:/findings/0/level: error[E402]: expected one of implicated, possible, not_implicated, got \"posible\" "
       "(did you mean \"possible\"?)"},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [{"principle": "non_infringment",
          "roles": {}, "level": "possible"}]})",
       "a.json:/findings/0/principle: error[E432]: no principle \"non_infringment\" (did you mean \"non_infringement\"?)"},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [{"principle": "non_infringement",
          "roles": {"responsable": "borania", "injured": "arland", "operation": "ministry_intrusion"}, "level": "possible"}]})",
       "a.json:/findings/0/roles/responsable: error[E403]: unknown key \"responsable\" in the roles of non_infringement "
       "(did you mean \"responsible\"?)"},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [{"principle": "non_infringement",
          "roles": {"injured": "arland", "operation": "ministry_intrusion"}, "level": "possible"}]})",
       "a.json:/findings/0/roles: error[E406]: missing required key \"responsible\""},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [{"profile": "defualt", "principle": "non_infringement",
          "roles": {"responsible": "borania", "injured": "arland", "operation": "ministry_intrusion"}, "level": "possible"}]})",
       "a.json:/findings/0/profile: error[E432]: the exercise has no profile \"defualt\": it asks about default (did you "
       "mean \"default\"?)"},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [
          {"principle": "non_infringement", "roles": {"responsible": "borania", "injured": "arland", "operation": "ministry_intrusion"}, "level": "possible"},
          {"principle": "non_infringement", "roles": {"responsible": "borania", "injured": "arland", "operation": "ministry_intrusion"}, "level": "implicated"}]})",
       "a.json:/findings/1: error[E433]: the same finding twice (first at /findings/0)"},
      {R"({"exercise": "10-trade-ministry-attribution-unknown", "findings": [{"principle": "non_infringement",
          "roles": {"responsible": "borania", "injured": "arland", "operation": "ministry_intrusion"}, "level": "possible",
          "hinges_on": ["attribution", 3]}]})",
       "a.json:/findings/0/hinges_on/1: error[E401]: expected a string, got 3"},
  };
  for (const Case& one : cases) {
    CAPTURE(one.answer);
    write(dir / "a.json", one.answer);
    const Run run = run_command("cd '" + dir.string() + "' && " + binary + " grade '" + project + "/" + exercise + "' a.json");
    CHECK(run.exit_code == 1);
    CHECK_MESSAGE(run.out.find(one.expected) != std::string::npos, run.out);
  }
}

TEST_CASE("grade: the answer from standard input, exit codes, and exercises that do not fit the rule base") {
  const std::string exercise = "exercises/10-trade-ministry-attribution-unknown.json";
  const Run model = grade(exercise + " --model-answer");
  REQUIRE(model.exit_code == 0);
  const fs::path dir = scratch("grade_stdin");
  write(dir / "answer.json", model.out);
  const Run piped = grade(exercise + " - < '" + (dir / "answer.json").string() + "' --format json");
  CHECK(piped.exit_code == 0);
  const json result = json::parse(piped.out);
  CHECK(result.at("score") == result.at("max_score"));
  CHECK(grade(exercise).exit_code == 2);
  CHECK(grade(exercise + " '" + (dir / "answer.json").string() + "' --model-answer").exit_code == 2);
  CHECK(grade("- '" + (dir / "answer.json").string() + "'").exit_code == 2);
  // Options that would be ignored are refused.
  const Run reveal_key = grade(exercise + " --model-answer --reveal");
  CHECK(reveal_key.exit_code == 2);
  CHECK(reveal_key.out.find("--model-answer prints the answer that scores full marks") != std::string::npos);
  const Run compact_text = grade(exercise + " '" + (dir / "answer.json").string() + "' --compact");
  CHECK(compact_text.exit_code == 2);
  CHECK(compact_text.out == "error: --compact lays out JSON; it does not apply to --format text\n");
  // An exercise whose scenario is not there.
  json lost = json::parse(read(fs::path(project) / exercise));
  lost["scenario"] = "no_such_scenario.json";
  write(dir / "lost.json", lost.dump(2));
  const Run unreadable = run("grade '" + (dir / "lost.json").string() + "' --model-answer");
  CHECK(unreadable.exit_code == 1);
  CHECK_MESSAGE(unreadable.out.find("lost.json: /scenario: the exercise's scenario cannot be read") != std::string::npos,
                unreadable.out);
  // An exercise naming a profile and a principle the rule base does not have.
  json broken = json::parse(read(fs::path(project) / exercise));
  broken["profiles"] = {"defualt"};
  broken["principles"] = {"non_interferance"};
  broken["scenario"] = (fs::path(project) / "scenarios" / "attribution_unknown.json").string();
  write(dir / "broken.json", broken.dump(2));
  const Run bad_grade = run("grade '" + (dir / "broken.json").string() + "' --model-answer");
  CHECK(bad_grade.exit_code == 1);
  CHECK_MESSAGE(bad_grade.out.find("broken.json:/profiles/0: error[E430]: no profile \"defualt\" in the rule base "
                                   "(did you mean \"default\"?)") != std::string::npos,
                bad_grade.out);
  CHECK_MESSAGE(bad_grade.out.find("broken.json:/principles/0: error[E430]: no principle \"non_interferance\" in the "
                                   "rule base (did you mean \"non_interference\"?)") != std::string::npos,
                bad_grade.out);
  // An exercise file with an unknown key and a missing one.
  json malformed = json::parse(read(fs::path(project) / exercise));
  malformed.erase("question");
  malformed["dificulty"] = "easy";
  write(dir / "malformed.json", malformed.dump(2));
  const Run unread = run("grade '" + (dir / "malformed.json").string() + "' --model-answer");
  CHECK(unread.exit_code == 1);
  CHECK_MESSAGE(unread.out.find("malformed.json:/dificulty: error[E403]: unknown key \"dificulty\" in an exercise "
                                "(did you mean \"difficulty\"?)") != std::string::npos,
                unread.out);
  CHECK_MESSAGE(unread.out.find("malformed.json:: error[E406]: missing required key \"question\"") != std::string::npos,
                unread.out);
}
