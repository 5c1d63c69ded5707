// Why-not in plain language on bundled scenarios, as the command line prints it: the
// nearest rule's elements that held with their facts, the one that failed, and a profile
// parameter named with its profile and value; profile comparisons naming the parameters
// that make profiles differ, and explaining the rows that differ when asked.
#include "run_binary.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace cybernorms::cli_test;

namespace {

std::string scenario(const std::string& id) { return project + "/scenarios/" + id + ".json"; }

/// The output with its wrapping undone: each line break and the indentation after it
/// become one space, so a test can look for a sentence wherever the lines broke.
std::string unwrapped(const std::string& text) {
  std::string out;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '\n') {
      out += text[at];
      continue;
    }
    while (at + 1 < text.size() && text[at + 1] == ' ') ++at;
    out += ' ';
  }
  return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("why-not names the profile and the parameter's value when the profile is what failed") {
  const Run text = run("eval " + scenario("remote_espionage_foreign_ministry") + " --profile tallinn_majority");
  REQUIRE(text.exit_code == 0);
  const std::string words = unwrapped(text.out);
  CHECK(contains(words,
                 "why not: the nearest rule is non_infringement.surveillance_or_theft (cyber surveillance and theft "
                 "are forbidden as such, whatever their effects); it fails because under tallinn_majority it is not "
                 "the case that remote surveillance or theft of data as such breaches the sovereignty of the state "
                 "where the systems are: the profile sets espionage_breaches = false. What held: the profile sets "
                 "sovereignty_is_rule = true; cable_collection involved surveillance; cable_collection is "
                 "attributable to Arland; cable_collection reached systems or people in Borania; Arland is not "
                 "Borania;"));
  const Run json = run("eval " + scenario("remote_espionage_foreign_ministry") + " --profile tallinn_majority --format json");
  CHECK(contains(json.out, R"j("failed":{"condition":"$espionage_breaches = true","text":"under tallinn_majority it is not )j"
                           R"j(the case that remote surveillance or theft of data as such breaches the sovereignty of the )j"
                           R"j(state where the systems are: the profile sets espionage_breaches = false",)j"
                           R"j("parameter":"espionage_breaches","value":"false"})j"));
  CHECK(contains(json.out, R"j("profile":"tallinn_majority","text":"the nearest rule is non_infringement.surveillance_or_theft)j"));
  // Under the United Kingdom's reading, sovereignty is no rule of its own.
  const Run uk = run("eval " + scenario("remote_espionage_foreign_ministry") + " --profile united_kingdom");
  CHECK(contains(unwrapped(uk.out), "it fails because under united_kingdom it is not the case that a breach of "
                                    "sovereignty is wrongful in itself (sovereignty is a rule, not only a principle "
                                    "from which other rules flow): the profile sets sovereignty_is_rule = false."));
  // Under the default profile the same operation is implicated: no why-not for it.
  const Run default_profile = run("eval " + scenario("remote_espionage_foreign_ministry"));
  CHECK(contains(default_profile.out, "[implicated] non_infringement"));
}

TEST_CASE("why-not words the facts that held and the one that failed, with the values reached") {
  const Run json = run("eval " + scenario("attribution_unknown") + " --format json");
  REQUIRE(json.exit_code == 0);
  // Due diligence: Borania's territory was used, but no fact says it knew. Entities read
  // by their names in words, by their ids in the structured fields.
  CHECK(contains(json.out, R"j("failed":{"condition":"knew_of(Op, State)","text":"no stated fact says that Borania knew )j"
                           R"j(of ministry_intrusion while it was under way"})j"));
  CHECK(contains(json.out, R"j({"condition":"uses_territory_of(Op, State)","text":"territory or infrastructure under )j"
                           R"j(the control of Borania was used for ministry_intrusion","fact":{"relation":)j"
                           R"j("uses_territory_of","args":["ministry_intrusion","borania"]}})j"));
  CHECK(contains(json.out, R"j("bindings":{"State":"borania","Op":"ministry_intrusion")j"));
  // A first element that fails for every operation: no values reached, and it says "any".
  CHECK(contains(json.out, R"j("text":"no stated fact says that any operation involved resource_blocking")j"));
  // A negated element that failed names the fact that is there.
  const Run consent = run("eval " + scenario("consent_given"));
  CHECK(contains(unwrapped(consent.out), "it fails because Borania consented to workshop_strike, which excludes it "
                                         "(exception non_infringement.consent)."));
}

TEST_CASE("eval --why-not answers a goal about a scenario under the profile asked for") {
  const Run answer = run("eval " + scenario("remote_espionage_foreign_ministry") +
                         " --profile tallinn_majority --why-not 'non_infringement(arland, borania, _)'"
                         " --why-not 'attributed_to(_, arland)'");
  REQUIRE(answer.exit_code == 0);
  const std::string words = unwrapped(answer.out);
  CHECK(answer.out.find(scenario("remote_espionage_foreign_ministry") + " under profile tallinn_majority:\n\n"
                        "non_infringement(arland, borania, _) is not derived\n") == 0);
  CHECK(contains(words, "the profile sets espionage_breaches = false"));
  CHECK(contains(answer.out, "attributed_to(cable_collection, arland) is established\n"));
  const Run default_answer =
      run("eval " + scenario("remote_espionage_foreign_ministry") + " --why-not 'non_infringement(arland, _, _)'");
  CHECK(contains(default_answer.out, "non_infringement(arland, borania, cable_collection) is established\n"));
}

TEST_CASE("a profile comparison names the parameters whose values make the profiles differ") {
  const std::string espionage = scenario("remote_espionage_foreign_ministry");
  const Run text = run("eval " + espionage + " --compare-profiles");
  REQUIRE(text.exit_code == 0);
  CHECK(contains(unwrapped(text.out),
                 "non_infringement(arland, borania, cable_collection): the profiles differ because "
                 "sovereignty_is_rule is open under settled, false under united_kingdom, true under the others; "
                 "breach_threshold is open under settled, functional_loss under tallinn_majority, penetration under "
                 "the others; espionage_breaches is open under settled, false under tallinn_majority, true under the "
                 "others"));
  // Espionage as interference: the primary source is silent, so the default holds it open.
  CHECK(contains(unwrapped(text.out),
                 "non_interference(arland, borania, cable_collection): the profiles differ because "
                 "intervention_requires_coercion is true under tallinn_majority and united_kingdom, false under "
                 "default, france, iran and russia, open under the others; espionage_interferes is false under "
                 "tallinn_majority, open under the others"));
  CHECK_FALSE(contains(text.out, "the nearest rule is"));  // explanations only with --explain
  const Run json = run("eval " + espionage + " --compare-profiles --format json");
  CHECK(contains(json.out, R"j("agree":false,"parameters":[{"parameter":"sovereignty_is_rule","values":{"default":"true",)j"));
  CHECK(contains(json.out, R"j({"parameter":"espionage_breaches","values":{"default":"true","finland":"true",)j"));
  CHECK(contains(json.out, R"j("principle":"use_of_force","roles":{},"levels":)j"));
  const Run markdown = run("eval " + espionage + " --compare-profiles --format markdown");
  CHECK(contains(markdown.out, "### Why the profiles differ\n\n- non\\_infringement(arland, borania, cable\\_collection): "
                               "the profiles differ because sovereignty\\_is\\_rule is open under settled, false under "
                               "united\\_kingdom"));
  // Only the parameter that differs where the levels do: the Tallinn majority finds the
  // governmental-function variant too, so only the United Kingdom's reading is named.
  const Run function = run("eval " + scenario("espionage_governmental_function") + " --compare-profiles");
  CHECK(contains(unwrapped(function.out), "non_infringement(arland, borania, note_forgery): the profiles differ "
                                          "because sovereignty_is_rule is open under settled, false under "
                                          "united_kingdom, true under the others; breach_threshold is open under "
                                          "settled, functional_loss under tallinn_majority, penetration under the "
                                          "others"));
  // The Tallinn majority's espionage_breaches differs too, but no profile that disagrees
  // with another on this row rests on it: it is not named.
  CHECK_FALSE(contains(unwrapped(function.out), "non_infringement(arland, borania, note_forgery): the profiles "
                                                "differ because sovereignty_is_rule is open under settled, false "
                                                "under united_kingdom, true under the others; breach_threshold is "
                                                "open under settled, functional_loss under tallinn_majority, "
                                                "penetration under the others; espionage_breaches"));
}

TEST_CASE("--explain with --compare-profiles explains each profile's reading of the rows that differ") {
  const Run brief = run("eval " + scenario("remote_espionage_foreign_ministry") + " --compare-profiles --explain brief");
  REQUIRE(brief.exit_code == 0);
  const std::string words = unwrapped(brief.out);
  CHECK(contains(words, "under default, finland, france, germany, iran, netherlands, new_zealand and russia: implicated "));
  CHECK(contains(words, "under tallinn_majority: not implicated: the nearest rule is "
                        "non_infringement.surveillance_or_theft"));
  CHECK(contains(words, "under united_kingdom: not implicated: the nearest rule is"));
  const Run full = run("eval " + scenario("remote_espionage_foreign_ministry") + " --compare-profiles --explain full");
  CHECK(contains(unwrapped(full.out), "implicated; because cable_collection, an act of Arland,"));
  const Run json = run("eval " + scenario("remote_espionage_foreign_ministry") +
                       " --compare-profiles --explain brief --format json");
  CHECK(contains(json.out, R"j("explanations":{"default":"implicated",)j"));
  // Rows the profiles agree on carry no explanation: one per row that differs.
  const auto count = [&](std::string_view needle) {
    std::size_t n = 0;
    for (auto at = json.out.find(needle); at != std::string::npos; at = json.out.find(needle, at + 1)) ++n;
    return n;
  };
  CHECK(count("\"explanations\"") == count("\"agree\":false"));
  CHECK(count("\"agree\":true") > 0);
}
