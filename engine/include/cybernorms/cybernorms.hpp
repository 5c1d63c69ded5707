// The public face of the cybernorms engine: load a rule base once, evaluate many
// scenarios (from any number of threads), read reports with findings, hinges, proofs,
// citations and why-not, and render them. Includes no internal header: every type a
// user needs is in namespace cybernorms.
#pragma once
#include <cybernorms/diagnostics.hpp>
#include <cybernorms/exercise.hpp>
#include <cybernorms/expected.hpp>
#include <cybernorms/format.hpp>
#include <cybernorms/input.hpp>
#include <cybernorms/render.hpp>
#include <cybernorms/report.hpp>
#include <cybernorms/what_if.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms {

struct LoadOptions {
  /// Where the cited source documents are; when set, quotes and headings are verified.
  std::optional<std::filesystem::path> sources_dir;
  /// Languages the caller will ask for (`check --lang zh`): loading fails if the rule base
  /// lacks one (E246), and warns (W010) about each text or word not translated into it.
  std::vector<std::string> languages;
};

/// The hinge search's work budget when none is given (EvaluateOptions::hinge_budget).
inline constexpr std::size_t default_hinge_budget = 200'000;

/// Largest hinge_budget an evaluation takes; more is used as this. At about a tenth of a
/// microsecond a step, it bounds the hinge search of one report to seconds.
inline constexpr std::size_t max_hinge_budget = 100'000'000;

struct EvaluateOptions {
  std::string profile{default_profile};
  /// The language of the report's texts from the rule base: titles, facts, `because`
  /// texts, why-not (RuleBase::languages; an unknown one is E418). Render with
  /// RuleBase::words of the same language for headings and labels.
  std::string language{default_language};
  bool proofs = true;                ///< build proof trees (costs time; findings and levels do not need them)
  /// Minimal hinge sets reported per possible finding; a finding with more says how many
  /// it found (Finding::hinge_sets_found).
  std::size_t max_hinge_sets = 4;
  /// Work budget of the hinge search: steps it may take (each fact it searches that it has
  /// not remembered, each merge of two candidate sets), shared by all the findings of a report (for a facts file, each possible fact's own). Findings
  /// whose search it cuts short say so (Finding::hinge_limit); up to max_hinge_budget.
  std::size_t hinge_budget = default_hinge_budget;
  /// Steps from a finding down to the deepest premise shown in its proof; deeper premises
  /// are folded (ProofStep::folded). Up to max_proof_depth.
  std::size_t proof_depth = default_proof_depth;
  std::size_t max_derived_facts = 1'000'000;
  /// Largest scenario or facts file text evaluated, in bytes; a larger one is E407. Up to
  /// max_settable_input_bytes; more is used as that.
  std::size_t max_input_bytes = cybernorms::max_input_bytes;
  /// Base facts taken as true or false whatever the scenario says (docs/what-if.md);
  /// the report lists them (Report::assumptions). Scenarios only, not facts files.
  /// E410 unknown relation, E411 wrong number of values, E420 malformed, E421 not a
  /// relation read from scenarios, E422 a value the scenario does not have, E423 the
  /// same fact assumed both ways.
  std::vector<AssumedFact> assumptions;
  /// How a scenario's open values are read (docs/scenario-format.md, "Open values asked
  /// once"). false: each value an attribute may take is an unknown fact and a question of
  /// its own. true: where the rule base treats a type's values alike, the values a
  /// scenario leaves open are one unknown fact, `_` ("some value not named"), asked once:
  /// the same level for every finding, with one hinge set where there were one per
  /// value, and less work. Not with assumptions, which may name a value: they read each
  /// value as its own fact.
  bool open_values_once = false;
};

/// Reads assumptions, one a line: `FACT=true` or `FACT=false`, FACT written as in the
/// rule language (`knew_of(op1, arland)`); blank lines and `#` comments are skipped. The
/// text of `eval --assume` and of an `--assume-file`. Malformed lines are E420, with a
/// caret under the place in `sources`; which relations and values exist is checked when
/// the assumptions are used (EvaluateOptions::assumptions).
std::vector<AssumedFact> read_assumptions(const SourceSet& sources, FileId file, Diagnostics& diagnostics);

/// One scenario's outcome. `report` is set only for a valid scenario that evaluated
/// within the limits; otherwise `diagnostics` says why (E4xx input, E5xx limits).
struct Evaluation {
  Diagnostics diagnostics;
  std::optional<Report> report;
  /// The scenario's id whenever the input is a JSON object with a string "id" at its top
  /// level, valid or not, so that a rejected scenario can still be named.
  std::optional<std::string> scenario;
  bool ok() const { return report.has_value(); }
};

/// A plain facts file's outcome: set only for a valid file (and valid goals) that
/// evaluated within the limits.
struct FactsEvaluation {
  Diagnostics diagnostics;
  /// The goals as typed, one file named "--why-not" each, which their diagnostics point
  /// into (render them with this set to show a caret under the part that is wrong).
  SourceSet sources;
  std::optional<FactsReport> report;
  bool ok() const { return report.has_value(); }
};

/// Answers to why-not goals about one scenario: set only for a valid scenario and valid
/// goals that evaluated within the limits.
struct GoalsEvaluation {
  Diagnostics diagnostics;
  SourceSet sources;  ///< the goals as typed, as FactsEvaluation::sources
  std::optional<std::vector<GoalAnswer>> answers;
  bool ok() const { return answers.has_value(); }
};

/// The what-if table of one scenario: set only for a valid scenario (and valid
/// assumptions) whose evaluations stayed within the limits.
struct WhatIfEvaluation {
  Diagnostics diagnostics;
  std::optional<WhatIfTable> table;
  bool ok() const { return table.has_value(); }
};

/// What a rule base holds, counted: what `cybernorms check` reports.
struct RuleBaseSummary {
  std::size_t files = 0;
  std::size_t rules = 0;  ///< as written: alternatives of one rule count once
  std::size_t exceptions = 0;
  std::size_t principles = 0;
  std::size_t relations = 0;
  std::size_t profiles = 0;
};

/// The two kinds of evaluation input.
enum class InputKind : std::uint8_t { scenario, facts_file };

/// A JSON object with a top-level "facts" or "unknown" key is a facts file; anything
/// else (including text that is not JSON, which evaluation then reports) is taken as a
/// scenario. Linear in the text, no recursion.
InputKind input_kind(std::string_view json_text);

/// A compiled rule base. Cheap to copy (shared, immutable); evaluate() is thread-safe.
class RuleBase {
 public:
  /// Loads rule files and folders (with their includes), checks and compiles them.
  /// Problems go to `diagnostics` (positions into `sources`); nullopt when there are errors.
  static std::optional<RuleBase> load(const std::vector<std::filesystem::path>& paths, SourceSet& sources,
                                      Diagnostics& diagnostics, const LoadOptions& options = {});

  RuleBaseSummary summary() const;
  /// A copy that shares no memory with this one: the compiled rules and all that is
  /// worked out from them, allocated anew by the calling thread. Copies of a RuleBase
  /// share one compiled rule base, which is right for most uses; a thread that evaluates
  /// for long (a batch worker) reads its rule base millions of times, and one that lives
  /// among another thread's allocations shares cache lines with what that thread writes.
  RuleBase unshared_copy() const;
  /// Profile ids in the rule base's order, `default_profile` first.
  std::vector<std::string> profile_ids() const;
  /// Principle ids in the rule base's order (the order of findings and table columns).
  std::vector<std::string> principle_ids() const;
  bool has_profile(std::string_view id) const;
  /// Language ids the rule base has, English ("en") first, then its `language` blocks.
  std::vector<std::string> languages() const;
  /// The program's words in a language of the rule base (English for one it lacks), for
  /// RenderOptions::words.
  Words words(std::string_view language) const;

  /// Checks why-not goals (`non_interference(borania, _, op1)`) against the rule base
  /// before any evaluation: each goal is added to `sources` as a file named "--why-not",
  /// and each malformed one gets a diagnostic pointing into it (E413 syntax, E410 unknown
  /// relation with "did you mean", E411 wrong number of values). True when all are valid.
  bool check_goals(const std::vector<std::string>& goals, SourceSet& sources, Diagnostics& diagnostics) const;

  /// Validates and evaluates one scenario given as JSON text under one profile.
  Evaluation evaluate(std::string_view scenario_json, const std::string& document_name,
                      const EvaluateOptions& options = {}) const;

  /// The JSON Schema of scenarios for this rule base.
  std::string scenario_schema() const;

  /// The profiles with their citations and the value of every parameter.
  std::string render_profiles(const RenderOptions& options) const;
  /// What the rule base holds, by id: each principle's title, roles and citations, each
  /// relation's kind, arguments and wording, each profile's title. Batch records name
  /// principles and questions by id only, so this is what a consumer joins them with.
  std::string render_catalog(const RenderOptions& options) const;
  /// One scenario's reports, one per profile in the order to show them, principle by profile.
  std::string render_comparison(const std::vector<Report>& reports, const RenderOptions& options) const;
  /// Many reports as one table, scenario by principle.
  std::string render_summary(const std::vector<Report>& reports, const RenderOptions& options) const;

 private:
  friend class Evaluator;
  struct Compiled;
  explicit RuleBase(std::shared_ptr<const Compiled> compiled);
  std::shared_ptr<const Compiled> compiled_;
};

/// Evaluates scenario after scenario on one thread, reusing its buffers, so a batch
/// allocates little per scenario. Not thread-safe: use one Evaluator per thread.
class Evaluator {
 public:
  explicit Evaluator(RuleBase rule_base);
  ~Evaluator();
  Evaluator(Evaluator&&) noexcept;
  Evaluator& operator=(Evaluator&&) = delete;

  Evaluation evaluate(std::string_view scenario_json, const std::string& document_name,
                      const EvaluateOptions& options = {});

  /// Validates the scenario once and evaluates it under each profile named, in order.
  /// An invalid scenario or an unknown profile gives every evaluation the same diagnostics.
  std::vector<Evaluation> evaluate_profiles(std::string_view scenario_json, const std::string& document_name,
                                            const std::vector<std::string>& profiles,
                                            const EvaluateOptions& options = {});

  /// Evaluates one scenario under `options.profile` and appends its batch record to
  /// `out`, one line without its newline: the compact record (docs/batch.md, "Records")
  /// when the scenario is valid and evaluates within the limits, else its error record
  /// (with the scenario's id when the line is a JSON object with a string "id").
  /// The fast path of BatchEvaluator: no Report is built, nothing is worded, and the
  /// evaluator's storage is reused, so steady state allocates little. True when evaluated.
  bool append_compact_record(std::string_view scenario_json, std::size_t line, const EvaluateOptions& options,
                             std::string& out);

  /// Every open question of one scenario under `options.profile` (each unknown base
  /// fact some possible finding hinges on), answered yes and no: the scenario is
  /// evaluated with the fact assumed true and assumed false (on top of
  /// `options.assumptions`), and each answer lists the findings whose level moves.
  /// Hinge sets are searched up to `options.max_hinge_sets` per finding (at least 64).
  WhatIfEvaluation what_if(std::string_view scenario_json, const std::string& document_name,
                           const EvaluateOptions& options = {});

  /// Why-not for any relation of the rule base, about one scenario under
  /// `options.profile`: for each goal (`non_interference(aldoria, _, _)`, `_` for any
  /// value) the facts that match it with their levels and hinges, or when none does, the
  /// nearest rule, its elements that held and the one that failed, in words. Goals are
  /// named "--why-not" in diagnostics (E410 unknown relation, E411 wrong number of
  /// values, E413 malformed), which point into GoalsEvaluation::sources.
  GoalsEvaluation why_not(std::string_view scenario_json, const std::string& document_name,
                          const std::vector<std::string>& goals, const EvaluateOptions& options = {});

  /// Evaluates a plain facts file (facts given by relation; see input_kind) under the
  /// profile it names, the way scenarios are evaluated, and answers each goal
  /// (`rel(a, _)`, `_` for any value): the facts that match it, or why none does.
  /// Goals are named "--why-not" in diagnostics. `options.profile` and `proofs` are not used.
  FactsEvaluation evaluate_facts(std::string_view facts_json, const std::string& document_name,
                                 const std::vector<std::string>& goals, const EvaluateOptions& options = {});

  /// Evaluates a scenario under each profile its expected findings list (the terse
  /// format of `eval --format terse`, read from `expected_text`, named `expected_name`
  /// in diagnostics) and compares: see ExpectedCheck. `options.profile` and `proofs`
  /// are not used.
  ExpectedCheck check_expected(std::string_view scenario_json, const std::string& scenario_name,
                               std::string_view expected_text, const std::string& expected_name,
                               const EvaluateOptions& options = {});

  /// Grades a student's answer (answer JSON, docs/answer.schema.json) to an exercise
  /// whose scenario is `scenario_json`: each finding the engine gives under the
  /// exercise's profiles for its principles is compared with the answer's, and scored,
  /// with feedback and hints in words (docs/grading.md). Diagnostics point into the
  /// answer (JSON pointers), the exercise (E430: a profile or principle the rule base
  /// lacks) or the scenario.
  GradeEvaluation grade(const Exercise& exercise, std::string_view scenario_json, const std::string& scenario_name,
                        std::string_view answer_json, const std::string& answer_name,
                        const GradeOptions& options = {});

  /// The answer that scores full marks on an exercise, as answer JSON (indented): every
  /// finding the engine gives with its level and, for a possible one, the elements it
  /// hinges on. A teacher's key; `grade` of it scores max_score.
  ModelAnswer model_answer(const Exercise& exercise, std::string_view scenario_json, const std::string& scenario_name,
                           const GradeOptions& options = {});

 private:
  struct State;
  RuleBase rule_base_;
  std::unique_ptr<State> state_;
};

}  // namespace cybernorms
