// cybernorms_generate: writes synthetic scenarios of any size, for measuring how time
// and memory grow with the input (scripts/bench-scaling.sh) and for feeding batch.
//
// The output is a function of the options alone: the same options give the same bytes
// on every machine (the random sequence is splitmix64, drawn in a fixed order). Each
// operation brings its own actor and its own target asset; states are shared. A
// fraction of the operations leave two things unknown: whether the actor was directed by
// the state it operates from, and whether the operation was coercive. The scenarios use
// the project's rule base (rules/vocabulary.cnr) and are valid against it.
//
//   cybernorms_generate --operations 1000                 one scenario, compact JSON
//   cybernorms_generate --operations 50 --lines 10000     JSON Lines: one scenario a line
#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace {

/// What to generate.
struct ScenarioShape {
  std::size_t operations = 1000;
  std::size_t states = 10;
  std::uint64_t seed = 12345;
  double unknown_fraction = 1.0 / 3.0;  ///< share of operations with unknown facts
  std::size_t lines = 0;                ///< 0: one scenario; N: N one-line scenarios
};

/// A deterministic sequence of pseudo-random numbers (splitmix64).
class RandomSequence {
 public:
  explicit RandomSequence(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  /// A number in [0, bound).
  std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

  /// True with the given probability.
  bool chance(double probability) {
    return static_cast<double>(next() >> 11) * 0x1.0p-53 < probability;
  }

 private:
  std::uint64_t state_;
};

/// What is drawn for one operation: where its actor and its target are, and what is
/// known about it.
struct OperationDraw {
  std::size_t actor_state = 0;
  std::size_t victim_state = 0;
  bool organ = false;
  bool direction_unknown = false;
  bool coercion_unknown = false;
  bool critical = false;
};

OperationDraw draw_operation(RandomSequence& random, const ScenarioShape& shape) {
  OperationDraw draw;
  draw.actor_state = random.below(shape.states);
  draw.victim_state = shape.states > 1 ? (draw.actor_state + 1 + random.below(shape.states - 1)) % shape.states
                                       : draw.actor_state;
  draw.organ = random.chance(0.5);
  const bool uncertain = random.chance(shape.unknown_fraction);
  draw.direction_unknown = uncertain && random.chance(0.5);
  draw.coercion_unknown = uncertain && !draw.direction_unknown;
  draw.critical = random.chance(0.5);
  return draw;
}

std::string state_id(std::size_t index) { return "\"s" + std::to_string(index) + "\""; }

/// `"key":[...]` of states: one state, or none.
std::string state_list(const char* key, std::optional<std::size_t> state) {
  return std::string("\"") + key + "\":[" + (state ? state_id(*state) : "") + "]";
}

std::string actor_json(std::size_t index, const OperationDraw& draw) {
  const std::string home = state_id(draw.actor_state);
  const std::string directed_by =
      draw.direction_unknown ? "{\"values\":[],\"unknown\":[" + home + "]}" : std::string("[]");
  return "{\"id\":\"a" + std::to_string(index) + "\"," +
         state_list("organ_of", draw.organ ? std::optional(draw.actor_state) : std::nullopt) +
         ",\"located_in\":" + home + ",\"directed_by\":" + directed_by +
         ",\"supported_by\":[],\"adopted_by\":[]}";
}

std::string asset_json(std::size_t index, const OperationDraw& draw) {
  return "{\"id\":\"t" + std::to_string(index) + "\",\"located_in\":" + state_id(draw.victim_state) +
         ",\"owner\":\"government\",\"sector\":\"government\",\"critical\":" + (draw.critical ? "true" : "false") +
         ",\"layer\":[\"application\"],\"governmental_functions\":[\"foreign_relations\"]}";
}

std::string operation_json(std::size_t index, const OperationDraw& draw) {
  const std::string number = std::to_string(index);
  return "{\"id\":\"o" + number + "\",\"actor\":\"a" + number + "\",\"targets\":[\"t" + number +
         "\"],\"acts\":[\"unauthorised_access\",\"data_theft\"],\"effects\":[],\"aims\":[\"intelligence_collection\"]"
         ",\"coercive\":" +
         (draw.coercion_unknown ? "\"unknown\"" : "false") +
         ",\"scale\":\"minor\",\"start_date\":\"2024-05-02\",\"operators_present\":false,"
         "\"interfered_functions\":[],\"consenting_states\":[]," +
         state_list("territory_used", draw.actor_state) + "," + state_list("known_to", draw.victim_state) + "," +
         state_list("able_to_act", draw.victim_state) + "," + state_list("measures_taken_by", draw.victim_state) + "}";
}

/// Writes `items` as a JSON array under `key`, one item at a time.
template <typename ItemWriter>
void write_array(std::FILE* out, const char* key, std::size_t count, ItemWriter&& item) {
  std::fprintf(out, ",\"%s\":[", key);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) std::fputc(',', out);
    const std::string text = item(i);
    std::fwrite(text.data(), 1, text.size(), out);
  }
  std::fputc(']', out);
}

/// One scenario as one line of compact JSON (no newline inside it).
void write_scenario(std::FILE* out, const ScenarioShape& shape, std::uint64_t seed, const std::string& id) {
  RandomSequence random(seed);
  std::vector<OperationDraw> draws;
  draws.reserve(shape.operations);
  for (std::size_t i = 0; i < shape.operations; ++i) draws.push_back(draw_operation(random, shape));
  std::fprintf(out, "{\"id\":\"%s\"", id.c_str());
  write_array(out, "states", shape.states, [](std::size_t i) { return "{\"id\":" + state_id(i) + "}"; });
  write_array(out, "actors", draws.size(), [&](std::size_t i) { return actor_json(i, draws[i]); });
  write_array(out, "assets", draws.size(), [&](std::size_t i) { return asset_json(i, draws[i]); });
  write_array(out, "operations", draws.size(), [&](std::size_t i) { return operation_json(i, draws[i]); });
  std::fputs("}\n", out);
}

void write_scenarios(std::FILE* out, const ScenarioShape& shape) {
  const std::string name = "scale_" + std::to_string(shape.operations);
  if (shape.lines == 0) {
    write_scenario(out, shape, shape.seed, name);
    return;
  }
  for (std::size_t line = 0; line < shape.lines; ++line) {
    write_scenario(out, shape, shape.seed + line, name + "_" + std::to_string(line + 1));
  }
}

}  // namespace

int main(int argc, char** argv) {
  ScenarioShape shape;
  CLI::App app{"Writes synthetic scenarios for the project's rule base, as compact JSON on standard output"};
  app.add_option("--operations,-n", shape.operations, "Operations per scenario (each with its own actor and asset)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  app.add_option("--states", shape.states, "States in each scenario")->check(CLI::Range(1, 100'000));
  app.add_option("--seed", shape.seed, "Seed of the random sequence (scenario i of --lines uses seed + i - 1)");
  app.add_option("--unknown-fraction", shape.unknown_fraction,
                 "Share of operations with an unknown fact (direction of the actor, or coercion)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--lines", shape.lines, "Write this many scenarios as JSON Lines instead of one")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  CLI11_PARSE(app, argc, argv);
  write_scenarios(stdout, shape);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
