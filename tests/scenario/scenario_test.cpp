#include "scenario/scenario.hpp"
#include "rule_set_builder.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace cybernorms;

namespace {

const compile::RuleSet& rules() {
  static const compile::RuleSet built = test::sample_rules();
  return built;
}

/// Facts as `rel(a, b)`, with ` ?` after unknown ones, in load order.
std::vector<std::string> facts_of(const scenario::LoadedScenario& scenario) {
  std::vector<std::string> out;
  for (const auto& fact : scenario.facts) {
    std::string args;
    for (const auto& arg : fact.args) args += (args.empty() ? "" : ", ") + arg;
    out.push_back(fmt::format("{}({}){}", rules().relations[fact.relation].name, args,
                              fact.truth == base::Truth::unknown ? " ?" : ""));
  }
  return out;
}

/// Facts of one relation only.
std::vector<std::string> facts_of(const scenario::LoadedScenario& scenario, const std::string& relation) {
  std::vector<std::string> all = facts_of(scenario);
  std::vector<std::string> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const std::string& fact) { return fact.rfind(relation + "(", 0) == 0; });
  return out;
}

struct Loaded {
  scenario::LoadedScenario scenario;
  base::Diagnostics diagnostics;
};

Loaded load(std::string_view text, const scenario::ScenarioLimits& limits = {}) {
  Loaded loaded;
  loaded.scenario = scenario::load_scenario(text, "s.json", rules(), loaded.diagnostics, limits);
  return loaded;
}

/// Diagnostics as `pointer: error[CODE]: message`, one string each.
std::vector<std::string> errors_of(const Loaded& loaded) {
  std::vector<std::string> out;
  for (const auto& d : loaded.diagnostics.all()) {
    out.push_back(fmt::format("{}: {}[{}]: {}", d.pointer, base::to_string(d.severity), d.code, d.message));
  }
  return out;
}

/// A scenario with one state "a", one operation "op1" with the given attributes.
std::string with_operation(const std::string& attributes) {
  return R"({"id": "t", "states": [{"id": "a"}, {"id": "b"}], "actors": [{"id": "unit"}],
             "assets": [{"id": "grid", "state": "b"}],
             "operations": [{"id": "op1", )" +
         attributes + "}]}";
}

}  // namespace

TEST_CASE("every member of a collection bound with `from C` is a true fact") {
  const Loaded loaded = load(R"({"id": "t", "states": [{"id": "a"}, {"id": "b", "name": "State B"}]})");
  CHECK(errors_of(loaded).empty());
  CHECK(facts_of(loaded.scenario, "state") == std::vector<std::string>{"state(a)", "state(b)"});
  CHECK(loaded.scenario.entities[1] == scenario::ScenarioEntity{"states", "b", "State B"});
}

TEST_CASE("the scenario header gives id, title, description, notes and sources") {
  const Loaded loaded = load(R"({"id": "clt-02", "title": "Grid", "description": "A blackout.",
      "notes": "one note", "sources": ["report 1", "report 2"], "$schema": "scenario.schema.json"})");
  CHECK(errors_of(loaded).empty());
  CHECK(loaded.scenario.id == "clt-02");
  CHECK(loaded.scenario.title == "Grid");
  CHECK(loaded.scenario.description == "A blackout.");
  CHECK(loaded.scenario.notes == std::vector<std::string>{"one note"});
  CHECK(loaded.scenario.sources == std::vector<std::string>{"report 1", "report 2"});
  CHECK(load(R"({"id": "x", "notes": ["a", "b"]})").scenario.notes == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a scalar attribute gives one true fact of its value") {
  SUBCASE("an enumeration value") {
    const Loaded loaded = load(with_operation(R"("scale": "severe")"));
    CHECK(facts_of(loaded.scenario, "effect_scale") == std::vector<std::string>{"effect_scale(op1, severe)"});
  }
  SUBCASE("an entity of the argument's type") {
    const Loaded loaded = load(with_operation(R"("actor": "unit")"));
    CHECK(facts_of(loaded.scenario, "conducted_by") == std::vector<std::string>{"conducted_by(op1, unit)"});
  }
  SUBCASE("an integer") {
    const Loaded loaded = load(with_operation(R"("duration_days": 12)"));
    CHECK(facts_of(loaded.scenario, "duration_days") == std::vector<std::string>{"duration_days(op1, 12)"});
  }
  SUBCASE("a string") {
    const Loaded loaded = load(with_operation(R"("codename": "Night Owl")"));
    CHECK(facts_of(loaded.scenario, "codename") == std::vector<std::string>{"codename(op1, Night Owl)"});
  }
}

TEST_CASE("an unknown scalar makes each allowed value an unknown fact, at most one of them true") {
  SUBCASE("enumeration values") {
    const Loaded loaded = load(with_operation(R"("scale": "unknown")"));
    CHECK(facts_of(loaded.scenario, "effect_scale") ==
          std::vector<std::string>{"effect_scale(op1, minor) ?", "effect_scale(op1, significant) ?",
                                   "effect_scale(op1, severe) ?"});
    REQUIRE(loaded.scenario.exclusive.size() >= 1);
    const auto& group = loaded.scenario.exclusive.back();
    CHECK(group.size() == 3);
    CHECK(rules().relations[loaded.scenario.facts[group[0]].relation].name == "effect_scale");
  }
  SUBCASE("every entity of the type in the scenario") {
    const Loaded loaded = load(R"({"id": "t", "states": [{"id": "a"}, {"id": "b"}],
        "assets": [{"id": "grid", "state": "unknown"}]})");
    CHECK(facts_of(loaded.scenario, "located_in") ==
          std::vector<std::string>{"located_in(grid, a) ?", "located_in(grid, b) ?"});
  }
}

TEST_CASE("a missing scalar takes its default, or else is unknown") {
  const Loaded loaded = load(with_operation(R"("consent": false)"));
  CHECK(facts_of(loaded.scenario, "effect_scale") == std::vector<std::string>{"effect_scale(op1, minor)"});
  CHECK(facts_of(loaded.scenario, "conducted_by") == std::vector<std::string>{"conducted_by(op1, unit) ?"});
  CHECK(facts_of(loaded.scenario, "duration_days").empty());  // an unknown number names no value
}

TEST_CASE("a yes/no attribute is a true fact, no fact, or an unknown fact") {
  CHECK(facts_of(load(with_operation(R"("consent": true)")).scenario, "consent_given") ==
        std::vector<std::string>{"consent_given(op1)"});
  CHECK(facts_of(load(with_operation(R"("consent": false)")).scenario, "consent_given").empty());
  CHECK(facts_of(load(with_operation(R"("consent": "unknown")")).scenario, "consent_given") ==
        std::vector<std::string>{"consent_given(op1) ?"});
  CHECK(facts_of(load(with_operation(R"("scale": "minor")")).scenario, "consent_given") ==
        std::vector<std::string>{"consent_given(op1) ?"});
  SUBCASE("a missing one with a default takes the default") {
    CHECK(facts_of(load(with_operation(R"("consent": true)")).scenario, "physically_present").empty());
    CHECK(facts_of(load(with_operation(R"("operators_present": true)")).scenario, "physically_present") ==
          std::vector<std::string>{"physically_present(op1)"});
  }
}

TEST_CASE("a list attribute says which values hold and how complete it is") {
  SUBCASE("an array is complete: what it leaves out is false") {
    CHECK(facts_of(load(with_operation(R"("acts": ["data_theft"])")).scenario, "act") ==
          std::vector<std::string>{"act(op1, data_theft)"});
  }
  SUBCASE("\"unknown\" among the values leaves the others unknown") {
    CHECK(facts_of(load(with_operation(R"("acts": ["data_theft", "unknown"])")).scenario, "act") ==
          std::vector<std::string>{"act(op1, data_theft)", "act(op1, unauthorised_access) ?", "act(op1, disruption) ?"});
  }
  SUBCASE("an object marked incomplete leaves the others unknown") {
    CHECK(facts_of(load(with_operation(R"("acts": {"values": ["disruption"], "complete": false})")).scenario, "act") ==
          std::vector<std::string>{"act(op1, disruption)", "act(op1, unauthorised_access) ?", "act(op1, data_theft) ?"});
  }
  SUBCASE("an object with an unknown list makes only those unknown") {
    CHECK(facts_of(load(with_operation(R"("acts": {"values": ["disruption"], "unknown": ["data_theft"]})")).scenario,
                   "act") == std::vector<std::string>{"act(op1, disruption)", "act(op1, data_theft) ?"});
  }
  SUBCASE("\"unknown\" makes every value unknown") {
    CHECK(facts_of(load(with_operation(R"("acts": "unknown")")).scenario, "act") ==
          std::vector<std::string>{"act(op1, unauthorised_access) ?", "act(op1, data_theft) ?", "act(op1, disruption) ?"});
  }
  SUBCASE("a missing list with `default []` is empty and complete") {
    CHECK(facts_of(load(with_operation(R"("acts": [])")).scenario, "targets").empty());
  }
  SUBCASE("a missing list with a one-value default holds that value alone") {
    test::RuleSetBuilder b;
    b.enumeration("layer", {"physical", "logical"});
    b.entity("asset", "assets");
    b.relation("asset_layer", {{"asset", "asset"}, {"layer", "layer"}}, "{asset} is in {layer}",
               b.from_list_defaulting_to("assets", "layer", "logical"));
    const compile::RuleSet layered = b.build();
    base::Diagnostics diagnostics;
    const auto scenario = scenario::load_scenario(R"({"id": "t", "assets": [{"id": "x"}]})", "s.json", layered, diagnostics);
    REQUIRE(scenario.facts.size() == 1);
    CHECK(scenario.facts[0].args == std::vector<std::string>{"x", "logical"});
    CHECK(scenario.facts[0].truth == base::Truth::yes);
  }
  SUBCASE("a missing list without a default leaves every value unknown") {
    CHECK(facts_of(load(with_operation(R"("consent": true)")).scenario, "act").size() == 3);
  }
  SUBCASE("a list of entities refers to the scenario's entities") {
    CHECK(facts_of(load(with_operation(R"("targets": ["grid", "grid"])")).scenario, "targets") ==
          std::vector<std::string>{"targets(op1, grid)"});
  }
}

TEST_CASE("only the values of one unknown scalar form a group of which at most one is true") {
  const Loaded loaded = load(R"({"id": "t", "states": [{"id": "a"}, {"id": "b"}],
      "assets": [{"id": "grid", "state": "unknown"}, {"id": "mail", "state": "unknown"}],
      "actors": [{"id": "unit", "organ_of": "unknown"}]})");
  REQUIRE(loaded.scenario.exclusive.size() == 2);
  const auto group_text = [&](const std::vector<std::size_t>& group) {
    std::vector<std::string> out;
    for (const auto index : group) out.push_back(facts_of(loaded.scenario)[index]);
    return out;
  };
  CHECK(group_text(loaded.scenario.exclusive[0]) ==
        std::vector<std::string>{"located_in(grid, a) ?", "located_in(grid, b) ?"});
  CHECK(group_text(loaded.scenario.exclusive[1]) ==
        std::vector<std::string>{"located_in(mail, a) ?", "located_in(mail, b) ?"});
  CHECK(facts_of(loaded.scenario, "organ_of") == std::vector<std::string>{"organ_of(unit, a) ?", "organ_of(unit, b) ?"});
}

TEST_CASE("asked once, the values an attribute leaves open of an interchangeable type are one fact, `_`") {
  // The sample rule set has no rules: its enumerations are interchangeable, its entity
  // types are not enumerations.
  scenario::ScenarioLimits once;
  once.open_values_once = true;
  SUBCASE("an unknown scalar: one fact, in no group") {
    const Loaded loaded = load(with_operation(R"("scale": "unknown")"), once);
    CHECK(facts_of(loaded.scenario, "effect_scale") == std::vector<std::string>{"effect_scale(op1, _) ?"});
    CHECK(loaded.scenario.exclusive.empty());
  }
  SUBCASE("an unknown list, and the values a list leaves open") {
    CHECK(facts_of(load(with_operation(R"("acts": "unknown")"), once).scenario, "act") ==
          std::vector<std::string>{"act(op1, _) ?"});
    CHECK(facts_of(load(with_operation(R"("acts": ["data_theft", "unknown"])"), once).scenario, "act") ==
          std::vector<std::string>{"act(op1, data_theft)", "act(op1, _) ?"});
  }
  SUBCASE("values named open, and a single value left open, keep facts of their own") {
    CHECK(facts_of(load(with_operation(R"("acts": {"values": ["disruption"], "unknown": ["data_theft"]})"), once)
                       .scenario,
                   "act") == std::vector<std::string>{"act(op1, disruption)", "act(op1, data_theft) ?"});
    CHECK(facts_of(load(with_operation(R"("acts": ["disruption", "data_theft", "unknown"])"), once).scenario, "act") ==
          std::vector<std::string>{"act(op1, disruption)", "act(op1, data_theft)", "act(op1, unauthorised_access) ?"});
  }
  SUBCASE("entities are told apart by the rules, so each stays a fact") {
    const Loaded loaded = load(R"({"id": "t", "states": [{"id": "a"}, {"id": "b"}],
        "assets": [{"id": "grid", "state": "unknown"}]})", once);
    CHECK(facts_of(loaded.scenario, "located_in") ==
          std::vector<std::string>{"located_in(grid, a) ?", "located_in(grid, b) ?"});
  }
}

TEST_CASE("a duplicate key is found in an object with many keys too") {
  std::string text = R"({"id": "t")";
  for (int i = 0; i < 40; ++i) text += fmt::format(R"(, "k{}": 1)", i);
  text += R"(, "k5": 2})";
  const auto errors = errors_of(load(text));
  CHECK(std::count(errors.begin(), errors.end(),
                   "/k5: error[E408]: duplicate key (only one value per key is allowed)") == 1);
  CHECK(errors.size() == 41);  // and one E403 for each of the 40 keys the rule base does not declare
}

TEST_CASE("pointers escape '/' and '~' in keys as RFC 6901 asks") {
  CHECK(errors_of(load(with_operation(R"("a/b~c": 1)"))) ==
        std::vector<std::string>{R"(/operations/0/a~1b~0c: error[E403]: unknown key "a/b~c" in operations; expected one of id, name, description, notes, actor, acts, scale, consent, operators_present, targets, duration_days, codename)"});
}

TEST_CASE("each validation problem names its pointer and what was expected") {
  const auto only_error = [](const std::string& text) {
    const auto errors = errors_of(load(text));
    REQUIRE(errors.size() == 1);
    return errors.front();
  };
  CHECK(only_error(with_operation(R"("actor": "unitt")")) ==
        R"(/operations/0/actor: error[E404]: no actor "unitt" (did you mean "unit"?))");
  CHECK(only_error(with_operation(R"("actor": "a")")) ==
        R"(/operations/0/actor: error[E404]: no actor "a" ("a" is in states))");
  CHECK(only_error(with_operation(R"("consent": "maybe")")) ==
        R"(/operations/0/consent: error[E402]: expected true, false or "unknown", got "maybe")");
  CHECK(only_error(with_operation(R"("consent": 1)")) ==
        R"(/operations/0/consent: error[E401]: expected true, false or "unknown", got 1)");
  CHECK(only_error(with_operation(R"("scale": "sever")")) ==
        R"(/operations/0/scale: error[E402]: expected one of minor, significant, severe or "unknown", got "sever" (did you mean "severe"?))");
  CHECK(only_error(with_operation(R"("duration_days": 1.5)")) ==
        R"(/operations/0/duration_days: error[E402]: expected an integer or "unknown", got 1.5)");
  CHECK(only_error(with_operation(R"("duration_days": 9223372036854775808)")) ==
        R"(/operations/0/duration_days: error[E402]: expected an integer or "unknown", got 9223372036854775808)");
  CHECK(only_error(with_operation(R"("duration_days": 1e400)")).find("error[E400]: not JSON") != std::string::npos);
  CHECK(only_error(with_operation(R"("acts": ["data_theft", 3])")) ==
        R"(/operations/0/acts/1: error[E401]: expected one of unauthorised_access, data_theft, disruption or "unknown", got 3)");
  CHECK(only_error(with_operation(R"("acts": 3)")) ==
        R"(/operations/0/acts: error[E401]: expected an array, an object {"values": [...]} or "unknown", got 3)");
  CHECK(only_error(with_operation(R"("acts": {"values": [], "complet": false})")) ==
        R"(/operations/0/acts/complet: error[E403]: unknown key "complet" in a list object (did you mean "complete"?))");
  CHECK(only_error(with_operation(R"("acts": {"unknown": []})")) ==
        R"(/operations/0/acts: error[E406]: missing required key "values")");
  CHECK(only_error(with_operation(R"("acts": {"values": ["disruption"], "unknown": ["disruption"]})")) ==
        R"(/operations/0/acts/unknown: error[E402]: "disruption" is listed both in "values" and in "unknown")");
  CHECK(only_error(with_operation(R"("consnt": true)")) ==
        R"(/operations/0/consnt: error[E403]: unknown key "consnt" in operations (did you mean "consent"?))");
  CHECK(only_error(R"({"id": "t", "states": [{"id": "a"}, {"id": "a"}]})") ==
        R"(/states/1/id: error[E405]: duplicate id "a" (first used at /states/0))");
  CHECK(only_error(R"({"id": "t", "states": [{"name": "A"}]})") == R"(/states/0: error[E406]: missing required key "id")");
  CHECK(only_error(R"({"states": []})") == R"(: error[E406]: missing required key "id" (the scenario's id))");
  CHECK(only_error(R"({"id": "t", "states": {}})") == R"(/states: error[E401]: expected an array of objects, got {})");
  CHECK(only_error(R"({"id": "t", "states": ["a"]})") ==
        R"(/states/0: error[E401]: expected an object with an "id", got "a")");
  CHECK(only_error(R"({"id": "t", "states": [{"id": "unknown"}]})") ==
        R"(/states/0/id: error[E402]: an id must be a non-empty string other than "unknown" and "_", got "unknown")");
  CHECK(only_error(R"({"id": "t", "states": [{"id": "_"}]})") ==
        R"(/states/0/id: error[E402]: an id must be a non-empty string other than "unknown" and "_", got "_")");
  CHECK(only_error(R"({"id": "t", "states": [{"id": "a", "name": "A", "name": "B"}]})") ==
        R"(/states/0/name: error[E408]: duplicate key (only one value per key is allowed))");
  CHECK(only_error(R"({"id": 7})") == R"(/id: error[E401]: expected a string, got 7)");
  CHECK(only_error(R"({"id": "t", "notes": [1]})") ==
        R"(/notes: error[E401]: expected a string or an array of strings, got an array)");
  CHECK(only_error(R"([1, 2])") == R"(: error[E401]: expected a JSON object (the scenario), got an array)");
  CHECK(only_error(R"({"id": "t", "xyzzy": 1})") ==
        R"(/xyzzy: error[E403]: unknown key "xyzzy" in the scenario; expected one of $schema, id, title, description, notes, sources, states, actors, assets, operations)");
}

TEST_CASE("an object without a usable id still has its attributes checked") {
  CHECK(errors_of(load(R"({"id": "t", "operations": [{"consent": "maybe", "colour": 1},
                                                    {"id": "op", "scale": "huge"}, {"id": "op", "scale": "tiny"}]})")) ==
        std::vector<std::string>{
            R"(/operations/0: error[E406]: missing required key "id")",
            R"(/operations/2/id: error[E405]: duplicate id "op" (first used at /operations/1))",
            R"(/operations/1/scale: error[E402]: expected one of minor, significant, severe or "unknown", got "huge")",
            R"(/operations/0/colour: error[E403]: unknown key "colour" in operations; expected one of id, name, description, notes, actor, acts, scale, consent, operators_present, targets, duration_days, codename)",
            R"(/operations/0/consent: error[E402]: expected true, false or "unknown", got "maybe")",
            R"(/operations/2/scale: error[E402]: expected one of minor, significant, severe or "unknown", got "tiny")"});
}

TEST_CASE("all problems of a scenario are reported at once, and it yields no facts") {
  const Loaded loaded = load(R"({"id": "t", "stats": [],
      "states": [{"id": "a"}, {"id": "a"}],
      "operations": [{"id": "op1", "actor": "nobody", "consent": "maybe", "acts": ["hacking"]}]})");
  CHECK(errors_of(loaded).size() == 5);
  CHECK(loaded.diagnostics.error_count() == 5);
  CHECK(loaded.scenario.facts.empty());
}

TEST_CASE("malformed input gives a diagnostic, never a crash") {
  SUBCASE("empty") {
    CHECK(errors_of(load("")) == std::vector<std::string>{": error[E400]: empty document: expected a JSON object"});
    CHECK(errors_of(load(" \n ")).size() == 1);
  }
  SUBCASE("not JSON, with the line and column") {
    CHECK(errors_of(load("{\"id\": \"t\",\n  \"states\": [}\n")) ==
          std::vector<std::string>{": error[E400]: not JSON: line 2, column 14: syntax error while parsing value - "
                                   "unexpected '}'; expected '[', '{', or a literal"});
  }
  SUBCASE("nesting 100,000 deep is refused before parsing") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(errors_of(load(deep)) ==
          std::vector<std::string>{": error[E407]: nested deeper than 64 levels at line 1, column 65"});
  }
  SUBCASE("brackets inside strings do not count as nesting") {
    const std::string text = R"({"id": ")" + std::string(1000, '[') + R"("})";
    CHECK(errors_of(load(text)).empty());
  }
  SUBCASE("10 MB is over the size limit") {
    const std::string big = R"({"id": ")" + std::string(10u << 20, 'x') + R"("})";
    CHECK(errors_of(load(big)) ==
          std::vector<std::string>{": error[E407]: the document is 10485770 bytes; at most 8388608 are read"});
  }
  SUBCASE("binary data") {
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 131 + 7) % 256);
    const auto errors = errors_of(load(binary));
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().find("error[E400]") != std::string::npos);
  }
  SUBCASE("bytes that are not UTF-8 are shown escaped in the message") {
    const auto errors = errors_of(load("\xff"));
    REQUIRE(errors.size() == 1);
    CHECK(errors.front() == ": error[E400]: not JSON: line 1, column 1: syntax error while parsing value - invalid literal; "
                            "last read: '\\xFF'");
  }
  SUBCASE("invalid UTF-8 in a string") {
    const auto errors = errors_of(load("{\"id\": \"\xff\xfe\"}"));
    REQUIRE(errors.size() == 1);
    CHECK(errors.front().find("error[E400]: not JSON: line 1, column 9") != std::string::npos);
  }
}

TEST_CASE("a scenario that would expand past the fact limit is refused") {
  std::string text = R"({"id": "t", "states": [)";
  for (int i = 0; i < 50; ++i) text += fmt::format(R"({}{{"id": "s{}"}})", i == 0 ? "" : ",", i);
  text += R"(], "assets": [)";
  for (int i = 0; i < 50; ++i) text += fmt::format(R"({}{{"id": "x{}", "state": "unknown"}})", i == 0 ? "" : ",", i);
  text += "]}";
  CHECK(load(text).scenario.facts.size() == 50 + 50 * 50);
  const Loaded limited = load(text, scenario::ScenarioLimits{1u << 20, 64, 1000});
  CHECK(limited.scenario.facts.empty());
  REQUIRE(errors_of(limited).size() == 1);
  CHECK(errors_of(limited).front() == "/assets/19: error[E407]: the scenario expands to more than 1000 facts");
}

TEST_CASE("thousands of mutated scenarios each give facts or diagnostics, never both, never a crash") {
  const std::string original = with_operation(
      R"("actor": "unit", "acts": {"values": ["data_theft"], "unknown": ["disruption"]}, "scale": "unknown",
         "consent": false, "targets": ["grid"], "duration_days": 4, "codename": "x")");
  REQUIRE(errors_of(load(original)).empty());
  const std::string alphabet = "{}[]\",:0 \\ux\xff\nunknown";
  std::uint64_t state = 12345;  // a fixed seed: the same mutations on every run
  const auto next = [&state](std::size_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33) % bound);
  };
  std::size_t valid = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = original;
    for (int edits = 1 + static_cast<int>(next(3)); edits > 0; --edits) {
      const std::size_t at = next(text.size());
      switch (next(3)) {
        case 0: text[at] = alphabet[next(alphabet.size())]; break;
        case 1: text.erase(at, 1 + next(8)); break;
        default: text.insert(at, 1, alphabet[next(alphabet.size())]); break;
      }
    }
    const Loaded loaded = load(text);
    CHECK((loaded.diagnostics.error_count() == 0) == !loaded.scenario.facts.empty());
    valid += loaded.diagnostics.error_count() == 0 ? 1 : 0;
  }
  CHECK(valid > 0);  // some mutations (inside strings, spaces) leave the scenario valid
}

TEST_CASE("a scenario reader prepared once loads many scenarios as load_scenario does") {
  const scenario::ScenarioReader reader(rules());
  for (const std::string& text : {with_operation(R"("scale": "unknown", "actor": "unit")"),
                                  with_operation(R"("actor": "unitt")"), std::string("[")}) {
    base::Diagnostics once;
    base::Diagnostics prepared;
    const auto expected = scenario::load_scenario(text, "s.json", rules(), once);
    const auto loaded = reader.load(text, "s.json", prepared);
    CHECK(loaded.facts == expected.facts);
    CHECK(loaded.exclusive == expected.exclusive);
    CHECK(prepared.all() == once.all());
  }
}

namespace {

/// What a receiver is given, written out: each fact, then each group, in the order given.
class RecordingReceiver final : public scenario::FactReceiver {
 public:
  void add(compile::RelationId relation, std::span<const std::string_view> args, base::Truth truth) override {
    std::string text;
    for (const auto arg : args) text += (text.empty() ? "" : ", ") + std::string(arg);
    given.push_back(fmt::format("{}({}){}", rules().relations[relation].name, text,
                                truth == base::Truth::unknown ? " ?" : ""));
  }
  void exclusive(std::size_t first, std::size_t count) override {
    groups.push_back(fmt::format("{}+{}", first, count));
  }
  std::vector<std::string> given;
  std::vector<std::string> groups;
};

std::vector<std::string> groups_of(const scenario::LoadedScenario& scenario) {
  std::vector<std::string> out;
  for (const auto& group : scenario.exclusive) {
    bool in_a_row = true;
    for (std::size_t i = 1; i < group.size(); ++i) in_a_row = in_a_row && group[i] == group[0] + i;
    out.push_back(in_a_row ? fmt::format("{}+{}", group.front(), group.size()) : "not in a row");
  }
  return out;
}

}  // namespace

TEST_CASE("a reader gives a receiver the facts and groups load keeps, in the same order") {
  const scenario::ScenarioReader reader(rules());
  const std::string text = R"({"id": "t", "states": [{"id": "a"}, {"id": "b"}],
      "assets": [{"id": "grid", "state": "unknown"}, {"id": "mail", "state": "a"}],
      "actors": [{"id": "unit", "organ_of": "unknown"}]})";
  base::Diagnostics loading;
  const auto loaded = reader.load(text, "s.json", loading);
  REQUIRE_FALSE(loading.has_errors());
  REQUIRE(loaded.facts.size() > 4);
  RecordingReceiver receiver;
  base::Diagnostics reading;
  const auto read = reader.read(text, "s.json", reading, {}, nullptr, receiver);
  CHECK(receiver.given == facts_of(loaded));
  CHECK(receiver.groups == groups_of(loaded));
  CHECK(receiver.groups == std::vector<std::string>{"4+2"});  // the states of grid, whose state is unknown
  CHECK(read.facts.empty());
  CHECK(read.exclusive.empty());
  CHECK(read.id == "t");
  CHECK(read.entities == loaded.entities);
  CHECK(reading.all() == loading.all());

  // An invalid scenario: the receiver may have been given facts, load keeps none, and the
  // diagnostics are the same either way.
  const std::string invalid = with_operation(R"("actor": "unitt")");
  base::Diagnostics invalid_loading, invalid_reading;
  RecordingReceiver ignored;
  CHECK(reader.load(invalid, "s.json", invalid_loading).facts.empty());
  reader.read(invalid, "s.json", invalid_reading, {}, nullptr, ignored);
  CHECK(invalid_loading.has_errors());
  CHECK(invalid_reading.all() == invalid_loading.all());
}
