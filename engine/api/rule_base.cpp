#include <cybernorms/cybernorms.hpp>

#include "compile/compile.hpp"
#include "infer/network.hpp"
#include "render/formats.hpp"
#include "scenario/input_kind.hpp"
#include "scenario/json_schema.hpp"
#include "scenario/scenario.hpp"

#include "api/compiled.hpp"

#include <set>

namespace cybernorms {

RuleBase::RuleBase(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

namespace {

RuleBaseSummary summary_of(const compile::CheckResult& checked) {
  const compile::RuleSet& rules = *checked.rules;
  std::set<std::string> written_rules;
  for (const compile::Rule& rule : rules.rules)
    if (!rule.from_exception) written_rules.insert(rule.id);
  return {checked.files.size(), written_rules.size(), rules.exceptions.size(), rules.principles.size(),
          rules.relations.size(),  rules.profiles.size()};
}

}  // namespace

std::optional<RuleBase> RuleBase::load(const std::vector<std::filesystem::path>& paths, SourceSet& sources,
                                       Diagnostics& diagnostics, const LoadOptions& options) {
  compile::CheckResult checked =
      compile::check_paths(paths, compile::CheckOptions{options.sources_dir, options.languages}, sources, diagnostics);
  if (!checked.rules) return std::nullopt;
  const RuleBaseSummary summary = summary_of(checked);
  return RuleBase(std::make_shared<const Compiled>(std::move(*checked.rules), summary));
}

RuleBaseSummary RuleBase::summary() const { return compiled_->summary; }

RuleBase RuleBase::unshared_copy() const {
  return RuleBase(std::make_shared<const Compiled>(compile::RuleSet(compiled_->rules), compiled_->summary));
}

std::vector<std::string> RuleBase::profile_ids() const {
  std::vector<std::string> ids;
  for (const compile::Profile& profile : compiled_->rules.profiles) ids.push_back(profile.id);
  return ids;
}

std::vector<std::string> RuleBase::principle_ids() const { return compiled_->principle_order; }

bool RuleBase::has_profile(std::string_view id) const { return compiled_->rules.find_profile(id).has_value(); }

std::vector<std::string> RuleBase::languages() const { return compiled_->rules.language_ids(); }

Words RuleBase::words(std::string_view language) const {
  const compile::Language* found = compiled_->rules.find_language(language);
  return found == nullptr ? Words() : found->words;
}

bool RuleBase::check_goals(const std::vector<std::string>& goals, SourceSet& sources, Diagnostics& diagnostics) const {
  const std::size_t errors_before = diagnostics.error_count();
  parse_goals(goals, compiled_->rules, sources, diagnostics);
  return diagnostics.error_count() == errors_before;
}

std::string RuleBase::scenario_schema() const { return scenario::json_schema(compiled_->rules); }

Evaluation RuleBase::evaluate(std::string_view scenario_json, const std::string& document_name,
                              const EvaluateOptions& options) const {
  Evaluator evaluator(*this);
  return evaluator.evaluate(scenario_json, document_name, options);
}

std::string RuleBase::render_profiles(const RenderOptions& options) const {
  return render::profiles(compiled_->rules, options);
}

std::string RuleBase::render_catalog(const RenderOptions& options) const {
  return render::catalog(compiled_->rules, options);
}

std::string RuleBase::render_comparison(const std::vector<Report>& reports, const RenderOptions& options) const {
  return render::comparison(reports, compiled_->principle_order, options);
}

std::string RuleBase::render_summary(const std::vector<Report>& reports, const RenderOptions& options) const {
  return render::summary(reports, compiled_->principle_order, options);
}

InputKind input_kind(std::string_view json_text) {
  return scenario::input_kind(json_text) == scenario::InputKind::facts_file ? InputKind::facts_file
                                                                             : InputKind::scenario;
}

}  // namespace cybernorms
