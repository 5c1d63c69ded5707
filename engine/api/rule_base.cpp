#include "cybernorms/cybernorms.hpp"

#include "compile/compile.hpp"
#include "explain/build_report.hpp"
#include "infer/network.hpp"
#include "infer/session.hpp"
#include "io/json_schema.hpp"
#include "io/scenario.hpp"

namespace cybernorms {

/// The rule set and the network built on it. Never moved once built: the network
/// refers to the rule set.
struct RuleBase::Compiled {
  explicit Compiled(compile::RuleSet compiled) : rules(std::move(compiled)), network(rules), reader(rules) {}
  compile::RuleSet rules;
  infer::Network network;
  io::ScenarioReader reader;  ///< the scenario vocabulary, worked out once
};

RuleBase::RuleBase(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

std::optional<RuleBase> RuleBase::load(const std::vector<std::filesystem::path>& paths, base::SourceSet& sources,
                                       base::Diagnostics& diagnostics, const LoadOptions& options) {
  compile::CheckResult checked = compile::check_paths(paths, compile::CheckOptions{options.sources_dir}, sources,
                                                      diagnostics);
  if (!checked.rules) return std::nullopt;
  return RuleBase(std::make_shared<const Compiled>(std::move(*checked.rules)));
}

const compile::RuleSet& RuleBase::rules() const { return compiled_->rules; }

std::string RuleBase::scenario_schema() const { return io::json_schema(compiled_->rules); }

Evaluation RuleBase::evaluate(std::string_view scenario_json, const std::string& document_name,
                              const EvaluateOptions& options) const {
  Evaluator evaluator(*this);
  return evaluator.evaluate(scenario_json, document_name, options);
}

// ----- Evaluator ------------------------------------------------------------------------

struct Evaluator::State {
  explicit State(const infer::Network& network) : session(network) {}
  infer::Session session;
  std::vector<base::SymbolId> args;
  std::vector<infer::FactId> fact_ids;  ///< by index into LoadedScenario::facts
  std::vector<infer::FactId> group;
};

Evaluator::Evaluator(RuleBase rule_base)
    : rule_base_(std::move(rule_base)), state_(std::make_unique<State>(rule_base_.compiled_->network)) {}

Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;

Evaluation Evaluator::evaluate(std::string_view scenario_json, const std::string& document_name,
                               const EvaluateOptions& options) {
  std::vector<Evaluation> evaluations = evaluate_profiles(scenario_json, document_name, {options.profile}, options);
  return std::move(evaluations.front());
}

namespace {

/// Checks every profile name before any work, so a misspelt one is one clear error.
bool profiles_exist(const compile::RuleSet& rules, const std::vector<std::string>& profiles,
                    const std::string& document_name, base::Diagnostics& diagnostics) {
  bool all_found = true;
  for (const std::string& profile : profiles) {
    if (rules.find_profile(profile)) continue;
    diagnostics.pointer_error("E412", document_name, "", "no profile named '{}'", profile);
    all_found = false;
  }
  return all_found;
}

}  // namespace

std::vector<Evaluation> Evaluator::evaluate_profiles(std::string_view scenario_json, const std::string& document_name,
                                                     const std::vector<std::string>& profiles,
                                                     const EvaluateOptions& options) {
  const compile::RuleSet& rules = rule_base_.rules();
  base::Diagnostics input_problems;
  const io::LoadedScenario scenario = rule_base_.compiled_->reader.load(scenario_json, document_name, input_problems);
  profiles_exist(rules, profiles, document_name, input_problems);
  std::vector<Evaluation> evaluations(profiles.size());
  if (input_problems.has_errors()) {
    for (Evaluation& evaluation : evaluations) evaluation.diagnostics = input_problems;
    return evaluations;
  }
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    evaluations[i] = evaluate_loaded(scenario, document_name, profiles[i], options);
  }
  return evaluations;
}

void Evaluator::add_scenario_facts(const io::LoadedScenario& scenario) {
  infer::Session& session = state_->session;
  state_->fact_ids.clear();
  for (const io::ScenarioFact& fact : scenario.facts) {
    state_->args.clear();
    for (const std::string& value : fact.args) state_->args.push_back(session.intern(value));
    // The loader checked every relation and arity against the rule set, so this holds.
    state_->fact_ids.push_back(session.add_fact(fact.relation, state_->args, fact.truth).value_or(0));
  }
  for (const std::vector<std::size_t>& exclusive : scenario.exclusive) {
    state_->group.clear();
    for (const std::size_t index : exclusive) state_->group.push_back(state_->fact_ids[index]);
    session.add_exclusive_group(state_->group);
  }
}

Evaluation Evaluator::evaluate_loaded(const io::LoadedScenario& scenario, const std::string& document_name,
                                      const std::string& profile, const EvaluateOptions& options) {
  const compile::RuleSet& rules = rule_base_.rules();
  infer::Session& session = state_->session;
  session.clear();
  session.use_profile(*rules.find_profile(profile));
  add_scenario_facts(scenario);
  Evaluation evaluation;
  infer::Options limits;
  limits.max_facts = options.max_derived_facts;
  if (const auto stopped = session.evaluate(limits)) {
    evaluation.diagnostics.pointer_error(stopped->code, document_name, "", "{}", stopped->message);
    return evaluation;
  }
  explain::ReportOptions report_options;
  report_options.scenario = scenario.id;
  report_options.profile = profile;
  report_options.proofs = options.proofs;
  report_options.max_hinge_sets = options.max_hinge_sets;
  evaluation.report = explain::build_report(rules, session, report_options);
  return evaluation;
}

}  // namespace cybernorms
