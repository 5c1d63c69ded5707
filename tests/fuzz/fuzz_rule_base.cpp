// Rule text added to the real rule base (its files, then the input as one more file) ->
// check -> compile -> evaluate a bundled scenario with unknown attribution. Properties:
// the result is a rule set or errors, never both; evaluation gives a report or a limit
// error, and nothing crashes, leaks or hangs.
#include "fuzz_target.hpp"

#include "compile/compile.hpp"
#include "dsl/parse.hpp"
#include "explain/build_report.hpp"
#include "infer/network.hpp"
#include "infer/session.hpp"
#include "scenario/scenario.hpp"

#include <fstream>
#include <sstream>

using namespace cybernorms;

namespace {

/// The rule base's files, parsed once.
struct BundledFiles {
  SourceSet sources;
  std::vector<dsl::ast::RuleFile> files;
  std::string scenario;  ///< a bundled scenario with unknown attribution
};

const BundledFiles& bundled_files() {
  static const BundledFiles bundled = [] {
    BundledFiles loaded;
    Diagnostics diagnostics;
    auto checked = compile::check_paths({std::string(CYBERNORMS_SOURCE_DIR) + "/rules"}, {}, loaded.sources, diagnostics);
    fuzz::require(checked.rules.has_value(), "the bundled rule base checks");
    loaded.files = std::move(checked.files);
    std::ifstream in(std::string(CYBERNORMS_SOURCE_DIR) + "/scenarios/attribution_unknown.json");
    std::ostringstream text;
    text << in.rdbuf();
    loaded.scenario = text.str();
    return loaded;
  }();
  return bundled;
}

/// The scenario under the changed rule base, if it still reads: a report or a limit error.
void evaluate(const compile::RuleSet& rules, const std::string& scenario_text) {
  Diagnostics problems;
  const scenario::LoadedScenario loaded = scenario::load_scenario(scenario_text, "scenario.json", rules, problems);
  if (problems.has_errors()) return;
  const infer::Network network(rules);
  infer::Session session(network);
  std::vector<base::SymbolId> args;
  for (const scenario::ScenarioFact& fact : loaded.facts) {
    args.clear();
    for (const std::string& value : fact.args) args.push_back(session.intern(value));
    session.add_fact(fact.relation, args, fact.truth);
  }
  infer::Options limits;
  limits.max_facts = 100'000;
  limits.max_join_steps = 1'000'000;
  if (session.evaluate(limits)) return;
  explain::build_report(rules, session, {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const BundledFiles& bundled = bundled_files();
  SourceSet sources = bundled.sources;
  Diagnostics diagnostics;
  const FileId file = sources.add("input.cnr", std::string(fuzz::as_text(data, size)));
  std::vector<dsl::ast::RuleFile> files = bundled.files;
  files.push_back(dsl::parse(sources, file, diagnostics));
  const auto rules = compile::compile(files, sources, diagnostics);
  fuzz::require(rules.has_value() != diagnostics.has_errors(), "a rule set exactly when there is no error");
  render_text(diagnostics, sources);
  if (rules) evaluate(*rules, bundled.scenario);
  return 0;
}
