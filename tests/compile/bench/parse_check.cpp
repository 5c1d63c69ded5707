// Parsing, checking and lowering a generated rule file of 5,000 rules: the cost of
// `cybernorms check` on a large rule base. Target: well under half a second. And one rule
// of 40,000 conjoined atoms: well under a second.
#include "compile/compile.hpp"
#include "dsl/parse.hpp"

#include "../generated_rules.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace cybernorms;

/// Parses, checks and lowers `text` once; false when it has errors.
bool checks_clean(const std::string& text) {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const base::FileId id = sources.add("generated.cnr", text);
  const auto file = dsl::parse(sources, id, diagnostics);
  auto rules = compile::compile({file}, sources, diagnostics);
  benchmark::DoNotOptimize(rules);
  return rules.has_value() && diagnostics.error_count() == 0;
}

void parse_check_lower(benchmark::State& state) {
  const std::string text = testing::generated_rule_file(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    if (!checks_clean(text)) state.SkipWithError("the generated rule file did not check clean");
  state.counters["rules"] = static_cast<double>(state.range(0));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
}

/// One rule of `range(0)` conjoined atoms: ordering its body must stay near-linear.
void check_long_body(benchmark::State& state) {
  const std::string text = testing::long_body_rule_file(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state)
    if (!checks_clean(text)) state.SkipWithError("the long rule did not check");
  state.counters["atoms"] = static_cast<double>(state.range(0));
}

}  // namespace

BENCHMARK(check_long_body)->Arg(10'000)->Arg(40'000)->Unit(benchmark::kMillisecond)->Repetitions(3)->ReportAggregatesOnly(true);
BENCHMARK(parse_check_lower)->Arg(500)->Arg(5000)->Unit(benchmark::kMillisecond)->Repetitions(9)->ReportAggregatesOnly(true);

BENCHMARK_MAIN();
