// Inference benchmarks: a large transitive closure, a realistic rule set of about 40
// rules over about 50 base facts (with and without proof trees), and the project's own
// rule base on its scenarios when rules/ compiles. Counters report the bytes a session
// holds after an evaluation (its containers' capacity), the memory one evaluation needs
// beyond the compiled rules.
#include "../rule_builder.hpp"
#include "compile/compile.hpp"
#include "explain/build_report.hpp"
#include "infer/session.hpp"
#include "scenario/scenario.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cybernorms;

namespace {

struct Fact {
  compile::RelationId relation;
  std::vector<std::string> args;
  base::Truth truth = base::Truth::yes;
};

compile::RuleSet closure_rules() {
  testing::RuleSetBuilder b;
  b.relation("edge", {"from", "to"});
  b.relation("path", {"from", "to"}, compile::RelationKind::derived);
  b.rule("path.edge", "path(X, Y) :- edge(X, Y)");
  b.rule("path.step", "path(X, Z) :- path(X, Y), edge(Y, Z)");
  return b.build();
}

void BM_TransitiveClosureChain2000(benchmark::State& state) {
  const auto rules = closure_rules();
  const infer::Network network(rules);
  infer::Session session(network);
  infer::Options options;
  options.max_facts = 4'000'000;
  const auto edge = *rules.find_relation("edge");
  std::size_t facts = 0;
  for (auto _ : state) {
    session.clear();
    base::SymbolId previous = session.intern("n0");
    for (int i = 1; i < 2000; ++i) {
      const base::SymbolId next = session.intern("n" + std::to_string(i));
      const std::vector<base::SymbolId> args{previous, next};
      session.add_fact(edge, args, base::Truth::yes);
      previous = next;
    }
    if (session.evaluate(options)) state.SkipWithError("limit reached");
    facts = session.fact_count();
  }
  state.counters["facts"] = static_cast<double>(facts);
  state.counters["session_bytes"] = static_cast<double>(session.memory_bytes());
}
BENCHMARK(BM_TransitiveClosureChain2000)->Unit(benchmark::kMillisecond);

// About 40 rules in the shape of the rule base: attribution, reach, thresholds through a
// parameter, principles with exceptions, intermediate relations shared among them.
compile::RuleSet realistic_rules() {
  testing::RuleSetBuilder b;
  b.enumeration({"minor", "significant", "severe"});
  b.param("threshold", "significant");
  for (const auto& [name, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"conducted_by", {"op", "actor"}}, {"organ_of", {"actor", "state"}}, {"directed_by", {"actor", "state"}},
           {"adopted_by", {"actor", "state"}}, {"targets", {"op", "asset"}}, {"asset_in", {"asset", "state"}},
           {"in_sector", {"asset", "sector"}}, {"critical", {"asset"}}, {"act", {"op", "kind"}},
           {"effect", {"op", "kind"}}, {"scale", {"op", "scale"}}, {"aim", {"op", "aim"}},
           {"consent_given", {"op", "state"}}, {"operators_present", {"op"}}, {"response_to", {"op", "state"}},
           {"known_to", {"op", "state"}}, {"located_in", {"actor", "state"}}})
    b.relation(name, args, compile::RelationKind::base, "{" + args[0] + "} " + name + " {" + args.back() + "}");
  for (const auto& [name, args] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"attributed_to", {"op", "state"}}, {"affects_state", {"op", "state"}}, {"damaging", {"op"}},
           {"intrusive", {"op"}}, {"coercive", {"op"}}, {"serious", {"op"}}, {"foreign_op", {"op", "state", "victim"}},
           {"hits_critical", {"op", "state"}}, {"from_territory", {"op", "state"}}, {"countermeasure", {"op", "state"}}})
    b.relation(name, args, compile::RelationKind::derived, "{" + args[0] + "} is " + name);
  for (const auto* principle : {"non_infringement", "non_interference", "use_of_force", "due_diligence", "protection",
                                "supply_chain", "critical_infrastructure", "territorial_presence"})
    b.principle(principle, {"responsible", "injured", "operation"}, principle);
  b.rule("attr.organ", "attributed_to(Op, S) :- conducted_by(Op, A), organ_of(A, S)", "{A} is an organ of {S}");
  b.rule("attr.directed", "attributed_to(Op, S) :- conducted_by(Op, A), directed_by(A, S)", "{A} acted for {S}");
  b.rule("attr.adopted", "attributed_to(Op, S) :- conducted_by(Op, A), adopted_by(A, S)", "{S} adopted {Op}");
  b.rule("reach.target", "affects_state(Op, S) :- targets(Op, X), asset_in(X, S)", "{Op} reached {S}");
  b.rule("from.territory", "from_territory(Op, S) :- conducted_by(Op, A), located_in(A, S)", "{Op} came from {S}");
  b.rule("damaging.effect", "damaging(Op) :- effect(Op, physical_damage)", "{Op} damaged");
  b.rule("damaging.loss", "damaging(Op) :- effect(Op, loss_of_function)", "{Op} disabled");
  b.rule("intrusive.access", "intrusive(Op) :- act(Op, unauthorised_access)", "{Op} intruded");
  b.rule("intrusive.malware", "intrusive(Op) :- act(Op, malware)", "{Op} planted malware");
  b.rule("coercive.election", "coercive(Op) :- aim(Op, influence_election)", "{Op} aimed at an election");
  b.rule("coercive.policy", "coercive(Op) :- aim(Op, coerce_policy)", "{Op} coerced policy");
  b.rule("serious.scale", "serious(Op) :- scale(Op, L), $threshold($threshold), L >= $threshold", "{Op} serious");
  b.rule("foreign", "foreign_op(Op, S, V) :- attributed_to(Op, S), affects_state(Op, V), S != V", "{Op} foreign");
  b.rule("critical.hit", "hits_critical(Op, V) :- targets(Op, X), critical(X), asset_in(X, V)", "{Op} hit critical");
  b.rule("counter", "countermeasure(Op, V) :- response_to(Op, V)", "{Op} responded to {V}");
  const std::vector<std::pair<std::string, std::string>> principle_rules{
      {"non_infringement", "foreign_op(Op, S, V), intrusive(Op)"},
      {"non_infringement", "foreign_op(Op, S, V), damaging(Op)"},
      {"non_infringement", "foreign_op(Op, S, V), act(Op, surveillance)"},
      {"non_interference", "foreign_op(Op, S, V), coercive(Op)"},
      {"non_interference", "foreign_op(Op, S, V), act(Op, disinformation), serious(Op)"},
      {"use_of_force", "foreign_op(Op, S, V), damaging(Op), serious(Op)"},
      {"use_of_force", "foreign_op(Op, S, V), effect(Op, death)"},
      {"due_diligence", "from_territory(Op, S), known_to(Op, S), affects_state(Op, V), S != V, not attributed_to(Op, S)"},
      {"due_diligence", "from_territory(Op, S), known_to(Op, S), hits_critical(Op, V), S != V"},
      {"protection", "hits_critical(Op, V), attributed_to(Op, S), S != V, damaging(Op)"},
      {"protection", "hits_critical(Op, V), attributed_to(Op, S), S != V, serious(Op)"},
      {"supply_chain", "foreign_op(Op, S, V), act(Op, supply_chain_compromise)"},
      {"supply_chain", "foreign_op(Op, S, V), act(Op, backdoor)"},
      {"critical_infrastructure", "foreign_op(Op, S, V), hits_critical(Op, V)"},
      {"critical_infrastructure", "foreign_op(Op, S, V), hits_critical(Op, V), intrusive(Op)"},
      {"territorial_presence", "foreign_op(Op, S, V), operators_present(Op)"},
      {"territorial_presence", "foreign_op(Op, S, V), operators_present(Op), intrusive(Op)"}};
  for (std::size_t i = 0; i < principle_rules.size(); ++i) {
    const auto& [principle, body] = principle_rules[i];
    b.rule(principle + "." + std::to_string(i), principle + "(S, V, Op) :- " + body, "{Op}, an act of {S}, wronged {V}");
  }
  b.exception("consent_ni", "non_infringement", {1, 2}, "(V, Op) :- consent_given(Op, V)", "{V} consented");
  b.exception("consent_ci", "critical_infrastructure", {1, 2}, "(V, Op) :- consent_given(Op, V)", "{V} consented");
  b.exception("counter_ni", "non_infringement", {1, 2}, "(V, Op) :- countermeasure(Op, V)", "countermeasure");
  b.exception("counter_uof", "use_of_force", {1, 2}, "(V, Op) :- countermeasure(Op, V)", "countermeasure");
  return b.build();
}

// About 50 base facts: three operations by four actors against six assets in three states,
// some unknown (attribution, consent), as an analyst's scenario would give them.
std::vector<Fact> realistic_facts(const compile::RuleSet& rules) {
  const std::vector<std::pair<std::string, base::Truth>> lines{
      {"conducted_by op1 apt1", base::Truth::yes}, {"conducted_by op2 grp2", base::Truth::yes},
      {"conducted_by op3 unit3", base::Truth::yes}, {"organ_of unit3 a", base::Truth::yes},
      {"directed_by apt1 a", base::Truth::unknown}, {"directed_by grp2 c", base::Truth::unknown},
      {"adopted_by grp2 a", base::Truth::unknown}, {"located_in apt1 c", base::Truth::yes},
      {"located_in grp2 c", base::Truth::yes}, {"located_in unit3 a", base::Truth::yes},
      {"targets op1 grid", base::Truth::yes}, {"targets op1 mail", base::Truth::yes},
      {"targets op2 poll", base::Truth::yes}, {"targets op2 news", base::Truth::yes},
      {"targets op3 bank", base::Truth::yes}, {"targets op3 port", base::Truth::yes},
      {"asset_in grid b", base::Truth::yes}, {"asset_in mail b", base::Truth::yes},
      {"asset_in poll b", base::Truth::yes}, {"asset_in news c", base::Truth::yes},
      {"asset_in bank d", base::Truth::yes}, {"asset_in port d", base::Truth::yes},
      {"in_sector grid energy", base::Truth::yes}, {"in_sector mail government", base::Truth::yes},
      {"in_sector poll government", base::Truth::yes}, {"in_sector bank finance", base::Truth::yes},
      {"critical grid", base::Truth::yes}, {"critical bank", base::Truth::yes},
      {"critical port", base::Truth::unknown}, {"act op1 unauthorised_access", base::Truth::yes},
      {"act op1 malware", base::Truth::yes}, {"act op2 disinformation", base::Truth::yes},
      {"act op2 surveillance", base::Truth::unknown}, {"act op3 unauthorised_access", base::Truth::yes},
      {"act op3 backdoor", base::Truth::unknown}, {"effect op1 loss_of_function", base::Truth::yes},
      {"effect op3 physical_damage", base::Truth::unknown}, {"effect op3 loss_of_function", base::Truth::yes},
      {"scale op1 severe", base::Truth::yes}, {"scale op2 significant", base::Truth::yes},
      {"scale op3 minor", base::Truth::yes}, {"aim op2 influence_election", base::Truth::yes},
      {"aim op1 coerce_policy", base::Truth::unknown}, {"consent_given op3 d", base::Truth::unknown},
      {"consent_given op1 b", base::Truth::no}, {"operators_present op3", base::Truth::unknown},
      {"response_to op3 d", base::Truth::unknown}, {"known_to op1 c", base::Truth::yes},
      {"known_to op2 c", base::Truth::unknown}, {"response_to op1 a", base::Truth::no}};
  std::vector<Fact> facts;
  for (const auto& [line, truth] : lines) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    Fact fact{*rules.find_relation(name), {}, truth};
    for (std::string value; words >> value;) fact.args.push_back(value);
    facts.push_back(std::move(fact));
  }
  return facts;
}

void evaluate_scenario(infer::Session& session, const std::vector<Fact>& facts) {
  session.clear();
  session.use_profile(0);
  std::vector<base::SymbolId> args;
  for (const auto& fact : facts) {
    args.clear();
    for (const auto& value : fact.args) args.push_back(session.intern(value));
    session.add_fact(fact.relation, args, fact.truth);
  }
  session.evaluate();
}

void run_scenarios(benchmark::State& state, const compile::RuleSet& rules, const std::vector<std::vector<Fact>>& scenarios,
                   bool proofs) {
  const infer::Network network(rules);
  infer::Session session(network);
  explain::ReportOptions options;
  options.proofs = proofs;
  std::size_t findings = 0;
  std::size_t bytes = 0;
  std::size_t next = 0;
  for (auto _ : state) {
    evaluate_scenario(session, scenarios[next]);
    const auto report = explain::build_report(rules, session, options);
    findings = report.findings.size();
    benchmark::DoNotOptimize(report);
    bytes = std::max(bytes, session.memory_bytes());
    next = (next + 1) % scenarios.size();
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["session_bytes"] = static_cast<double>(bytes);
  state.counters["scenarios"] = static_cast<double>(scenarios.size());
}

void BM_RealisticEvaluationOnly(benchmark::State& state) {
  const auto rules = realistic_rules();
  const auto facts = realistic_facts(rules);
  const infer::Network network(rules);
  infer::Session session(network);
  for (auto _ : state) {
    evaluate_scenario(session, facts);
    benchmark::DoNotOptimize(session.fact_count());
  }
  state.counters["facts"] = static_cast<double>(session.fact_count());
}
BENCHMARK(BM_RealisticEvaluationOnly)->Unit(benchmark::kMicrosecond);

void BM_RealisticScenario(benchmark::State& state) {
  const auto rules = realistic_rules();
  run_scenarios(state, rules, {realistic_facts(rules)}, state.range(0) != 0);
  state.counters["rules"] = static_cast<double>(rules.rules.size());
}
BENCHMARK(BM_RealisticScenario)->Arg(0)->Arg(1)->ArgName("proofs")->Unit(benchmark::kMicrosecond);

// The project's rule base on every scenario in scenarios/, when both are there and load.
struct ProjectData {
  std::optional<compile::RuleSet> rules;
  std::vector<std::vector<Fact>> scenarios;
};

ProjectData load_project() {
  ProjectData data;
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const std::filesystem::path root(CYBERNORMS_SOURCE_DIR);
  if (!std::filesystem::exists(root / "rules")) return data;
  data.rules = compile::check_paths({root / "rules"}, {}, sources, diagnostics).rules;
  if (!data.rules || !std::filesystem::exists(root / "scenarios")) return data;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(root / "scenarios"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    base::Diagnostics problems;
    const auto loaded = scenario::load_scenario(text.str(), file.filename().string(), *data.rules, problems);
    if (problems.has_errors()) continue;
    std::vector<Fact> facts;
    for (const auto& fact : loaded.facts) facts.push_back({fact.relation, fact.args, fact.truth});
    data.scenarios.push_back(std::move(facts));
  }
  return data;
}

void BM_ProjectRuleBase(benchmark::State& state) {
  const auto data = load_project();
  if (!data.rules || data.scenarios.empty()) {
    state.SkipWithError("rules/ or scenarios/ not loadable");
    return;
  }
  run_scenarios(state, *data.rules, data.scenarios, state.range(0) != 0);
  state.counters["rules"] = static_cast<double>(data.rules->rules.size());
}
BENCHMARK(BM_ProjectRuleBase)->Arg(0)->Arg(1)->ArgName("proofs")->Unit(benchmark::kMicrosecond);

/// The project's rule base over its scenarios, facts in and both models out, no report:
/// the engine's own share of a scenario's cost.
void BM_ProjectRuleBaseEvaluationOnly(benchmark::State& state) {
  const auto data = load_project();
  if (!data.rules || data.scenarios.empty()) {
    state.SkipWithError("rules/ or scenarios/ not loadable");
    return;
  }
  const infer::Network network(*data.rules);
  infer::Session session(network);
  std::size_t next = 0;
  for (auto _ : state) {
    evaluate_scenario(session, data.scenarios[next]);
    benchmark::DoNotOptimize(session.fact_count());
    next = (next + 1) % data.scenarios.size();
  }
  state.counters["scenarios"] = static_cast<double>(data.scenarios.size());
}
BENCHMARK(BM_ProjectRuleBaseEvaluationOnly)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
