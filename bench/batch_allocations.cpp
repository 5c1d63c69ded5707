// Allocations per scenario of the batch path in steady state (a benchmark, not a test;
// a plain program, not Google Benchmark, so that it counts every allocation itself).
//
//   cybernorms_batch_allocations FILE.jsonl [--warmup K] [--limit N] [--block B] [--rules DIR]
//
// Replaces the global operator new and delete with counting versions (atomics: the
// library may allocate on any thread), loads the rule base, reads FILE (JSON Lines, one
// scenario a line; nothing is generated), and for each record kind runs K lines as a
// warm-up, then measures the rest: allocations, bytes asked for and frees per scenario,
// and microseconds per scenario, on one thread.
//
// - compact: Evaluator::append_compact_record into one reused buffer, as batch's worker
//   threads make the default record.
// - brief: BatchEvaluator (one thread, BatchRecord::brief) on blocks of B lines, as
//   `batch --explain brief` makes the report record; the block's records are made anew
//   by evaluate_block and dropped in the timed part. Building each block of lines is
//   neither counted nor timed.
//
// Reading the input and the warm-up are not measured. Only the public headers are used.
#include <cybernorms/batch.hpp>
#include <cybernorms/cybernorms.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::atomic<std::uint64_t> allocation_count{0};
std::atomic<std::uint64_t> allocated_bytes{0};
std::atomic<std::uint64_t> free_count{0};

void* counted_allocate(std::size_t size) noexcept {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  allocated_bytes.fetch_add(size, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}

void* counted_allocate(std::size_t size, std::align_val_t alignment) noexcept {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  allocated_bytes.fetch_add(size, std::memory_order_relaxed);
  const std::size_t align = std::max(static_cast<std::size_t>(alignment), sizeof(void*));
  void* memory = nullptr;
  return posix_memalign(&memory, align, size == 0 ? 1 : size) == 0 ? memory : nullptr;
}

void counted_free(void* memory) noexcept {
  if (memory == nullptr) return;
  free_count.fetch_add(1, std::memory_order_relaxed);
  std::free(memory);
}

void* throwing(void* memory) {
  if (memory == nullptr) throw std::bad_alloc();
  return memory;
}

}  // namespace

void* operator new(std::size_t size) { return throwing(counted_allocate(size)); }
void* operator new[](std::size_t size) { return throwing(counted_allocate(size)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_allocate(size); }
void* operator new(std::size_t size, std::align_val_t alignment) { return throwing(counted_allocate(size, alignment)); }
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return throwing(counted_allocate(size, alignment));
}
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return counted_allocate(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return counted_allocate(size, alignment);
}
void operator delete(void* memory) noexcept { counted_free(memory); }
void operator delete[](void* memory) noexcept { counted_free(memory); }
void operator delete(void* memory, std::size_t) noexcept { counted_free(memory); }
void operator delete[](void* memory, std::size_t) noexcept { counted_free(memory); }
void operator delete(void* memory, const std::nothrow_t&) noexcept { counted_free(memory); }
void operator delete[](void* memory, const std::nothrow_t&) noexcept { counted_free(memory); }
void operator delete(void* memory, std::align_val_t) noexcept { counted_free(memory); }
void operator delete[](void* memory, std::align_val_t) noexcept { counted_free(memory); }
void operator delete(void* memory, std::size_t, std::align_val_t) noexcept { counted_free(memory); }
void operator delete[](void* memory, std::size_t, std::align_val_t) noexcept { counted_free(memory); }
void operator delete(void* memory, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(memory); }
void operator delete[](void* memory, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(memory); }

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Counts {
  std::uint64_t allocations = 0;
  std::uint64_t bytes = 0;
  std::uint64_t frees = 0;

  static Counts now() {
    return {allocation_count.load(std::memory_order_relaxed), allocated_bytes.load(std::memory_order_relaxed),
            free_count.load(std::memory_order_relaxed)};
  }
  Counts operator-(const Counts& before) const {
    return {allocations - before.allocations, bytes - before.bytes, frees - before.frees};
  }
  Counts& operator+=(const Counts& more) {
    allocations += more.allocations;
    bytes += more.bytes;
    frees += more.frees;
    return *this;
  }
};

/// What one record kind cost over the measured lines.
struct Measure {
  const char* name = "";
  std::size_t scenarios = 0;
  std::size_t evaluated = 0;
  Counts counts;
  double seconds = 0;
  std::uint64_t output_bytes = 0;
};

struct Arguments {
  fs::path input;
  fs::path rules = fs::path(CYBERNORMS_SOURCE_DIR) / "rules";
  std::size_t warmup = 200;
  std::size_t limit = 0;  ///< 0: every line
  std::size_t block = 64;
};

[[noreturn]] void usage(const std::string& problem) {
  std::fprintf(stderr,
               "error: %s\nusage: cybernorms_batch_allocations FILE.jsonl [--warmup K (200)] [--limit N (all lines)] "
               "[--block B (64)] [--rules DIR]\n",
               problem.c_str());
  std::exit(2);
}

std::size_t number(const std::string& option, const char* text) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') usage(option + " takes a number, not '" + text + "'");
  return static_cast<std::size_t>(value);
}

Arguments parse(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    const bool has_value = i + 1 < argc;
    if (argument == "--warmup" && has_value) arguments.warmup = number(argument, argv[++i]);
    else if (argument == "--limit" && has_value) arguments.limit = number(argument, argv[++i]);
    else if (argument == "--block" && has_value) arguments.block = std::max<std::size_t>(1, number(argument, argv[++i]));
    else if (argument == "--rules" && has_value) arguments.rules = argv[++i];
    else if (argument.starts_with("-") && argument != "-") usage("unknown option or missing value: " + argument);
    else if (arguments.input.empty()) arguments.input = argument;
    else usage("one input file only");
  }
  if (arguments.input.empty()) usage("no input file (JSON Lines, one scenario a line)");
  return arguments;
}

std::vector<std::string> read_lines(const fs::path& path, std::size_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) usage("cannot read " + path.string());
  std::vector<std::string> lines;
  std::string line;
  while ((limit == 0 || lines.size() < limit) && std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

cybernorms::RuleBase load_rule_base(const fs::path& rules) {
  cybernorms::SourceSet sources;
  cybernorms::Diagnostics diagnostics;
  auto rule_base = cybernorms::RuleBase::load({rules}, sources, diagnostics);
  if (!rule_base) {
    std::fprintf(stderr, "%s", cybernorms::render_text(diagnostics, sources).c_str());
    std::exit(1);
  }
  return *rule_base;
}

cybernorms::EvaluateOptions batch_options() {
  cybernorms::EvaluateOptions options;
  options.proofs = false;  // as batch evaluates for any record but --explain full
  options.open_values_once = cybernorms::BatchOptions{}.open_values_once;  // as batch reads open values
  return options;
}

Measure compact(const cybernorms::RuleBase& rule_base, const std::vector<std::string>& lines, std::size_t warmup) {
  cybernorms::Evaluator evaluator(rule_base);
  const cybernorms::EvaluateOptions options = batch_options();
  std::string record;
  for (std::size_t i = 0; i < warmup; ++i) {
    record.clear();
    evaluator.append_compact_record(lines[i], i + 1, options, record);
  }
  Measure measure;
  measure.name = "compact";
  const Counts before = Counts::now();
  const Clock::time_point start = Clock::now();
  for (std::size_t i = warmup; i < lines.size(); ++i) {
    record.clear();
    measure.evaluated += evaluator.append_compact_record(lines[i], i + 1, options, record) ? 1 : 0;
    measure.output_bytes += record.size() + 1;  // and its newline
  }
  measure.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  measure.counts = Counts::now() - before;
  measure.scenarios = lines.size() - warmup;
  return measure;
}

Measure brief(const cybernorms::RuleBase& rule_base, const std::vector<std::string>& lines, std::size_t warmup,
              std::size_t block_lines) {
  cybernorms::BatchOptions options;
  options.threads = 1;
  options.record = cybernorms::BatchRecord::brief;
  cybernorms::BatchEvaluator batch(rule_base, options);
  std::vector<cybernorms::BatchLine> block;
  auto fill = [&](std::size_t from, std::size_t to) {
    block.resize(to - from);
    for (std::size_t i = from; i < to; ++i) block[i - from].text = lines[i];
  };
  for (std::size_t from = 0; from < warmup; from += block_lines) {
    fill(from, std::min(warmup, from + block_lines));
    batch.evaluate_block(block, from + 1);
  }
  Measure measure;
  measure.name = "brief";
  const std::size_t succeeded_before = batch.succeeded();
  for (std::size_t from = warmup; from < lines.size(); from += block_lines) {
    fill(from, std::min(lines.size(), from + block_lines));
    const Counts before = Counts::now();
    const Clock::time_point start = Clock::now();
    {
      const std::vector<std::string> records = batch.evaluate_block(block, from + 1);
      for (const std::string& record : records) measure.output_bytes += record.size() + 1;
    }
    measure.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    measure.counts += Counts::now() - before;
  }
  measure.scenarios = lines.size() - warmup;
  measure.evaluated = batch.succeeded() - succeeded_before;
  return measure;
}

void print(const Measure& measure) {
  const double n = static_cast<double>(measure.scenarios);
  std::printf("%-8s %9zu %9zu %12.1f %14.0f %10.1f %11.1f %14.0f\n", measure.name, measure.scenarios,
              measure.evaluated, static_cast<double>(measure.counts.allocations) / n,
              static_cast<double>(measure.counts.bytes) / n, static_cast<double>(measure.counts.frees) / n,
              measure.seconds * 1e6 / n, static_cast<double>(measure.output_bytes) / n);
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments arguments = parse(argc, argv);
  const cybernorms::RuleBase rule_base = load_rule_base(arguments.rules);
  const std::vector<std::string> lines = read_lines(arguments.input, arguments.limit);
  if (lines.size() <= arguments.warmup) {
    usage(arguments.input.string() + " has " + std::to_string(lines.size()) + " lines: more than the warm-up (" +
          std::to_string(arguments.warmup) + ") are needed");
  }
  std::printf("input %s: %zu lines, warm-up %zu, measured %zu; brief in blocks of %zu; one thread\n",
              arguments.input.string().c_str(), lines.size(), arguments.warmup, lines.size() - arguments.warmup,
              arguments.block);
  std::printf("%-8s %9s %9s %12s %14s %10s %11s %14s\n", "record", "scenarios", "evaluated", "allocs/scen",
              "bytes/scen", "frees/scen", "us/scen", "out_bytes/scen");
  print(compact(rule_base, lines, arguments.warmup));
  print(brief(rule_base, lines, arguments.warmup, arguments.block));
  return 0;
}
