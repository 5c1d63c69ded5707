// The public face of the cybernorms engine: load a rule base once, evaluate many
// scenarios (from any number of threads), read reports with findings, hinges, proofs,
// citations and why-not.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "compile/rule_set.hpp"
#include "explain/report.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms {

namespace io {
struct LoadedScenario;
}

struct LoadOptions {
  /// Where the cited source documents are; when set, quotes and headings are verified.
  std::optional<std::filesystem::path> sources_dir;
};

struct EvaluateOptions {
  std::string profile = "default";
  bool proofs = true;                ///< build proof trees (costs time; findings and levels do not need them)
  std::size_t max_hinge_sets = 4;    ///< minimal hinge sets reported per possible finding
  std::size_t max_derived_facts = 1'000'000;
};

/// One scenario's outcome. `report` is set only for a valid scenario that evaluated
/// within the limits; otherwise `diagnostics` says why (E4xx input, E5xx limits).
struct Evaluation {
  base::Diagnostics diagnostics;
  std::optional<explain::Report> report;
  bool ok() const { return report.has_value(); }
};

/// A compiled rule base. Cheap to copy (shared, immutable); evaluate() is thread-safe.
class RuleBase {
 public:
  /// Loads rule files and folders (with their includes), checks and compiles them.
  /// Problems go to `diagnostics` (positions into `sources`); nullopt when there are errors.
  static std::optional<RuleBase> load(const std::vector<std::filesystem::path>& paths, base::SourceSet& sources,
                                      base::Diagnostics& diagnostics, const LoadOptions& options = {});

  const compile::RuleSet& rules() const;

  /// Validates and evaluates one scenario given as JSON text under one profile.
  Evaluation evaluate(std::string_view scenario_json, const std::string& document_name,
                      const EvaluateOptions& options = {}) const;

  /// The JSON Schema of scenarios for this rule base.
  std::string scenario_schema() const;

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

 private:
  void add_scenario_facts(const io::LoadedScenario& scenario);
  Evaluation evaluate_loaded(const io::LoadedScenario& scenario, const std::string& document_name,
                             const std::string& profile, const EvaluateOptions& options);
  struct State;
  RuleBase rule_base_;
  std::unique_ptr<State> state_;
};

}  // namespace cybernorms
