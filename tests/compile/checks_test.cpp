// Checks on rule text held in strings: each diagnostic's place, code, message and notes.
#include "compile_fixture.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace cybernorms;
using testing::check_text;
using testing::errors;
using testing::vocabulary;

namespace {

const std::string cite = R"(cite doc section "Part One / Duties" quote "No state shall harm another")";

std::string rule(const std::string& id, const std::string& head, const std::string& when,
                 const std::string& because = "x") {
  return fmt::format("rule {} {{\n  conclude {}\n  when {}\n  because \"{}\"\n  {}\n}}\n", id, head, when, because, cite);
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("an unknown relation is reported at its name, with the nearest declared name") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and hostle(A)") + vocabulary);
  CHECK(errors(checked) == Lines{"3:38 error[E201] unknown relation 'hostle'"});
  const auto* diagnostic = testing::only(checked, "E201");
  REQUIRE(diagnostic != nullptr);
  CHECK(diagnostic->span.length == 6);
  CHECK(diagnostic->notes == Lines{"did you mean 'hostile'?"});
  CHECK_FALSE(checked.rules.has_value());
}

TEST_CASE("a name far from every declared one gets no suggestion") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and zzzzzz(A)") + vocabulary);
  const auto* diagnostic = testing::only(checked, "E201");
  REQUIRE(diagnostic != nullptr);
  CHECK(diagnostic->notes.empty());
}

TEST_CASE("every error in the rule base is reported, not just the first") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V, V) and act(Op, acess)") +
                                  rule("harm.y", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and A < V") + vocabulary);
  CHECK(errors(checked) == Lines{"3:22 error[E206] 'hits' takes 2 arguments, got 3",
                                 "3:49 error[E207] 'acess' is not a value of type 'act_kind'",
                                 "9:40 error[E214] '<' needs an ordered type (int or an enumeration), but 'state' has "
                                 "no order"});
}

TEST_CASE("a duplicate declaration says where the first one is") {
  const auto checked = check_text("relation hostile(s: state)\n" + vocabulary);
  CHECK(errors(checked) == Lines{"16:10 error[E208] duplicate relation 'hostile'"});
  const auto* diagnostic = testing::only(checked, "E208");
  REQUIRE(diagnostic != nullptr);
  CHECK(diagnostic->notes == Lines{"first declared at test.cnr:1:1"});
}

TEST_CASE("a principle and a relation share one name space") {
  const auto checked = check_text("relation harm(a: state)\n" + vocabulary);
  CHECK(errors(checked) == Lines{"18:11 error[E208] duplicate principle 'harm'"});
}

TEST_CASE("a built-in type cannot be declared again") {
  const auto checked = check_text("type int = { one, two }\n" + vocabulary);
  const auto* diagnostic = testing::only(checked, "E208");
  REQUIRE(diagnostic != nullptr);
  CHECK(testing::one_line(*diagnostic) == "1:6 error[E208] duplicate type 'int'");
  CHECK(diagnostic->notes == Lines{"'int' is a built-in type"});
}

TEST_CASE("constants in comparisons are checked against the type of the other side") {
  SUBCASE("an enumeration value that is not one") {
    const auto checked =
        check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and size(Op, S) and S >= hueg") + vocabulary);
    CHECK(errors(checked) == Lines{"3:59 error[E207] 'hueg' is not a value of type 'scale'"});
    CHECK(testing::only(checked, "E207")->notes.empty());
  }
  SUBCASE("a name where an int is expected") {
    const auto checked = check_text("relation count(op: operation, n: int) from operations.count\n" +
                                    rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and count(Op, N) and N > lots") +
                                    vocabulary);
    CHECK(errors(checked) == Lines{"4:59 error[E207] expected an int, got 'lots'"});
  }
  SUBCASE("a parameter compared with a value of another type") {
    const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and $threshold = true") + vocabulary);
    CHECK(errors(checked) == Lines{"3:51 error[E207] 'true' is not a value of type 'scale'"});
  }
  SUBCASE("two variables of different types") {
    const auto checked = check_text(
        rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and size(Op, S) and act(Op, K) and S = K") + vocabulary);
    CHECK(errors(checked) == Lines{"3:71 error[E209] '=' compares a 'scale' with a 'act_kind'"});
  }
}

TEST_CASE("an enumeration value close to a declared one is suggested") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and act(Op, thef)") + vocabulary);
  const auto* diagnostic = testing::only(checked, "E207");
  REQUIRE(diagnostic != nullptr);
  CHECK(diagnostic->notes == Lines{"did you mean 'theft'?"});
}

TEST_CASE("an unknown parameter suggests the nearest parameter with its dollar sign") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and $treshold = minor") + vocabulary);
  CHECK(errors(checked) == Lines{"3:38 error[E204] unknown parameter '$treshold'"});
  CHECK(testing::only(checked, "E204")->notes == Lines{"did you mean '$threshold'?"});
}

TEST_CASE("an unsafe variable in one alternative names that alternative") {
  const auto checked = check_text(
      rule("harm.x", "harm(A, V, Op)", "by(Op, A) and (hits(Op, V) or act(Op, access))") + vocabulary);
  CHECK(errors(checked) == Lines{"2:20 error[E301] variable 'V' in the head is not bound by any positive condition"});
  CHECK(testing::only(checked, "E301")->notes == Lines{"in alternative 2 of 2"});
}

TEST_CASE("an anonymous variable is never bound, so it may not stand in a negation or a comparison") {
  const auto checked = check_text(
      rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and not consent(Op, _) and A != _") + vocabulary);
  CHECK(errors(checked) == Lines{"3:54 error[E301] '_' in a negated condition is never bound",
                                 "3:66 error[E301] '_' in a comparison is never bound"});
}

TEST_CASE("an exception's target may leave positions open with an anonymous variable") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V)") + R"(
exception consented for harm(_, Victim, Op) {
  when consent(Op, Victim)
  because "{Victim} consented"
  )" + cite + "\n}\n" + vocabulary);
  CHECK(errors(checked).empty());
  CHECK(checked.rules.has_value());
}

TEST_CASE("an exception's target variable must be bound by its body") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V)") + R"(
exception consented for harm(Actor, Victim, Op) {
  when consent(Op, Victim)
  because "{Victim} consented"
  )" + cite + "\n}\n" + vocabulary);
  CHECK(errors(checked) ==
        Lines{"8:30 error[E301] variable 'Actor' in the exception's target is not bound by any positive condition"});
}

TEST_CASE("a relation depending on itself through an exception is a cycle that names the exception") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V)") + R"(
exception retaliation for harm(A, V, Op) {
  when harm(V, A, Op)
  because "{A} answered {V}"
  )" + cite + "\n}\n" + vocabulary);
  CHECK(errors(checked) ==
        Lines{"8:27 error[E303] 'harm' depends on itself through 'not': harm -> exception:retaliation -> harm"});
  CHECK(testing::only(checked, "E303")->notes ==
        Lines{"'harm' is subject to 'exception:retaliation' (test.cnr:8:27)",
              "'exception:retaliation' reads 'harm' (test.cnr:9:8)"});
}

TEST_CASE("a relation negating itself directly is a cycle of one") {
  const auto checked = check_text("relation lonely(s: state)\n" +
                                  rule("lonely.x", "lonely(S)", "hostile(S) and not lonely(S)") +
                                  rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and lonely(V)") + vocabulary);
  CHECK(errors(checked) == Lines{"4:27 error[E303] 'lonely' depends on itself through 'not': lonely -> lonely"});
}

TEST_CASE("recursion without negation is allowed") {
  const auto checked = check_text("relation reaches(a: state, b: state)\n" +
                                  rule("reaches.hit", "reaches(A, V)", "by(Op, A) and hits(Op, V)") +
                                  rule("reaches.chain", "reaches(A, C)", "reaches(A, B) and reaches(B, C)") +
                                  rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and reaches(V, A)") +
                                  vocabulary);
  CHECK(errors(checked).empty());
}

TEST_CASE("a because text may name the rule's variables and the parameters it reads") {
  const auto checked = check_text(rule("harm.x", "harm(A, V, Op)",
                                       "by(Op, A) and hits(Op, V) and size(Op, S) and S >= $threshold",
                                       "{Op} by {A} reached {S}, at least {$threshold}") +
                                  vocabulary);
  CHECK(errors(checked).empty());
}

TEST_CASE("a placeholder close to a variable suggests it") {
  const auto checked = check_text(rule("harm.x", "harm(Actor, V, Op)", "by(Op, Actor) and hits(Op, V)", "{Acter} did it") +
                                  vocabulary);
  CHECK(errors(checked) == Lines{"4:12 error[E216] '{Acter}' in the because text names no variable of rule 'harm.x'"});
  CHECK(testing::only(checked, "E216")->notes == Lines{"did you mean 'Actor'?"});
}

TEST_CASE("a citation may name a heading's leading part") {
  const auto checked = check_text(R"(rule harm.x {
  conclude harm(A, V, Op)
  when by(Op, A) and hits(Op, V)
  because "x"
  cite doc section "Part One" quote "No state shall harm another"
}
)" + vocabulary);
  CHECK(errors(checked).empty());
}

TEST_CASE("a section close to a declared heading suggests it") {
  const auto checked = check_text(R"(rule harm.x {
  conclude harm(A, V, Op)
  when by(Op, A) and hits(Op, V)
  because "x"
  cite doc section "Part One / Dutys" quote "No state shall harm another"
}
)" + vocabulary);
  CHECK(errors(checked) == Lines{"5:21 error[E215] section \"Part One / Dutys\" is not a heading of source 'doc'"});
  CHECK(testing::only(checked, "E215")->notes == Lines{"did you mean \"Part One / Duties\"?"});
}

TEST_CASE("an unknown layer lists the four layers") {
  const auto checked = check_text(R"(principle meddling(a: state) {
  title "Meddling"
  layers social, semantic
  )" + cite + "\n}\n" + rule("meddling.x", "meddling(A)", "hostile(A)") + vocabulary);
  CHECK(errors(checked) == Lines{"3:18 error[E217] unknown layer 'semantic'"});
  CHECK(testing::only(checked, "E217")->notes == Lines{"the layers are physical, logical, application and social"});
}

TEST_CASE("warnings alone do not stop lowering") {
  const auto checked = check_text(R"(rule harm.x {
  conclude harm(A, V, Op)
  when by(Op, A) and hits(Op, V)
  because "x"
}
)" + vocabulary);
  CHECK(errors(checked).empty());
  CHECK(testing::only(checked, "W003") != nullptr);
  CHECK(checked.rules.has_value());
}

TEST_CASE("syntax errors stop lowering, and the rest of the file is still checked") {
  const auto checked = check_text("rule broken {\n  conclude\n}\n" +
                                  rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and hostle(A)") + vocabulary);
  const auto found = errors(checked);
  REQUIRE(found.size() == 2);
  CHECK(found[0].find("error[E1") != std::string::npos);
  CHECK(found[1] == "6:38 error[E201] unknown relation 'hostle'");
  CHECK_FALSE(checked.rules.has_value());
}

TEST_CASE("an empty rule base compiles to an empty rule set with a default profile") {
  const auto checked = check_text("");
  REQUIRE(checked.rules.has_value());
  CHECK(checked.rules->rules.empty());
  REQUIRE(checked.rules->profiles.size() == 1);
  CHECK(checked.rules->profiles[0].id == "default");
}

TEST_CASE("no prefix of a valid rule file crashes the checks") {
  const std::string text = vocabulary + rule("harm.x", "harm(A, V, Op)",
                                             "by(Op, A) and hits(Op, V) and (act(Op, access) or act(Op, theft)) and "
                                             "size(Op, S) and S >= $threshold and not consent(Op, V)") +
                           R"(
exception consented for harm(_, Victim, Op) {
  when consent(Op, Victim)
  because "{Victim} consented"
  )" + cite + "\n}\nprofile p {\n  title \"P\"\n  set threshold = minor\n}\n";
  for (std::size_t length = 0; length <= text.size(); length += 3) {
    CAPTURE(length);
    CHECK_NOTHROW(check_text(text.substr(0, length)));
  }
}

TEST_CASE("a value shared by enumerations at different places is fine while no rule compares them by order") {
  const std::string types = "type level = { low, high }\ntype band = { high, low }\n"
                            "relation level_of(s: state, l: level) from states.level\n"
                            "relation band_of(s: state, b: band) from states.band\n";
  SUBCASE("compared for equality only") {
    const auto checked = check_text(types + rule("harm.x", "harm(A, V, Op)",
                                                 "by(Op, A) and hits(Op, V) and level_of(A, L) and band_of(A, B) and "
                                                 "L = high and B != low") + vocabulary);
    CHECK(errors(checked).empty());
  }
  SUBCASE("compared by order") {
    const auto checked = check_text(types + rule("harm.x", "harm(A, V, Op)",
                                                 "by(Op, A) and hits(Op, V) and level_of(A, L) and L > low") + vocabulary);
    CHECK(errors(checked) == Lines{"2:15 error[E218] 'high' is value 1 of 'band' but value 2 of 'level'",
                                   "2:21 error[E218] 'low' is value 2 of 'band' but value 1 of 'level'"});
  }
}

TEST_CASE("rule files mangled at random never crash the checks, and give the same diagnostics every time") {
  const std::string text = vocabulary + rule("harm.x", "harm(A, V, Op)",
                                             "by(Op, A) and hits(Op, V) and (act(Op, access) or act(Op, theft)) and "
                                             "size(Op, S) and S >= $threshold and not consent(Op, V)") +
                           "exception consented for harm(_, V, Op) {\n  when consent(Op, V)\n  because \"{V}\"\n  " + cite +
                           "\n}\nprofile p {\n  title \"P\"\n  set threshold = minor\n}\n";
  const std::string alphabet = "abXY_(),.{}\"$=<>! \n#0123456789";
  std::mt19937 random(20261122);  // fixed seed: the same mangled files on every run
  for (int round = 0; round < 300; ++round) {
    std::string mangled = text;
    for (int edit = 0; edit < 4 && !mangled.empty(); ++edit) {
      const std::size_t at = random() % mangled.size();
      const char with = alphabet[random() % alphabet.size()];
      if (random() % 2 == 0) {
        mangled[at] = with;
      } else {
        mangled.erase(at, 1 + random() % 8);
      }
    }
    CAPTURE(mangled);
    const auto first = check_text(mangled);
    const auto second = check_text(mangled);
    CHECK(testing::lines(first.diagnostics) == testing::lines(second.diagnostics));
  }
}

TEST_CASE("a relation's doc may only name its own arguments") {
  const auto checked = check_text("relation watched(s: state, by: state) \"{s} is watched by {bye}\" from states.watchers[]\n" +
                                  rule("harm.x", "harm(A, V, Op)", "by(Op, A) and hits(Op, V) and watched(V, A)") + vocabulary);
  CHECK(errors(checked) == Lines{"1:58 error[E219] '{bye}' in the doc of 'watched' names none of its arguments"});
  CHECK(testing::only(checked, "E219")->notes == Lines{"did you mean 'by'?"});
}
