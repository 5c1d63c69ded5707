// Interchangeable values: which enumeration types the rule base treats alike, value for
// value, so that an open question over one can be asked once.
#include "compile/interchangeable.hpp"

#include "compile_fixture.hpp"

#include <doctest/doctest.h>

using namespace cybernorms;
using testing::check_text;
using testing::vocabulary;

namespace {

const std::string functions = R"(
type function = { courts, customs, elections }
relation serves(op: operation, f: function) from operations.functions[]
relation touched(op: operation, state: state, f: function)
)";

std::string rule(const std::string& id, const std::string& head, const std::string& when) {
  return fmt::format(
      "rule {} {{\n  conclude {}\n  when {}\n  because \"x\"\n  cite doc section \"Part One / Duties\" quote \"No "
      "state shall harm another\"\n}}\n",
      id, head, when);
}

// The base's rules carry a function from the scenario to a principle's finding.
const std::string carried = rule("touch", "touched(Op, S, F)", "serves(Op, F) and hits(Op, S)") +
                            rule("harm.touch", "harm(A, V, Op)", "by(Op, A) and touched(Op, V, F)");

/// Whether the named type comes out interchangeable for the rule text.
bool interchangeable(const std::string& text, const std::string& type) {
  const auto checked = check_text(vocabulary + functions + text);
  INFO(base::render_text(checked.diagnostics, checked.sources));
  REQUIRE(checked.rules.has_value());
  const auto id = checked.rules->find_type(type);
  REQUIRE(id.has_value());
  return compile::interchangeable_types(*checked.rules).at(*id);
}

}  // namespace

TEST_CASE("a type whose values no rule tells apart is interchangeable") {
  CHECK(interchangeable(carried, "function"));
  CHECK(interchangeable(carried, "act_kind"));  // no rule reads it at all
}

TEST_CASE("a rule that names a value, joins on one, negates or compares one makes the type not interchangeable") {
  CHECK_FALSE(interchangeable(carried + rule("harm.courts", "harm(A, V, Op)",
                                             "by(Op, A) and touched(Op, V, courts)"),
                              "function"));
  CHECK_FALSE(interchangeable(carried + rule("harm.head", "touched(Op, S, elections)", "by(Op, S)"), "function"));
  // A join: two places of the body's atoms on one function.
  CHECK_FALSE(interchangeable(carried + rule("harm.both", "harm(A, V, Op)",
                                             "by(Op, A) and touched(Op, V, F) and serves(Op, F)"),
                              "function"));
  CHECK_FALSE(interchangeable(carried + rule("harm.unserved", "harm(A, V, Op)",
                                             "by(Op, A) and touched(Op, V, F) and not serves(Op, F)"),
                              "function"));
  CHECK_FALSE(interchangeable(carried + rule("harm.other", "harm(A, V, Op)",
                                             "touched(Op, A, F) and touched(Op, V, G) and F != G"),
                              "function"));
  // Each of those cases leaves the other types alone.
  CHECK(interchangeable(carried + rule("harm.courts", "harm(A, V, Op)", "by(Op, A) and touched(Op, V, courts)"),
                        "act_kind"));
}

TEST_CASE("a parameter's type and the types of a principle's roles are never interchangeable") {
  CHECK_FALSE(interchangeable(carried, "scale"));  // param threshold: scale
  CHECK_FALSE(interchangeable(carried, "state"));  // an entity type, not an enumeration
}
