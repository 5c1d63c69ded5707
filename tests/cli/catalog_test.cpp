// `cybernorms rules --format json`: the rule base by id, as a consumer of compact batch
// records joins it in, including how each unknown fact is asked about.
#include "run_binary.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace cybernorms::cli_test;
using nlohmann::json;

namespace {

json catalog() {
  const Run listed = run("rules --rules " + project + "/rules --format json");
  REQUIRE(listed.exit_code == 0);
  return json::parse(listed.out);
}

const json* relation_named(const json& listing, const std::string& name) {
  for (const json& relation : listing["relations"])
    if (relation["name"] == name) return &relation;
  return nullptr;
}

}  // namespace

TEST_CASE("the catalog gives each base relation's question: the element it settles and its text") {
  const json listing = catalog();
  std::size_t base = 0;
  for (const json& relation : listing["relations"]) {
    if (relation["kind"] != "base") continue;
    ++base;
    CAPTURE(relation["name"]);
    REQUIRE(relation.contains("question"));
    CHECK_FALSE(relation["question"]["element"].get<std::string>().empty());
    CHECK(relation["question"]["text"].get<std::string>().ends_with("?"));
  }
  CHECK(base >= 20);
  // The three ways a group's conduct becomes a state's ask one question.
  const json* organ = relation_named(listing, "organ_of");
  const json* directed = relation_named(listing, "directed_by");
  REQUIRE(organ != nullptr);
  REQUIRE(directed != nullptr);
  CHECK((*organ)["question"] == (*directed)["question"]);
  CHECK((*organ)["question"]["element"] == "attribution");
  // A derived relation is never asked about: only unknown facts of scenarios are.
  const json* attributed = relation_named(listing, "attributed_to");
  REQUIRE(attributed != nullptr);
  CHECK_FALSE(attributed->contains("question"));
}
