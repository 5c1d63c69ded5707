#include <cybernorms/cybernorms.hpp>

#include "api/compiled.hpp"
#include "explain/build_report.hpp"
#include "explain/facts_listing.hpp"
#include "explain/outcome.hpp"
#include "infer/hinges.hpp"
#include "render/batch_records.hpp"
#include "render/compact_record.hpp"
#include "infer/session.hpp"
#include "explain/wording.hpp"
#include "scenario/assumptions.hpp"
#include "scenario/facts_file.hpp"
#include "scenario/json_input.hpp"
#include "scenario/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cybernorms {

/// One session, reused scenario after scenario, and the buffers facts pass through.
struct Evaluator::State {
  explicit State(const infer::Network& network) : session(network) {}

  /// Scenario facts and facts files alike: into the cleared session under a profile,
  /// then evaluated. False (with the limit's diagnostic) when evaluation stopped.
  bool run(const scenario::LoadedScenario& loaded, std::uint32_t profile, const EvaluateOptions& options,
           const std::string& document_name, Diagnostics& diagnostics);
  /// run() in its three steps, for a reader that gives its facts as it reads them:
  /// clears the session and takes the profile (and answers to questions of law); then
  /// `facts` takes the scenario's facts; then evaluate().
  void begin(std::uint32_t profile, const std::vector<scenario::LoadedScenario::ParameterAnswer>& parameter_answers);
  bool evaluate(const EvaluateOptions& options, const std::string& document_name, Diagnostics& diagnostics);
  void add_facts(const scenario::LoadedScenario& loaded);

  /// Scenario facts into the session as they come, each string interned once for a run of
  /// facts about the same entity.
  class SessionFacts final : public scenario::FactReceiver {
   public:
    explicit SessionFacts(State& state) : state_(state) {}
    void expect(std::size_t facts) override { state_.fact_ids.reserve(facts); }
    void add(compile::RelationId relation, std::span<const std::string_view> args, base::Truth truth) override;
    void exclusive(std::size_t first, std::size_t count) override;

   private:
    State& state_;
    std::string_view entity_;  ///< the last fact's entity, interned as entity_symbol_
    base::SymbolId entity_symbol_ = 0;
    bool has_entity_ = false;
  };
  /// Each goal's matching facts in the evaluated session, or why none matches.
  std::vector<GoalAnswer> answer_goals(const std::vector<scenario::Goal>& goals, const explain::HingeOptions& hinges,
                                       std::string_view profile);

  /// The hinge search of compact records, kept (and restarted) from scenario to scenario
  /// while the number of sets kept per fact stays the same.
  infer::HingeSearch& hinge_search(std::size_t cap, std::size_t budget);

  infer::Session session;
  std::optional<infer::HingeSearch> hinges;
  std::size_t hinges_cap = 0;
  explain::Outcome outcome;
  render::CompactRecordWriter record_writer;
  scenario::JsonParser json_parser;  ///< kept from scenario to scenario with its buffers
  std::vector<infer::FactId> scratch;
  std::vector<base::SymbolId> args;
  std::vector<infer::FactId> fact_ids;  ///< by index into LoadedScenario::facts
  std::vector<infer::FactId> group;
  std::vector<infer::Session::ParameterAnswer> answers;  ///< the assumptions that answer questions of law
};

static_assert(default_hinge_budget == infer::default_hinge_budget, "one default hinge budget");

namespace {

/// The input limits an evaluation asks for (its size limit up to the most allowed).
scenario::ScenarioLimits input_limits(const EvaluateOptions& options) {
  scenario::ScenarioLimits limits;
  limits.max_bytes = std::min(options.max_input_bytes, max_settable_input_bytes);
  // Assumptions may name a value an open question would leave unnamed.
  limits.open_values_once = options.open_values_once && options.assumptions.empty();
  return limits;
}

/// The input limits of a why-not: goals may name a value an open question would leave unnamed.
scenario::ScenarioLimits goal_limits(const EvaluateOptions& options) {
  scenario::ScenarioLimits limits = input_limits(options);
  limits.open_values_once = false;
  return limits;
}

/// The stand-in for the values a scenario leaves open, worded in the report's language.
void label_stand_in(const compile::Language* language, infer::Session& session) {
  if (const auto symbol = session.find_symbol(scenario::stand_in_value))
    session.set_label(*symbol, std::string(language != nullptr ? language->words("unnamed_value")
                                                                 : Words()("unnamed_value")));
}

/// Entities the scenario names read by their names in explanations; ids stay in arguments.
void label_entities(const scenario::LoadedScenario& loaded, infer::Session& session) {
  for (const scenario::ScenarioEntity& entity : loaded.entities) {
    if (entity.name.empty()) continue;
    if (const auto symbol = session.find_symbol(entity.id)) session.set_label(*symbol, entity.name);
  }
}

explain::HingeOptions hinge_options(const EvaluateOptions& options) {
  return {options.max_hinge_sets, std::min(options.hinge_budget, max_hinge_budget)};
}

/// Checks every profile name before any work, so a misspelt one is one clear error.
bool profiles_exist(const compile::RuleSet& rules, const std::vector<std::string>& profiles,
                    const std::string& document_name, Diagnostics& diagnostics) {
  bool all_found = true;
  for (const std::string& profile : profiles) {
    if (rules.find_profile(profile)) continue;
    diagnostics.pointer_error("E412", document_name, "", "no profile named '{}'", profile);
    all_found = false;
  }
  return all_found;
}

/// The language asked for, or null for English; an unknown one is E418, naming those there are.
const compile::Language* find_language(const compile::RuleSet& rules, const std::string& language,
                                       const std::string& document_name, Diagnostics& diagnostics) {
  if (const compile::Language* found = rules.find_language(language)) return found;
  if (language != default_language) {
    diagnostics.pointer_error("E418", document_name, "", "no language named '{}': the rule base has {}", language,
                              fmt::format("{}", fmt::join(rules.language_ids(), ", ")));
  }
  return nullptr;
}

}  // namespace

/// The goals that parse; each that does not gets its diagnostic, pointing into the goal's
/// text, added to `sources` as a file named "--why-not".
std::vector<scenario::Goal> parse_goals(const std::vector<std::string>& goals, const compile::RuleSet& rules,
                                        SourceSet& sources, Diagnostics& diagnostics) {
  std::vector<scenario::Goal> parsed;
  for (const std::string& goal : goals) {
    const FileId file = sources.add("--why-not", goal);
    if (auto one = scenario::parse_goal(sources.file(file), file, rules, diagnostics)) parsed.push_back(std::move(*one));
  }
  return parsed;
}

namespace {

/// What each value reads as in an explanation: its entity's name where the scenario gives one.
std::vector<std::string> labels_of(const scenario::LoadedScenario& loaded, const std::vector<std::string>& values) {
  std::vector<std::string> labels;
  for (const std::string& value : values) {
    const auto named = std::find_if(loaded.entities.begin(), loaded.entities.end(),
                                    [&](const scenario::ScenarioEntity& e) { return e.id == value && !e.name.empty(); });
    labels.push_back(named == loaded.entities.end() ? value : named->name);
  }
  return labels;
}

/// A scenario with assumptions applied, and what the report says of them.
struct AssumedScenario {
  scenario::LoadedScenario scenario;
  std::vector<Assumption> assumptions;
};

/// The scenario as the assumptions make it; nullopt (with their diagnostics) when one
/// does not fit the rule set or the scenario.
std::optional<AssumedScenario> with_assumptions(const compile::RuleSet& rules, const scenario::LoadedScenario& loaded,
                                                const std::vector<AssumedFact>& assumptions,
                                                const compile::Language* language, Diagnostics& diagnostics) {
  const auto checked = scenario::check_assumptions(assumptions, rules, loaded, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  AssumedScenario assumed{loaded, {}};
  const std::vector<Truth> stated = scenario::apply_assumptions(assumed.scenario, checked);
  for (std::size_t i = 0; i < checked.size(); ++i) {
    FactRef fact =
        explain::fact_ref(rules, checked[i].relation, checked[i].args, labels_of(loaded, checked[i].args), language);
    if (checked[i].parameter) fact.text = explain::parameter_value_text(rules, checked[i].relation, checked[i].args[0], language);
    assumed.assumptions.push_back(Assumption{std::move(fact), checked[i].value, stated[i]});
  }
  return assumed;
}

/// What a profile says of the parameter values assumed: unknown where it holds the
/// parameter open, else whether its value is the one assumed.
void stated_by_profile(const compile::RuleSet& rules, const compile::Profile& profile,
                       std::vector<Assumption>& assumptions) {
  for (Assumption& assumption : assumptions) {
    const auto relation = rules.find_relation(assumption.fact.relation);
    const compile::Param* param = relation ? rules.parameter_of(*relation) : nullptr;
    if (param == nullptr || assumption.fact.args.size() != 1) continue;
    const auto index = static_cast<std::size_t>(param - rules.params.data());
    if (index < profile.held_open.size() && profile.held_open[index]) {
      assumption.stated = Truth::unknown;
      continue;
    }
    const bool same = index < profile.values.size() && rules.symbols.name(profile.values[index]) == assumption.fact.args[0];
    assumption.stated = same ? Truth::yes : Truth::no;
  }
}

}  // namespace

Evaluator::Evaluator(RuleBase rule_base)
    : rule_base_(std::move(rule_base)), state_(std::make_unique<State>(rule_base_.compiled_->network)) {}

Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;

Evaluation Evaluator::evaluate(std::string_view scenario_json, const std::string& document_name,
                               const EvaluateOptions& options) {
  std::vector<Evaluation> evaluations = evaluate_profiles(scenario_json, document_name, {options.profile}, options);
  return std::move(evaluations.front());
}

std::vector<Evaluation> Evaluator::evaluate_profiles(std::string_view scenario_json, const std::string& document_name,
                                                     const std::vector<std::string>& profiles,
                                                     const EvaluateOptions& options) {
  const compile::RuleSet& rules = rule_base_.compiled_->rules;
  Diagnostics input_problems;
  const scenario::LoadedScenario loaded =
      rule_base_.compiled_->reader.load(scenario_json, document_name, input_problems, input_limits(options),
                                        &state_->json_parser);
  profiles_exist(rules, profiles, document_name, input_problems);
  const compile::Language* language = find_language(rules, options.language, document_name, input_problems);
  std::optional<AssumedScenario> assumed;
  if (!options.assumptions.empty() && !input_problems.has_errors())
    assumed = with_assumptions(rules, loaded, options.assumptions, language, input_problems);
  const scenario::LoadedScenario& facts = assumed ? assumed->scenario : loaded;
  std::vector<Evaluation> evaluations(profiles.size());
  if (loaded.has_id)
    for (Evaluation& evaluation : evaluations) evaluation.scenario = loaded.id;
  if (input_problems.has_errors()) {
    for (Evaluation& evaluation : evaluations) evaluation.diagnostics = input_problems;
    return evaluations;
  }
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    Evaluation& evaluation = evaluations[i];
    if (!state_->run(facts, *rules.find_profile(profiles[i]), options, document_name, evaluation.diagnostics))
      continue;
    explain::ReportOptions report_options;
    report_options.scenario = loaded.id;
    report_options.profile = profiles[i];
    report_options.proofs = options.proofs;
    report_options.max_hinge_sets = options.max_hinge_sets;
    report_options.hinge_budget = hinge_options(options).budget;
    report_options.proof_limits.max_depth = options.proof_depth;
    label_entities(loaded, state_->session);
    if (input_limits(options).open_values_once) label_stand_in(language, state_->session);
    report_options.language = language;
    evaluation.report = explain::build_report(rules, state_->session, report_options);
    evaluation.report->title = loaded.title;
    for (const scenario::ScenarioEntity& entity : loaded.entities)
      if (!entity.name.empty()) evaluation.report->names.emplace_back(entity.id, entity.name);
    if (assumed) {
      evaluation.report->assumptions = assumed->assumptions;
      stated_by_profile(rules, rules.profiles[*rules.find_profile(profiles[i])], evaluation.report->assumptions);
    }
  }
  return evaluations;
}

bool Evaluator::append_compact_record(std::string_view scenario_json, std::size_t line,
                                      const EvaluateOptions& options, std::string& out) {
  const compile::RuleSet& rules = rule_base_.compiled_->rules;
  const std::string document_name = "line " + std::to_string(line);
  Diagnostics problems;
  // The facts go into the session as they are read (an unknown profile is reported below,
  // and nothing is evaluated then).
  state_->begin(rules.find_profile(options.profile).value_or(0), {});
  State::SessionFacts facts(*state_);
  const scenario::LoadedScenario loaded = rule_base_.compiled_->reader.read(
      scenario_json, document_name, problems, input_limits(options), &state_->json_parser, facts);
  profiles_exist(rules, {options.profile}, document_name, problems);
  if (problems.has_errors() || !state_->evaluate(options, document_name, problems)) {
    const auto scenario = loaded.has_id ? std::optional<std::string_view>(loaded.id) : std::nullopt;
    render::append_batch_error_record(out, line, scenario, problems);
    return false;
  }
  const explain::HingeOptions limits = hinge_options(options);
  infer::HingeSearch& hinges = state_->hinge_search(infer::sets_kept(limits.max_sets), limits.budget);
  explain::build_outcome(rules, state_->session, limits.max_sets, hinges, state_->outcome, state_->scratch);
  state_->record_writer.append(out, line, loaded.id, options.profile, rules, state_->session, state_->outcome);
  return true;
}

infer::HingeSearch& Evaluator::State::hinge_search(std::size_t cap, std::size_t budget) {
  if (!hinges || hinges_cap != cap) {
    hinges.emplace(session, cap, budget);
    hinges_cap = cap;
  } else {
    hinges->restart(budget);
  }
  return *hinges;
}

FactsEvaluation Evaluator::evaluate_facts(std::string_view facts_json, const std::string& document_name,
                                          const std::vector<std::string>& goals, const EvaluateOptions& options) {
  const compile::RuleSet& rules = rule_base_.compiled_->rules;
  FactsEvaluation evaluation;
  const auto file = scenario::read_facts_file(facts_json, document_name, rules, evaluation.diagnostics,
                                              input_limits(options).max_bytes);
  const std::vector<scenario::Goal> parsed = parse_goals(goals, rules, evaluation.sources, evaluation.diagnostics);
  if (!file || evaluation.diagnostics.has_errors()) return evaluation;
  if (!state_->run(file->facts, file->profile, options, document_name, evaluation.diagnostics))
    return evaluation;
  evaluation.report = FactsReport{explain::derived_facts(state_->session, hinge_options(options)),
                                  state_->answer_goals(parsed, hinge_options(options), rules.profiles[file->profile].id)};
  return evaluation;
}

GoalsEvaluation Evaluator::why_not(std::string_view scenario_json, const std::string& document_name,
                                   const std::vector<std::string>& goals, const EvaluateOptions& options) {
  const compile::RuleSet& rules = rule_base_.compiled_->rules;
  GoalsEvaluation evaluation;
  const scenario::LoadedScenario loaded =
      rule_base_.compiled_->reader.load(scenario_json, document_name, evaluation.diagnostics, goal_limits(options),
                                        &state_->json_parser);
  profiles_exist(rules, {options.profile}, document_name, evaluation.diagnostics);
  const std::vector<scenario::Goal> parsed = parse_goals(goals, rules, evaluation.sources, evaluation.diagnostics);
  std::optional<AssumedScenario> assumed;
  if (!options.assumptions.empty() && !evaluation.diagnostics.has_errors())
    assumed = with_assumptions(rules, loaded, options.assumptions, nullptr, evaluation.diagnostics);
  if (evaluation.diagnostics.has_errors()) return evaluation;
  if (!state_->run(assumed ? assumed->scenario : loaded, *rules.find_profile(options.profile), options, document_name,
                   evaluation.diagnostics))
    return evaluation;
  label_entities(loaded, state_->session);
  evaluation.answers = state_->answer_goals(parsed, hinge_options(options), options.profile);
  return evaluation;
}

std::vector<GoalAnswer> Evaluator::State::answer_goals(const std::vector<scenario::Goal>& goals,
                                                       const explain::HingeOptions& hinges, std::string_view profile) {
  std::vector<GoalAnswer> answers;
  for (const scenario::Goal& goal : goals) {
    std::vector<std::optional<base::SymbolId>> values;
    std::vector<std::string> shown;
    for (const auto& arg : goal.args) {
      values.push_back(arg ? std::optional(session.intern(*arg)) : std::nullopt);
      shown.push_back(arg.value_or("_"));
    }
    answers.push_back(explain::answer_goal(session, goal.relation, values, std::move(shown), hinges, profile));
  }
  return answers;
}

void Evaluator::State::SessionFacts::add(compile::RelationId relation, std::span<const std::string_view> args,
                                         base::Truth truth) {
  infer::Session& session = state_.session;
  // A scenario's facts come entity by entity, each with the entity first: it is
  // interned once for the facts in a row that share it.
  if (!args.empty() && (!has_entity_ || entity_ != args[0])) {
    entity_ = args[0];
    entity_symbol_ = session.intern(args[0]);
    has_entity_ = true;
  }
  state_.args.clear();
  for (std::size_t i = 0; i < args.size(); ++i) state_.args.push_back(i == 0 ? entity_symbol_ : session.intern(args[i]));
  // The reader checked every relation and arity against the rule set, so this holds.
  state_.fact_ids.push_back(session.add_fact(relation, state_.args, truth).value_or(0));
}

void Evaluator::State::SessionFacts::exclusive(std::size_t first, std::size_t count) {
  state_.group.assign(state_.fact_ids.begin() + static_cast<std::ptrdiff_t>(first),
                      state_.fact_ids.begin() + static_cast<std::ptrdiff_t>(first + count));
  state_.session.add_exclusive_group(state_.group);
}

void Evaluator::State::add_facts(const scenario::LoadedScenario& loaded) {
  SessionFacts facts(*this);
  std::vector<std::string_view> args;
  for (const scenario::ScenarioFact& fact : loaded.facts) {
    args.assign(fact.args.begin(), fact.args.end());
    facts.add(fact.relation, args, fact.truth);
  }
  for (const std::vector<std::size_t>& exclusive : loaded.exclusive) {
    group.clear();
    for (const std::size_t index : exclusive) group.push_back(fact_ids[index]);
    session.add_exclusive_group(group);
  }
}

void Evaluator::State::begin(std::uint32_t profile,
                             const std::vector<scenario::LoadedScenario::ParameterAnswer>& parameter_answers) {
  session.clear();
  fact_ids.clear();
  answers.clear();
  for (const auto& answer : parameter_answers)
    answers.push_back(infer::Session::ParameterAnswer{answer.relation, session.intern(answer.value), answer.holds});
  session.use_profile(profile, answers);
}

bool Evaluator::State::evaluate(const EvaluateOptions& options, const std::string& document_name,
                                Diagnostics& diagnostics) {
  infer::Options limits;
  limits.max_facts = options.max_derived_facts;
  if (const auto stopped = session.evaluate(limits)) {
    diagnostics.pointer_error(stopped->code, document_name, "", "{}", stopped->message);
    return false;
  }
  return true;
}

bool Evaluator::State::run(const scenario::LoadedScenario& loaded, std::uint32_t profile,
                           const EvaluateOptions& options, const std::string& document_name,
                           Diagnostics& diagnostics) {
  begin(profile, loaded.parameter_answers);
  add_facts(loaded);
  return evaluate(options, document_name, diagnostics);
}

}  // namespace cybernorms
