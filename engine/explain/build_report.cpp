#include "explain/build_report.hpp"

#include "explain/outcome.hpp"
#include "explain/pooling.hpp"
#include "explain/questions.hpp"
#include "explain/wording.hpp"
#include "infer/hinges.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>
#include <variant>

namespace cybernorms::explain {

namespace {

using Values = std::vector<std::optional<base::SymbolId>>;

Values known(std::span<const base::SymbolId> values) { return {values.begin(), values.end()}; }

std::string joined(const std::vector<std::string>& parts) { return fmt::format("{}", fmt::join(parts, ", ")); }

// What a negated condition that held says: nothing there, or only unknown; exceptions by name.
std::string absent_text(const infer::Session& session, const compile::AtomLiteral& atom, const Values& bindings,
                        const Words& words) {
  const auto& rules = session.network().rules();
  std::vector<base::SymbolId> key;
  std::vector<std::string> names;
  for (const auto& term : atom.args) {
    key.push_back(term.is_variable() ? bindings[term.value].value_or(0) : term.value);
    names.push_back(session.symbol_name(key.back()));
  }
  const bool is_unknown = session.truth_of(atom.relation, key) == base::Truth::unknown;
  if (const auto* exception = rules.exception_of(atom.relation))
    return words.format(is_unknown ? "exception_may_apply" : "exception_does_not_apply",
                        {{"exception", exception->id}, {"values", joined(names)}});
  return words.format(is_unknown ? "absent_unknown" : "absent_no_fact",
                      {{"fact", plain_fact(rules.relations[atom.relation].name, names)}});
}

/// Unfolds derivations into a proof tree, down to scenario facts, within a depth and a
/// step budget; where either stops it, the step says it is folded.
class ProofBuilder {
 public:
  ProofBuilder(const infer::Session& session, const ProofLimits& limits, const compile::Language* language)
      : session_(session),
        language_(language),
        words_(words_in(language)),
        max_depth_(std::clamp<std::size_t>(limits.max_depth, 1, max_proof_depth)),
        remaining_(std::max<std::size_t>(limits.max_steps, 1)) {}

  ProofStep build(infer::FactId fact, std::size_t which) {
    if (remaining_ > 0) --remaining_;
    const auto kept = session_.derivation_count(fact);
    const auto given = session_.base_truth(fact);
    const bool is_leaf = kept == 0 || given == base::Truth::yes ||
                         (given == base::Truth::unknown && session_.truth(fact) == base::Truth::unknown);
    if (is_leaf) return leaf(fact);
    return step(fact, session_.derivation(fact, static_cast<std::uint32_t>(std::min<std::size_t>(which, kept - 1))));
  }

 private:
  ProofStep leaf(infer::FactId fact) const {
    ProofStep leaf;
    leaf.fact = fact_ref(session_, fact, language_);
    const auto kind = session_.network().rules().relations[session_.relation_of(fact)].kind;
    leaf.source = kind == compile::RelationKind::parameter ? StepSource::profile : StepSource::scenario;
    leaf.truth = session_.base_truth(fact) == base::Truth::no ? session_.truth(fact) : session_.base_truth(fact);
    return leaf;
  }

  ProofStep step(infer::FactId fact, const infer::Derivation& derivation) {
    const auto& rules = session_.network().rules();
    const auto& rule = rules.rules[derivation.rule];
    const auto values = known(derivation.bindings);
    ProofStep step;
    step.fact = fact_ref(session_, fact, language_);
    step.truth = session_.truth(fact);
    step.source = StepSource::rule;
    step.rule_id = rule.id;
    step.bindings = named_bindings(rule, values, session_);
    step.because = fill_template(text_in(language_, rule.because), labelled_bindings(rule, values, session_));
    step.citations = citations_for(rules, rule.citations, language_);
    for (const auto& literal : rule.body)
      if (const auto* atom = std::get_if<compile::AtomLiteral>(&literal); atom && atom->negated)
        step.absent.push_back(absent_text(session_, *atom, values, words_));
    if (depth_ >= max_depth_) {
      step.folded = derivation.premises.empty() ? ProofFold::none : ProofFold::depth;
      return step;
    }
    step.premises.reserve(derivation.premises.size());
    ++depth_;
    for (const auto premise : derivation.premises) {
      if (remaining_ == 0) {
        step.folded = ProofFold::steps;
        break;
      }
      step.premises.push_back(build(premise, 0));
    }
    --depth_;
    return step;
  }

  const infer::Session& session_;
  const compile::Language* language_;
  Words words_;
  std::size_t max_depth_;
  std::size_t remaining_;
  std::size_t depth_ = 1;  ///< of the step being built: the root is 1
};

// The principle's facts in report order (the order compact records use too).
std::vector<infer::FactId> sorted_facts(const infer::Session& session, compile::RelationId relation) {
  std::vector<infer::FactId> facts = session.facts_of(relation);
  sort_in_report_order(session, facts);
  return facts;
}

std::vector<Hinge> hinges_of(const infer::Session& session, const infer::HingeSet& set,
                             const compile::Language* language) {
  std::vector<Hinge> hinges;
  for (const auto& literal : set) hinges.push_back({fact_ref(session, literal.fact, language), literal.needs_true});
  return hinges;
}

/// Steps a search for the parameters a finding rests on takes at most, as a proof tree.
constexpr std::size_t parameter_search_steps = default_proof_steps;

/// The parameters (name, value) a fact rests on: the parameter facts its first
/// derivations reach, following premises the way a proof tree does, in rule-base order.
std::vector<std::pair<std::string, std::string>> parameters_used(const infer::Session& session, infer::FactId fact) {
  const auto& rules = session.network().rules();
  std::vector<std::optional<std::string>> values(rules.params.size());
  std::vector<infer::FactId> pending{fact};
  std::unordered_set<infer::FactId> seen;
  while (!pending.empty() && seen.size() < parameter_search_steps) {
    const infer::FactId next = pending.back();
    pending.pop_back();
    if (!seen.insert(next).second) continue;
    if (const compile::Param* param = rules.parameter_of(session.relation_of(next))) {
      if (!session.args(next).empty())
        values[static_cast<std::size_t>(param - rules.params.data())] = session.symbol_name(session.args(next).front());
      continue;
    }
    const auto given = session.base_truth(next);
    const bool is_leaf = session.derivation_count(next) == 0 || given == base::Truth::yes ||
                         (given == base::Truth::unknown && session.truth(next) == base::Truth::unknown);
    if (is_leaf) continue;
    for (const auto premise : session.derivation(next, 0).premises) pending.push_back(premise);
  }
  std::vector<std::pair<std::string, std::string>> used;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i]) used.emplace_back(rules.params[i].name, *values[i]);
  return used;
}

/// Minimal sets the search looks for per fact in a report (infer::sets_kept).
std::size_t sets_searched(const ReportOptions& options) { return infer::sets_kept(options.max_hinge_sets); }

/// A finding's hinges from its search result(s): the sets as routes (merged, fewest
/// answers first, cut to the number listed) and the first sets worded.
void add_hinges(const infer::Session& session, const std::vector<infer::HingeSet>& sets, std::size_t found,
                HingeLimit limit, const ReportOptions& options, QuestionBook& questions, Finding& finding) {
  finding.routes = questions.routes(sets);
  finding.routes_found = finding.routes.size();
  if (finding.routes.size() > options.max_hinge_sets) finding.routes.resize(options.max_hinge_sets);
  // Only the sets listed are worded: the search keeps more (to merge them into ways)
  // than a report lists.
  const std::size_t listed = std::min(sets.size(), options.max_hinge_sets);
  finding.hinge_sets.reserve(listed);
  for (std::size_t k = 0; k < listed; ++k) finding.hinge_sets.push_back(hinges_of(session, sets[k], options.language));
  finding.hinge_sets_found = found;
  finding.hinge_limit = limit;
}

/// A finding's level, roles, title, citations and parameters: what does not depend on hinges or proofs.
Finding bare_finding(const compile::Principle& principle, const infer::Session& session, infer::FactId fact,
                     const ReportOptions& options) {
  const auto& rules = session.network().rules();
  const auto& relation = rules.relations[principle.relation];
  Finding finding;
  finding.principle = principle.id;
  finding.title = text_in(options.language, principle.title);
  finding.citations = citations_for(rules, principle.citations, options.language);
  const auto args = session.args(fact);
  for (std::size_t i = 0; i < args.size() && i < relation.arg_names.size(); ++i)
    finding.roles.emplace_back(relation.arg_names[i], session.symbol_name(args[i]));
  finding.level = session.truth(fact) == base::Truth::yes ? Level::implicated : Level::possible;
  finding.parameters = parameters_used(session, fact);
  return finding;
}

Finding finding_for(const compile::Principle& principle, const infer::Session& session, infer::FactId fact,
                    const infer::HingeResult* hinges, const ReportOptions& options, QuestionBook& questions) {
  Finding finding = bare_finding(principle, session, fact, options);
  if (hinges != nullptr)
    add_hinges(session, hinges->sets, hinges->found, first_limit(hinges->cut), options, questions, finding);
  if (!options.proofs) return finding;
  finding.proof = build_proof(session, fact, 0, options.proof_limits, options.language);
  const std::size_t kept = session.derivation_count(fact);
  for (std::size_t k = 1; k < kept && k < options.max_derivations; ++k)
    finding.other_proofs.push_back(build_proof(session, fact, k, options.proof_limits, options.language));
  return finding;
}

/// Adds the parameters of `more` not in `into`, keeping the rule base's order.
void add_parameters(const compile::RuleSet& rules, std::vector<std::pair<std::string, std::string>>& into,
                    const std::vector<std::pair<std::string, std::string>>& more) {
  for (const auto& parameter : more)
    if (std::find(into.begin(), into.end(), parameter) == into.end()) into.push_back(parameter);
  const auto rank = [&](const std::string& name) {
    for (std::size_t i = 0; i < rules.params.size(); ++i)
      if (rules.params[i].name == name) return i;
    return rules.params.size();
  };
  std::stable_sort(into.begin(), into.end(), [&](const auto& left, const auto& right) { return rank(left.first) < rank(right.first); });
}

/// One finding for a pool's members: the role they differ in left to the question that
/// names it, their hinge sets together (each is enough for one candidate), the first
/// candidate's proof and the others' as further proofs; the pooled value's words go
/// into the report's names.
Finding pooled_finding(const compile::Principle& principle, const infer::Session& session, const Pool& pool,
                       const std::vector<infer::FactId>& facts, const std::vector<infer::HingeResult>& results,
                       const ReportOptions& options, QuestionBook& questions, Report& report) {
  const auto& rules = session.network().rules();
  const infer::FactId first = facts[pool.members.front()];
  Finding finding = bare_finding(principle, session, first, options);
  std::vector<infer::HingeSet> sets;
  std::size_t found = 0;
  PooledRole pooled{finding.roles[pool.role].first, 0, {}};
  std::vector<std::string> labels;
  for (const std::size_t member : pool.members) {
    const infer::FactId fact = facts[member];
    sets.insert(sets.end(), results[member].sets.begin(), results[member].sets.end());
    found += results[member].found;
    const base::SymbolId value = session.args(fact)[pool.role];
    pooled.candidates.push_back(session.symbol_name(value));
    labels.push_back(session.label(value));
    if (member != pool.members.front()) add_parameters(rules, finding.parameters, parameters_used(session, fact));
  }
  std::stable_sort(sets.begin(), sets.end(), [](const auto& left, const auto& right) { return left.size() < right.size(); });
  add_hinges(session, sets, found, HingeLimit::none, options, questions, finding);
  pooled.question = questions.question_of(pool.asked.front());  // asked in every set: met by now
  const Words words = words_in(options.language);
  const std::string token = pooled_token(session, pool.asked.front(), pool.asked_position, pooled.candidates);
  if (std::none_of(report.names.begin(), report.names.end(), [&](const auto& name) { return name.first == token; }))
    report.names.emplace_back(
      token, words.format("pooled_value", {{"question", report.questions[pooled.question].text},
                                           {"count", fmt::format("{}", labels.size())},
                                           {"candidates", fmt::format("{}", fmt::join(labels, words("list_separator")))}}));
  finding.roles[pool.role].second = token;
  finding.pooled = std::move(pooled);
  if (!options.proofs) return finding;
  finding.proof = build_proof(session, first, 0, options.proof_limits, options.language);
  for (std::size_t m = 1; m < pool.members.size(); ++m)
    finding.other_proofs.push_back(build_proof(session, facts[pool.members[m]], 0, options.proof_limits, options.language));
  return finding;
}

/// A principle's findings in report order, possible ones for a value only an open
/// question names pooled into one (explain/pooling.hpp).
void add_findings(const compile::Principle& principle, const infer::Session& session,
                  const std::vector<infer::FactId>& facts, const ReportOptions& options,
                  infer::HingeSearch& hinges, QuestionBook& questions, Report& report) {
  std::vector<infer::HingeResult> results(facts.size());
  for (std::size_t k = 0; k < facts.size(); ++k)
    if (session.truth(facts[k]) != base::Truth::yes) results[k] = hinges.find(facts[k], sets_searched(options));
  const PooledFindings pooled = pool_findings(session, facts, results);
  for (std::size_t k = 0; k < facts.size(); ++k) {
    if (pooled.starts_pool(k)) {
      report.findings.push_back(
          pooled_finding(principle, session, pooled.pools[pooled.pool_of[k]], facts, results, options, questions, report));
      continue;
    }
    if (pooled.in_pool(k)) continue;
    const bool possible = session.truth(facts[k]) != base::Truth::yes;
    report.findings.push_back(finding_for(principle, session, facts[k], possible ? &results[k] : nullptr, options, questions));
  }
}

}  // namespace

ReportedHinges reported_hinges(const infer::Session& session, const infer::HingeResult& result,
                               const compile::Language* language) {
  ReportedHinges reported;
  reported.sets.reserve(result.sets.size());
  for (const auto& set : result.sets) reported.sets.push_back(hinges_of(session, set, language));
  reported.found = result.found;
  reported.limit = first_limit(result.cut);
  return reported;
}

ProofStep build_proof(const infer::Session& session, infer::FactId fact, std::size_t derivation,
                      const ProofLimits& limits, const compile::Language* language) {
  return ProofBuilder(session, limits, language).build(fact, derivation);
}

std::vector<Citation> citations_for(const compile::RuleSet& rules, std::vector<Citation> citations,
                                    const compile::Language* language) {
  if (language == nullptr || language->id == default_language) return citations;
  std::stable_partition(citations.begin(), citations.end(), [&](const Citation& citation) {
    const compile::Source* source = rules.find_source(citation.source);
    return source != nullptr && source->language == language->id;
  });
  return citations;
}

Report build_report(const compile::RuleSet& rules, const infer::Session& session, const ReportOptions& options) {
  Report report;
  report.scenario = options.scenario;
  report.profile = options.profile;
  if (const auto profile = rules.find_profile(options.profile)) {
    const auto& values = rules.profiles[*profile].values;
    for (std::size_t i = 0; i < rules.params.size() && i < values.size(); ++i)
      report.parameters.emplace_back(rules.params[i].name, rules.symbols.name(values[i]));
  }
  infer::HingeSearch hinges(session, sets_searched(options), options.hinge_budget);
  QuestionBook questions(session, report.questions, options.language);
  std::size_t total = 0;
  for (const auto& principle : rules.principles) total += session.facts_of(principle.relation).size();
  report.findings.reserve(total);
  for (const auto& principle : rules.principles) {
    const auto facts = sorted_facts(session, principle.relation);
    add_findings(principle, session, facts, options, hinges, questions, report);
    if (!facts.empty()) continue;
    const Values open(rules.relations[principle.relation].arity());
    auto why = why_not(rules, session, principle.relation, open, options.profile, options.language);
    why.title = std::string(text_in(options.language, why.title));
    why.principle = principle.id;
    report.not_implicated.push_back(std::move(why));
  }
  return report;
}

}  // namespace cybernorms::explain
