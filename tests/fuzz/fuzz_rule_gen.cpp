// Generated rule sets: the bytes, read from the front, choose a well-typed rule file
// (rule_generator.hpp); read from the back, base facts over a handful of values (each
// absent, true or unknown), a profile and a settling of the unknowns.
// Properties: the text parses without errors, prints to text that parses to the same
// tree, and compiles without errors into rules that can all be evaluated; evaluation
// finishes or stops at a limit (E501, E502); the lower model lies below every settling of
// the unknowns and the upper model above it (all false, all true, one the bytes choose),
// and a settled evaluation has nothing left only possible; every hinge set names unknown
// base facts, and settling the first few as they say establishes their fact; a search
// ends within its work budget, on cycles of possible facts too (it took time exponential
// in their length, whatever its budget, before facts searched counted as work).
//
// Environment (all optional, for measuring and for seeding the `rules` corpus):
//   CYBERNORMS_RULE_GEN_OUT=-       print each generated rule file to stdout
//   CYBERNORMS_RULE_GEN_OUT=FOLDER  write each to FOLDER/gen-<hash>.cnr
//   CYBERNORMS_RULE_GEN_STATS=1     count what the inputs reached; printed at exit
#include "decisions.hpp"
#include "fuzz_target.hpp"
#include "rule_text.hpp"
#include "rule_generator.hpp"

#include "compile/compile.hpp"
#include "dsl/parse.hpp"
#include "dsl/print.hpp"
#include "infer/hinges.hpp"
#include "infer/network.hpp"
#include "infer/session.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <set>

using namespace cybernorms;

namespace {

/// How far the inputs got, counted when CYBERNORMS_RULE_GEN_STATS is set.
struct Stats {
  bool enabled = std::getenv("CYBERNORMS_RULE_GEN_STATS") != nullptr;
  std::size_t inputs = 0;
  std::size_t compiled = 0;
  std::size_t with_warnings = 0;
  std::size_t recursive = 0;  ///< rule sets with a recursive rule (delta plans)
  std::size_t finished = 0;   ///< evaluations that reached their fixpoint
  std::size_t stopped = 0;    ///< evaluations stopped by a limit
  std::size_t derived = 0;    ///< inputs where some derived fact or principle holds or may hold
  std::size_t settlings = 0;
  std::size_t hinge_searches = 0;  ///< evaluations whose facts' hinge sets were searched
  std::size_t hinge_sets = 0;
  std::size_t hinge_sets_settled = 0;

  ~Stats() {
    if (!enabled) return;
    std::fprintf(stderr,
                 "rule_gen stats: inputs %zu, compiled %zu (%zu with warnings), recursive %zu, evaluated %zu, "
                 "stopped at a limit %zu, deriving something %zu, settlings checked %zu, hinges searched in %zu, "
                 "hinge sets %zu (settled and re-evaluated %zu)\n",
                 inputs, compiled, with_warnings, recursive, finished, stopped, derived, settlings, hinge_searches,
                 hinge_sets, hinge_sets_settled);
  }
};

Stats& stats() {
  static Stats counted;
  return counted;
}

void write_generated(const std::string& text) {
  static const char* const out = std::getenv("CYBERNORMS_RULE_GEN_OUT");
  if (out == nullptr) return;
  if (std::string_view(out) == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::ofstream(fmt::format("{}/gen-{:016x}.cnr", out, std::hash<std::string>{}(text))) << text;
}

[[noreturn]] void fail_with(const std::string& text, const Diagnostics& diagnostics, const SourceSet& sources,
                            const char* property) {
  std::fprintf(stderr, "%s\n%s", text.c_str(), render_text(diagnostics, sources).c_str());
  fuzz::require(false, property);
  std::abort();
}

/// A base fact by the spelling of its arguments, so it means the same in any session.
struct PlannedFact {
  compile::RelationId relation = 0;
  std::vector<std::string> args;
  base::Truth truth = base::Truth::yes;
};

/// A fact of a model, by relation and spelling: comparable across sessions.
using FactKey = std::pair<compile::RelationId, std::vector<std::string>>;
using Model = std::set<FactKey>;

/// What one evaluation gets: the profile's parameter values and the base facts.
struct Scenario {
  std::uint32_t profile = 0;
  std::vector<PlannedFact> facts;
};

/// The values the facts use for one argument type (an entity's ids are the constants the
/// generator writes).
std::vector<std::string> values_of(const compile::RuleSet& rules, compile::TypeId type) {
  const compile::Type& declared = rules.types[type];
  switch (declared.kind) {
    case compile::TypeKind::entity: return {"a", "b", "c"};
    case compile::TypeKind::integer: return {"-1", "0", "1", "2"};
    case compile::TypeKind::string: return {"x", "y"};
    case compile::TypeKind::enumeration:
    case compile::TypeKind::boolean: break;
  }
  std::vector<std::string> values;
  for (const base::SymbolId value : declared.values) values.push_back(rules.symbols.name(value));
  return values;
}

/// Every combination of values for a base relation's arguments (at most two of them).
std::vector<std::vector<std::string>> tuples_of(const compile::RuleSet& rules, const compile::Relation& relation) {
  std::vector<std::vector<std::string>> tuples{{}};
  for (const compile::TypeId type : relation.arg_types) {
    std::vector<std::vector<std::string>> longer;
    for (const auto& tuple : tuples) {
      for (const auto& value : values_of(rules, type)) {
        longer.push_back(tuple);
        longer.back().push_back(value);
      }
    }
    tuples = std::move(longer);
  }
  return tuples;
}

/// Each possible fact of each base relation absent, true or unknown, as the bytes say.
Scenario choose_scenario(const compile::RuleSet& rules, fuzz::Decisions& decide) {
  Scenario scenario{static_cast<std::uint32_t>(decide.below(rules.profiles.size())), {}};
  for (compile::RelationId relation = 0; relation < rules.relations.size(); ++relation) {
    if (rules.relations[relation].kind != compile::RelationKind::base) continue;
    for (auto& tuple : tuples_of(rules, rules.relations[relation])) {
      const std::size_t choice = decide.below(3);
      if (choice == 0) continue;
      scenario.facts.push_back({relation, std::move(tuple), choice == 1 ? base::Truth::yes : base::Truth::unknown});
    }
  }
  return scenario;
}

void load(infer::Session& session, const Scenario& scenario) {
  session.use_profile(scenario.profile);
  std::vector<base::SymbolId> args;
  for (const PlannedFact& fact : scenario.facts) {
    args.clear();
    for (const auto& value : fact.args) args.push_back(session.intern(value));
    session.add_fact(fact.relation, args, fact.truth);
  }
}

/// Bounds of one evaluation. An input is evaluated up to seven times (the scenario, two
/// settlings, four hinge sets), so an input at the bounds must stay well inside the
/// 20-second timeout even under sanitizers on a loaded machine: at 1,000,000 join steps
/// one input took 7.7 CPU-seconds, and on a shared machine that was a timeout.
infer::Options limits() {
  infer::Options options;
  options.max_facts = 20'000;
  options.max_join_steps = 200'000;
  return options;
}

/// Evaluates; true when the fixpoint was reached, false when a limit stopped it.
bool evaluate(infer::Session& session) {
  const auto limit = session.evaluate(limits());
  fuzz::require(!limit || limit->code == "E501" || limit->code == "E502", "evaluation stops only at a limit");
  return !limit;
}

FactKey key_of(const infer::Session& session, infer::FactId fact) {
  FactKey key{session.relation_of(fact), {}};
  for (const base::SymbolId arg : session.args(fact)) key.second.push_back(session.symbol_name(arg));
  return key;
}

Model model_of(const infer::Session& session, bool lower_only) {
  Model model;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact)
    if (!lower_only || session.truth(fact) == base::Truth::yes) model.insert(key_of(session, fact));
  return model;
}

bool includes(const Model& large, const Model& small) {
  return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

/// The scenario with unknown facts settled: those named as the map says, the others to
/// `rest` (or left unknown when `rest` is unknown).
Scenario settled(Scenario scenario, const std::map<FactKey, bool>& named, base::Truth rest) {
  for (PlannedFact& fact : scenario.facts) {
    if (fact.truth != base::Truth::unknown) continue;
    const auto found = named.find({fact.relation, fact.args});
    if (found != named.end()) fact.truth = found->second ? base::Truth::yes : base::Truth::no;
    else fact.truth = rest;
  }
  return scenario;
}

/// A total settling: no fact is left only possible, and its model lies between the
/// lower and the upper model of the unsettled evaluation.
void check_settling(const infer::Network& network, const Scenario& scenario, const Model& lower, const Model& upper) {
  infer::Session session(network);
  load(session, scenario);
  if (!evaluate(session)) return;
  const Model model = model_of(session, true);
  fuzz::require(model == model_of(session, false), "with every fact settled, nothing is only possible");
  fuzz::require(includes(model, lower), "the lower model lies below every settling");
  fuzz::require(includes(upper, model), "the upper model lies above every settling");
  ++stats().settlings;
}

void check_settlings(const infer::Network& network, const Scenario& scenario, const infer::Session& session,
                     fuzz::Decisions& decide) {
  const Model lower = model_of(session, true);
  const Model upper = model_of(session, false);
  fuzz::require(includes(upper, lower), "the lower model lies below the upper model");
  check_settling(network, settled(scenario, {}, base::Truth::no), lower, upper);
  check_settling(network, settled(scenario, {}, base::Truth::yes), lower, upper);
  std::map<FactKey, bool> chosen;
  for (const PlannedFact& fact : scenario.facts)
    if (fact.truth == base::Truth::unknown) chosen[{fact.relation, fact.args}] = decide.chance(50);
  check_settling(network, settled(scenario, chosen, base::Truth::no), lower, upper);
}

/// Settling a hinge set as it says (other unknowns left unknown) establishes the fact.
void check_hinge_set(const infer::Network& network, const Scenario& scenario, const infer::Session& session,
                     infer::FactId fact, const infer::HingeSet& set) {
  std::map<FactKey, bool> named;
  for (const infer::HingeLiteral& literal : set) named[key_of(session, literal.fact)] = literal.needs_true;
  infer::Session again(network);
  load(again, settled(scenario, named, base::Truth::unknown));
  if (!evaluate(again)) return;
  const FactKey goal = key_of(session, fact);
  std::vector<base::SymbolId> args;
  for (const auto& value : goal.second) args.push_back(again.intern(value));
  fuzz::require(again.truth_of(goal.first, args) == base::Truth::yes, "settling a hinge set establishes its fact");
  ++stats().hinge_sets_settled;
}

/// Hinge sets of every fact, under a shared budget; the first few re-evaluated.
void check_hinges(const infer::Network& network, const Scenario& scenario, const infer::Session& session) {
  constexpr std::size_t settled_sets = 4;
  infer::HingeSearch search(session, 2, 20'000);
  ++stats().hinge_searches;
  std::size_t settled_so_far = 0;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
    const infer::HingeResult result = search.find(fact, 2);
    fuzz::require(result.found >= result.sets.size(), "a hinge search counts the sets it returns");
    if (session.truth(fact) == base::Truth::yes) {
      fuzz::require(result.sets.size() == 1 && result.sets.front().empty(), "an established fact needs no hinge");
      continue;
    }
    for (const infer::HingeSet& set : result.sets) {
      ++stats().hinge_sets;
      for (const infer::HingeLiteral& literal : set)
        fuzz::require(session.base_truth(literal.fact) == base::Truth::unknown, "a hinge is an unknown base fact");
      if (settled_so_far++ < settled_sets) check_hinge_set(network, scenario, session, fact, set);
    }
  }
}

bool derives_something(const compile::RuleSet& rules, const infer::Session& session) {
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) {
    const auto kind = rules.relations[session.relation_of(fact)].kind;
    if (kind == compile::RelationKind::derived || kind == compile::RelationKind::principle) return true;
  }
  return false;
}

void evaluate_and_check(const compile::RuleSet& rules, fuzz::Decisions& decide) {
  const infer::Network network(rules);
  bool recursive = false;
  for (const infer::RulePlan& plan : network.plans()) {
    fuzz::require(plan.is_safe, "every rule of a compiled rule set can be evaluated");
    recursive = recursive || plan.is_recursive;
  }
  stats().recursive += recursive;
  const Scenario scenario = choose_scenario(rules, decide);
  infer::Session session(network);
  load(session, scenario);
  if (!evaluate(session)) {
    ++stats().stopped;
    return;
  }
  ++stats().finished;
  stats().derived += derives_something(rules, session);
  check_settlings(network, scenario, session, decide);
  check_hinges(network, scenario, session);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ++stats().inputs;
  fuzz::Decisions choices({data, size});
  const std::string text = fuzz::generate_rule_text(choices);
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId file = sources.add("generated.cnr", text);
  const dsl::ast::RuleFile parsed = dsl::parse(sources, file, diagnostics);
  if (diagnostics.has_errors()) fail_with(text, diagnostics, sources, "generated rule text parses");
  fuzz::check_round_trip(parsed);
  const auto rules = compile::compile({parsed}, sources, diagnostics);
  if (!rules) fail_with(text, diagnostics, sources, "generated rule text compiles");
  ++stats().compiled;
  stats().with_warnings += diagnostics.warning_count() > 0;
  write_generated(text);
  fuzz::Decisions facts({data, size}, fuzz::Decisions::From::back);
  evaluate_and_check(*rules, facts);
  return 0;
}
