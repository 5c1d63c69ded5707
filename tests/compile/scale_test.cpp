// A large generated rule base checks clean and lowers completely.
#include "compile_fixture.hpp"
#include "generated_rules.hpp"

#include <doctest/doctest.h>

using namespace cybernorms;

TEST_CASE("a generated rule file of 5,000 rules checks clean and lowers every alternative") {
  const auto checked = testing::check_text(testing::generated_rule_file(5000));
  INFO(base::render_text(checked.diagnostics, checked.sources));
  CHECK(checked.diagnostics.all().empty());
  REQUIRE(checked.rules.has_value());
  const auto& rules = *checked.rules;
  // 5,000 rules, 455 of them with two alternatives, the principle's rule and 10 exceptions.
  CHECK(rules.rules.size() == 5000 + 455 + 1 + 10);
  CHECK(rules.exceptions.size() == 10);
  CHECK(rules.stratum_count == 2);  // base facts and exceptions, then everything negating them
  for (std::size_t i = 1; i < rules.rules.size(); ++i) CHECK(rules.rules[i - 1].stratum <= rules.rules[i].stratum);
}
