// End-to-end cost of evaluating the bundled scenarios through the public API: JSON
// parsing and validation, evaluation, report building; one thread and batches.
#include <cybernorms/batch.hpp>
#include <cybernorms/cybernorms.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

cybernorms::RuleBase load_rule_base() {
  cybernorms::SourceSet sources;
  cybernorms::Diagnostics diagnostics;
  auto rule_base = cybernorms::RuleBase::load({fs::path(CYBERNORMS_SOURCE_DIR) / "rules"}, sources, diagnostics);
  if (!rule_base) throw std::runtime_error(cybernorms::render_text(diagnostics, sources));
  return *rule_base;
}

std::vector<std::string> bundled_scenarios() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(CYBERNORMS_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& path : paths) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    std::string flat = text.str();
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    texts.push_back(std::move(flat));
  }
  return texts;
}

/// One scenario at a time on one thread, cycling through the bundled library.
void evaluate_one_thread(benchmark::State& state) {
  const auto rule_base = load_rule_base();
  const auto scenarios = bundled_scenarios();
  cybernorms::Evaluator evaluator(rule_base);
  cybernorms::EvaluateOptions options;
  options.proofs = state.range(0) != 0;
  std::size_t next = 0;
  for (auto _ : state) {
    const auto evaluation = evaluator.evaluate(scenarios[next], "bench", options);
    benchmark::DoNotOptimize(evaluation.report);
    next = (next + 1) % scenarios.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(evaluate_one_thread)->ArgName("proofs")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

/// Blocks of 1,024 JSON Lines scenarios through the batch evaluator, 1 and 2 threads.
void batch_block(benchmark::State& state) {
  const auto rule_base = load_rule_base();
  const auto scenarios = bundled_scenarios();
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < 1024; ++i) lines.push_back(scenarios[i % scenarios.size()]);
  cybernorms::BatchEvaluator batch(rule_base, cybernorms::BatchOptions{static_cast<std::size_t>(state.range(0))});
  for (auto _ : state) benchmark::DoNotOptimize(batch.evaluate_block(lines, 1));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(batch_block)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
