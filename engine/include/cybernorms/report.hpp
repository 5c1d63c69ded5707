// What an evaluation found, as plain values: findings with levels, hinges, proof trees
// and citations, and for principles not implicated, why not. Part of the public API;
// includes no internal header. Renderers: cybernorms/render.hpp.
#pragma once
#include <cybernorms/diagnostics.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cybernorms {

/// The profile a rule base always has: the primary source's own reading.
inline constexpr std::string_view default_profile = "default";

/// A base fact is true (yes), false/absent (no), or not known (unknown).
enum class Truth : std::uint8_t { no, yes, unknown };

constexpr std::string_view to_string(Truth truth) {
  switch (truth) {
    case Truth::no: return "no";
    case Truth::yes: return "yes";
    case Truth::unknown: return "unknown";
  }
  return "?";
}

/// A citation: source id, section heading path ("A / B"), short quote, and where the
/// rule base wrote it.
struct Citation {
  std::string source;
  std::string section;
  std::string quote;
  Span span;
};

/// How sure the engine is that a principle is implicated.
enum class Level : std::uint8_t {
  implicated,      ///< derived with unknown facts taken as false (lower model)
  possible,        ///< derived only with some unknown facts settled one way (upper model)
  not_implicated,  ///< not derived however the unknowns are settled
};

constexpr std::string_view to_string(Level level) {
  switch (level) {
    case Level::implicated: return "implicated";
    case Level::possible: return "possible";
    case Level::not_implicated: return "not implicated";
  }
  return "?";
}

/// A ground fact: relation name and argument values, and how it reads.
struct FactRef {
  std::string relation;
  std::vector<std::string> args;
  std::string text;  ///< the relation's doc with the values filled in
  friend bool operator==(const FactRef&, const FactRef&) = default;
};

/// An unknown base fact a possible finding depends on, and the value it needs.
struct Hinge {
  FactRef fact;
  bool needs_true = true;  ///< false: the finding needs the fact to be false (e.g. no consent)
  friend bool operator==(const Hinge&, const Hinge&) = default;
};

/// What stopped the search for a possible fact's hinge sets before it had found every
/// minimal set: where it stopped, there may be more sets than listed, or a set where none is.
enum class HingeLimit : std::uint8_t {
  none,           ///< the search was complete: no set listed means no settling of the unknowns establishes it
  work_budget,    ///< it used up its work budget (EvaluateOptions::hinge_budget), shared by a report's findings
  depth,          ///< a chain of derivations was deeper than it follows (2,000 facts)
  derivations,    ///< a fact it needed had more derivations than evaluation keeps (32)
  sets_per_fact,  ///< a fact it needed had more minimal sets than it keeps (32, or max_hinge_sets if more)
};

constexpr std::string_view to_string(HingeLimit limit) {
  switch (limit) {
    case HingeLimit::none: return "none";
    case HingeLimit::work_budget: return "work_budget";
    case HingeLimit::depth: return "depth";
    case HingeLimit::derivations: return "derivations";
    case HingeLimit::sets_per_fact: return "sets_per_fact";
  }
  return "?";
}

/// How deep proof trees are unfolded when none is given (EvaluateOptions::proof_depth):
/// deeper steps are folded and say so. It keeps a proof's JSON nesting (two levels a
/// step) within what common JSON readers accept (128 levels and up).
inline constexpr std::size_t default_proof_depth = 50;

/// Deepest a proof tree is unfolded; more is used as this.
inline constexpr std::size_t max_proof_depth = 1'000;

/// Why a derived step of a proof shows none or only some of its premises: the proof is
/// folded there, never cut without a word.
enum class ProofFold : std::uint8_t {
  none,   ///< every premise is shown
  depth,  ///< the step is as deep as a proof is unfolded (EvaluateOptions::proof_depth)
  steps,  ///< the tree reached its size budget (4,096 steps per proof)
};

constexpr std::string_view to_string(ProofFold fold) {
  switch (fold) {
    case ProofFold::none: return "none";
    case ProofFold::depth: return "depth";
    case ProofFold::steps: return "steps";
  }
  return "?";
}

/// Where a proof step's fact comes from.
enum class StepSource : std::uint8_t {
  scenario,  ///< a base fact the scenario states (true or unknown): a leaf
  profile,   ///< a parameter's value, set by the profile evaluated under: a leaf
  rule,      ///< derived by a rule from its premises
};

/// One step of a proof: a fact, and how it was derived (rule, bindings, premises), or a
/// leaf (`rule_id` empty): a scenario fact that is true or unknown, or a profile's value.
struct ProofStep {
  FactRef fact;
  StepSource source = StepSource::scenario;
  Truth truth = Truth::yes;  ///< leaves: yes or unknown; derived: yes (lower) or unknown (upper only)
  std::string rule_id;                   ///< empty for a scenario fact
  std::string because;                   ///< the rule's `because` text with the bindings filled in
  std::vector<std::pair<std::string, std::string>> bindings;  ///< variable -> value, in rule order
  std::vector<Citation> citations;
  /// Negated conditions that held, rendered ("no fact: consent_given(op1, b)"), with the
  /// exceptions checked among them, so an explanation shows what was ruled out.
  std::vector<std::string> absent;
  std::vector<ProofStep> premises;
  ProofFold folded = ProofFold::none;  ///< set on a derived step whose premises are not (all) shown
};

/// An open question of fact that possible findings of a report hinge on: the legal
/// element it settles (the rule base's `question` clause: "attribution", "knowledge", ...),
/// how it is asked, and the unknown facts of the scenario it asks about. Unknown facts
/// whose relations ask the same question about the same values are one question: the
/// three ways a group's conduct becomes a state's are one attribution question, and the
/// states an asset may be located in are answers to one "where" question.
struct Question {
  std::string element;
  std::string label;  ///< the element as the report's language names it: "attribution", "归属"
  std::string text;   ///< "Did Arland know of the intrusion while it was under way?"
  std::vector<FactRef> facts;  ///< the unknown facts it asks about, in the order first met
  /// A question of law (a parameter the profile holds open, element "law"), not of fact.
  bool of_law = false;
  /// For a question of law: which profiles hold which answer ("yes: default, france; no:
  /// united_kingdom"); empty otherwise.
  std::string positions;
};

/// The element of every question of law.
inline constexpr std::string_view law_element = "law";

/// One answer a way to implicate a possible finding needs: the question, and which of its
/// facts must hold (`yes`) or must not (`!yes`); any one of `facts` will do.
struct Answer {
  std::size_t question = 0;         ///< index into Report::questions
  bool yes = true;
  std::vector<std::size_t> facts;   ///< indices into the question's facts: alternatives
  /// The facts are needed together, not as alternatives: every one must hold (`yes`) or
  /// none may ("no: neither an organ of the state nor directed by it").
  bool all = false;
  std::string text;                 ///< "yes", "no", "Arland or Borania", "not Arland"
};

/// Answers that together make a possible finding implicated: one minimal hinge set, or
/// several that differ only in one answer's alternatives, merged.
using Route = std::vector<Answer>;

/// A role a possible finding leaves to an open question: the states the scenario lists
/// that the question could name, each of which would have had a finding of its own
/// ("injured: whichever state answers “Where is the mail server located?”, 2 candidates").
/// The role's value in Finding::roles is then a token: `?`, the unknown fact that names
/// the value with `_` in its place, `:` and the candidates joined by `|`
/// (`?asset_in(mail_server,_):borvania|cerat`), and Report::names words it.
struct PooledRole {
  std::string role;                     ///< the role's name: "injured"
  std::size_t question = 0;             ///< index into Report::questions: the question whose answer fills it
  std::vector<std::string> candidates;  ///< the values the finding is possible for, in report order
  friend bool operator==(const PooledRole&, const PooledRole&) = default;
};

/// A principle that holds (or may hold) for one binding of its arguments.
struct Finding {
  std::string principle;
  std::string title;
  /// The principle's arguments by name, in declared order: {"responsible", "a"}, ...
  std::vector<std::pair<std::string, std::string>> roles;
  Level level = Level::implicated;
  /// Set when the finding stands for one per candidate of an open question (possible only).
  std::optional<PooledRole> pooled;
  /// For possible findings: minimal sets of hinges, each enough to make it implicated.
  std::vector<std::vector<Hinge>> hinge_sets;
  /// Minimal sets found, listed or not: more than `hinge_sets.size()` when the list was
  /// cut to EvaluateOptions::max_hinge_sets.
  std::size_t hinge_sets_found = 0;
  /// Where the search for hinge sets stopped early; `none` when it found them all.
  HingeLimit hinge_limit = HingeLimit::none;
  bool hinges_complete() const { return hinge_limit == HingeLimit::none; }
  /// For possible findings: the hinge sets as answers to the report's questions, fewest
  /// answers first, up to EvaluateOptions::max_hinge_sets of them.
  std::vector<Route> routes;
  /// Routes the sets found make, listed or not: more than `routes.size()` when the list
  /// was cut (`routes_truncated()`).
  std::size_t routes_found = 0;
  bool routes_truncated() const { return routes_found > routes.size(); }
  ProofStep proof;
  /// Further derivations of the same fact when all derivations are asked for (the first is
  /// `proof`); for a pooled finding, the proofs of its other candidates.
  std::vector<ProofStep> other_proofs;
  std::vector<Citation> citations;  ///< the principle's own
  /// The profile parameters the finding rests on (those its proof reaches by first
  /// derivations, down to the scenario facts), name and value, in the rule base's order:
  /// what a comparison of profiles names when they disagree on the finding.
  std::vector<std::pair<std::string, std::string>> parameters;
};

/// One element (condition) of a rule, as written and in plain words with the values the
/// search reached; for why-not.
struct RuleElement {
  std::string written;  ///< as written in the rule: "knew_of(Op, State)", "$espionage_breaches = true"
  /// In words, built from the relation's doc (or the exception's `because`) with values
  /// filled in: "borania knew of op1 while it was under way" for an element that held,
  /// "no stated fact says that ..." for one that failed.
  std::string text;
  /// The fact behind it: for a positive condition that held, the fact that satisfied it;
  /// for a negated one that failed, the fact that is there. Empty `relation` otherwise.
  FactRef fact;
  /// For a comparison with a profile parameter: the parameter's name and its value under
  /// the profile evaluated; empty otherwise.
  std::string parameter;
  std::string value;
  friend bool operator==(const RuleElement&, const RuleElement&) = default;
};

/// Why a principle (or a goal) was not found: the nearest rule that could conclude it, its
/// elements that held (with the facts that satisfied them) and the element that failed.
/// The nearest rule is one whose elements all hold but for profile parameters, if any
/// rule is; else the one that got furthest.
struct WhyNot {
  std::string principle;
  std::string title;
  std::string rule_id;  ///< empty when no rule concludes the principle
  std::string rule_doc;  ///< the nearest rule's doc sentence, as the rule base words it
  std::string failed_condition;  ///< as written, e.g. "not consent_given(Op, Victim)"
  std::vector<std::pair<std::string, std::string>> bindings;
  /// The elements that held on the nearest path, in the rule's order (parameter look-ups
  /// themselves left out: their comparisons say what the profile sets).
  std::vector<RuleElement> held;
  /// The element that failed: the first fact condition that failed, or when only profile
  /// parameters did, the first of them. `written` is empty when none failed (head clash,
  /// no rule).
  RuleElement failed;
  /// Every comparison with a profile parameter that failed on the nearest path, with the
  /// parameter's value; empty when the profile is not what failed.
  std::vector<RuleElement> parameters;
  /// The profile evaluated under, set when `parameters` is not empty.
  std::string profile;
  /// One paragraph in plain language: the nearest rule, what failed and what held.
  std::string text;
  /// false: the search for the nearest rule stopped at its step budget, so a rule may
  /// come nearer than the one given (the text says so too).
  bool search_complete = true;
};

/// A base fact an evaluation took as true or false whatever the scenario said
/// (EvaluateOptions::assumptions, `eval --assume`), and what the scenario had said.
struct Assumption {
  FactRef fact;
  bool value = true;
  Truth stated = Truth::unknown;  ///< yes: stated true; no: not stated (false); unknown: stated unknown
  friend bool operator==(const Assumption&, const Assumption&) = default;
};

/// Everything one evaluation of one scenario under one profile found, in a
/// deterministic order (principle order in the rule base, then roles).
struct Report {
  std::string scenario;
  std::string title;  ///< the scenario's own title; empty when it gives none
  std::string profile;
  /// The scenario's entities that have names, id -> name, in scenario order: people read
  /// names, programs ids (JSON gives both).
  std::vector<std::pair<std::string, std::string>> names;
  std::vector<Finding> findings;
  /// The open questions the possible findings' routes answer, in the order first met.
  std::vector<Question> questions;
  std::vector<WhyNot> not_implicated;
  /// Every parameter's value under `profile`, name and value, in the rule base's order.
  std::vector<std::pair<std::string, std::string>> parameters;
  /// The assumptions the evaluation made, in the order given; empty when it made none.
  std::vector<Assumption> assumptions;
};


/// A fact derived from a plain facts file, with how sure the engine is of it.
struct DerivedFact {
  FactRef fact;
  bool established = true;  ///< false: possible (derived only with some unknowns settled)
  /// For possible facts: minimal sets of hinges, each enough to establish it.
  std::vector<std::vector<Hinge>> hinge_sets;
  std::size_t hinge_sets_found = 0;  ///< as Finding::hinge_sets_found
  HingeLimit hinge_limit = HingeLimit::none;  ///< as Finding::hinge_limit
  bool hinges_complete() const { return hinge_limit == HingeLimit::none; }
};

/// A why-not question put about a facts file (`rel(a, _)`): the facts that match it, or
/// when none does, why not.
struct GoalAnswer {
  FactRef goal;  ///< `_` stands for any value
  std::vector<DerivedFact> matches;
  WhyNot why_not;  ///< meaningful only when `matches` is empty
};

/// What a plain facts file gives: every derived fact, sorted by relation (rule-base
/// order) then text, and the answers to the goals asked about, in the order asked.
struct FactsReport {
  std::vector<DerivedFact> derived;
  std::vector<GoalAnswer> goals;
};
}  // namespace cybernorms
