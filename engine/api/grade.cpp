// Grading a student's answer to an exercise against what the engine finds
// (Evaluator::grade, Evaluator::model_answer; docs/grading.md).
#include <cybernorms/cybernorms.hpp>
#include <cybernorms/exercise.hpp>

#include "api/compiled.hpp"
#include "api/json_fields.hpp"
#include "base/text_layout.hpp"
#include "render/json_text.hpp"
#include "render/report_render.hpp"
#include "scenario/json_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace cybernorms {

namespace {

using nlohmann::json;
using scenario::child_pointer;

// ---- the answer ----

/// One finding of an answer, checked against the exercise and the rule base.
struct AnswerFinding {
  std::size_t index = 0;
  std::string profile;
  std::string principle;
  std::vector<std::pair<std::string, std::string>> roles;  ///< in the principle's order
  Level level = Level::implicated;
  std::vector<std::string> hinges_on;
  std::vector<std::string> fails_on;
};

const std::vector<std::string> answer_keys{"exercise", "findings"};
const std::vector<std::string> finding_keys{"profile", "principle", "roles", "level", "hinges_on", "fails_on"};
const std::vector<std::string> level_names{"implicated", "possible", "not_implicated"};

std::optional<Level> parse_level(std::string_view name) {
  if (name == "implicated") return Level::implicated;
  if (name == "possible") return Level::possible;
  if (name == "not_implicated") return Level::not_implicated;
  return std::nullopt;
}

std::vector<std::string> role_names(const compile::RuleSet& rules, const compile::Principle& principle) {
  return rules.relations[principle.relation].arg_names;
}

const compile::Principle* find_principle(const compile::RuleSet& rules, std::string_view id) {
  for (const compile::Principle& principle : rules.principles)
    if (principle.id == id) return &principle;
  return nullptr;
}

std::vector<std::string> principle_ids(const compile::RuleSet& rules) {
  std::vector<std::string> ids;
  for (const compile::Principle& principle : rules.principles) ids.push_back(principle.id);
  return ids;
}

std::vector<std::string> profile_ids(const compile::RuleSet& rules) {
  std::vector<std::string> ids;
  for (const compile::Profile& profile : rules.profiles) ids.push_back(profile.id);
  return ids;
}

/// The exercise's profiles and principles against the rule base: each one it lacks is E430.
void check_exercise(const compile::RuleSet& rules, const Exercise& exercise, Diagnostics& diagnostics) {
  const std::string& document = exercise.document.empty() ? exercise.id : exercise.document;
  const auto profiles = profile_ids(rules);
  for (std::size_t i = 0; i < exercise.profiles.size(); ++i) {
    if (rules.find_profile(exercise.profiles[i])) continue;
    diagnostics.pointer_error("E430", document, child_pointer("/profiles", i), "no profile \"{}\" in the rule base{}",
                              exercise.profiles[i], api::suggestion(exercise.profiles[i], profiles));
  }
  const auto principles = principle_ids(rules);
  for (std::size_t i = 0; i < exercise.principles.size(); ++i) {
    if (find_principle(rules, exercise.principles[i])) continue;
    diagnostics.pointer_error("E430", document, child_pointer("/principles", i),
                              "no principle \"{}\" in the rule base{}", exercise.principles[i],
                              api::suggestion(exercise.principles[i], principles));
  }
}

bool graded_principle(const Exercise& exercise, std::string_view principle) {
  return exercise.principles.empty() ||
         std::find(exercise.principles.begin(), exercise.principles.end(), principle) != exercise.principles.end();
}

/// One finding of the answer at `pointer`; nullopt (with diagnostics) when malformed.
std::optional<AnswerFinding> read_finding(const api::JsonDocument& document, const json& value,
                                          const std::string& pointer, std::size_t index, const Exercise& exercise,
                                          const compile::RuleSet& rules) {
  const std::size_t errors_before = document.diagnostics.error_count();
  const std::vector<std::string> required =
      exercise.profiles.size() > 1 ? std::vector<std::string>{"profile", "principle", "roles", "level"}
                                   : std::vector<std::string>{"principle", "roles", "level"};
  if (!api::check_object(document, value, pointer, "in a finding", finding_keys, required)) return std::nullopt;
  AnswerFinding finding;
  finding.index = index;
  if (auto profile = api::string_field(document, value, pointer, "profile")) {
    if (std::find(exercise.profiles.begin(), exercise.profiles.end(), *profile) == exercise.profiles.end()) {
      document.diagnostics.pointer_error("E432", document.name, child_pointer(pointer, "profile"),
                                         "the exercise has no profile \"{}\": it asks about {}{}", base::brief(*profile),
                                         fmt::join(exercise.profiles, ", "),
                                         api::suggestion(*profile, exercise.profiles));
    }
    finding.profile = std::move(*profile);
  } else if (!exercise.profiles.empty()) {
    finding.profile = exercise.profiles.front();
  }
  const compile::Principle* principle = nullptr;
  if (auto id = api::string_field(document, value, pointer, "principle")) {
    principle = find_principle(rules, *id);
    if (principle == nullptr) {
      document.diagnostics.pointer_error("E432", document.name, child_pointer(pointer, "principle"),
                                         "no principle \"{}\"{}", base::brief(*id),
                                         api::suggestion(*id, principle_ids(rules)));
    } else if (!graded_principle(exercise, *id)) {
      document.diagnostics.pointer_error("E432", document.name, child_pointer(pointer, "principle"),
                                         "the exercise does not ask about \"{}\": it asks about {}", *id,
                                         fmt::join(exercise.principles, ", "));
      principle = nullptr;
    }
    finding.principle = std::move(*id);
  }
  if (const auto roles = value.find("roles"); roles != value.end() && principle != nullptr) {
    const std::string at = child_pointer(pointer, "roles");
    const std::vector<std::string> names = role_names(rules, *principle);
    if (api::check_object(document, *roles, at, fmt::format("in the roles of {}", principle->id), names, names)) {
      for (const std::string& role : names) {
        if (auto role_value = api::string_field(document, *roles, at, role)) finding.roles.emplace_back(role, *role_value);
      }
    }
  } else if (roles != value.end() && !roles->is_object()) {
    document.diagnostics.pointer_error("E401", document.name, child_pointer(pointer, "roles"),
                                       "expected an object, got {}", scenario::shown(*roles));
  }
  if (auto level = api::string_field(document, value, pointer, "level")) {
    if (const auto parsed = parse_level(*level)) {
      finding.level = *parsed;
    } else {
      const std::string near = api::suggestion(*level == "not implicated" ? "not_implicated" : *level, level_names);
      document.diagnostics.pointer_error("E402", document.name, child_pointer(pointer, "level"),
                                         "expected one of implicated, possible, not_implicated, got {}{}",
                                         scenario::shown(*level), near);
    }
  }
  if (auto names = api::strings_field(document, value, pointer, "hinges_on")) finding.hinges_on = std::move(*names);
  if (auto names = api::strings_field(document, value, pointer, "fails_on")) finding.fails_on = std::move(*names);
  if (document.diagnostics.error_count() > errors_before) return std::nullopt;
  return finding;
}

/// The answer's findings; nullopt (with diagnostics) when it is malformed.
std::optional<std::vector<AnswerFinding>> read_answer(std::string_view text, const std::string& name,
                                                      const Exercise& exercise, const compile::RuleSet& rules,
                                                      std::size_t max_bytes, Diagnostics& diagnostics) {
  scenario::JsonLimits limits;
  limits.max_bytes = std::min(max_bytes, max_settable_input_bytes);
  const auto root = scenario::read_json(text, name, limits, diagnostics);
  if (!root || diagnostics.has_errors()) return std::nullopt;
  const api::JsonDocument document{name, diagnostics};
  if (!api::check_object(document, *root, "", "in an answer", answer_keys, answer_keys)) return std::nullopt;
  if (auto id = api::string_field(document, *root, "", "exercise"); id && *id != exercise.id) {
    diagnostics.pointer_error("E431", name, "/exercise", "this answer is to exercise \"{}\", not to \"{}\"",
                              base::brief(*id), exercise.id);
  }
  std::vector<AnswerFinding> findings;
  if (const auto list = root->find("findings"); list != root->end()) {
    if (!list->is_array()) {
      diagnostics.pointer_error("E401", name, "/findings", "expected an array of findings, got {}",
                                scenario::shown(*list));
    } else {
      std::map<std::string, std::size_t> seen;
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string pointer = child_pointer("/findings", i);
        auto finding = read_finding(document, (*list)[i], pointer, i, exercise, rules);
        if (!finding) continue;
        std::string key = finding->profile + ' ' + finding->principle;
        for (const auto& [role, value] : finding->roles) key += ' ' + role + '=' + value;
        if (const auto [first, added] = seen.emplace(key, i); !added) {
          diagnostics.pointer_error("E433", name, pointer, "the same finding twice (first at /findings/{})",
                                    first->second);
          continue;
        }
        findings.push_back(std::move(*finding));
      }
    }
  }
  if (diagnostics.has_errors()) return std::nullopt;
  return findings;
}

// ---- words that would give a level away ----

/// The level words hints and feedback must not hold unless revealed: the answer format's
/// and the program's, in every language of the rule base.
std::vector<std::string> level_words(const RuleBase& rule_base) {
  std::vector<std::string> words{"implicated", "possible", "not_implicated"};
  for (const std::string& language : rule_base.languages()) {
    const Words in = rule_base.words(language);
    for (const char* key : {"implicated", "possible", "not_implicated"}) {
      std::string word(in(key));
      if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) words.push_back(std::move(word));
    }
  }
  return words;
}

std::string lower_ascii(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

/// Whether `text` holds one of `words`, ignoring ASCII case.
bool holds_level_word(std::string_view text, const std::vector<std::string>& words) {
  const std::string lowered = lower_ascii(text);
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& word) { return lowered.find(lower_ascii(word)) != std::string::npos; });
}

// ---- what a finding hinges on, and what a missing one fails on ----

/// The elements a possible finding hinges on (its routes' questions), in order, and which
/// element each hinge fact's relation answers.
struct HingeElements {
  std::vector<std::string> elements;
  std::vector<const Question*> questions;  ///< one per element, the first asking it
  std::map<std::string, std::string> by_relation;
};

HingeElements hinge_elements(const Report& report, const Finding& finding) {
  HingeElements hinges;
  const auto add = [&](const std::string& element, const Question* question) {
    if (std::find(hinges.elements.begin(), hinges.elements.end(), element) != hinges.elements.end()) return;
    hinges.elements.push_back(element);
    hinges.questions.push_back(question);
  };
  for (const Route& route : finding.routes) {
    for (const Answer& answer : route) {
      if (answer.question >= report.questions.size()) continue;
      const Question& question = report.questions[answer.question];
      add(question.element, &question);
      for (const FactRef& fact : question.facts) hinges.by_relation.emplace(fact.relation, question.element);
    }
  }
  if (hinges.elements.empty()) {
    for (const auto& set : finding.hinge_sets) {
      for (const Hinge& hinge : set) {
        add(hinge.fact.relation, nullptr);
        hinges.by_relation.emplace(hinge.fact.relation, hinge.fact.relation);
      }
    }
  }
  return hinges;
}

/// The element a name from an answer's `hinges_on` stands for, if it is one of them.
std::optional<std::string> element_named(const HingeElements& hinges, const std::string& name) {
  if (std::find(hinges.elements.begin(), hinges.elements.end(), name) != hinges.elements.end()) return name;
  for (const std::string& relation : {name, "$" + name}) {
    if (const auto found = hinges.by_relation.find(relation); found != hinges.by_relation.end()) return found->second;
  }
  return std::nullopt;
}

/// What the nearest rule of a principle not derived fails on: the relation of its failed
/// condition, or the parameters the profile sets otherwise.
std::vector<std::string> fails_on(const WhyNot& why_not) {
  std::vector<std::string> names;
  const auto add = [&](std::string name) {
    if (!name.empty() && name.front() == '$') name.erase(0, 1);
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  };
  if (!why_not.failed.parameter.empty()) add(why_not.failed.parameter);
  std::string written = why_not.failed.written;
  if (written.starts_with("not ")) written.erase(0, 4);
  if (const auto paren = written.find('('); paren != std::string::npos) add(written.substr(0, paren));
  else if (!written.empty() && written.front() == '$') add(written.substr(0, written.find(' ')));
  for (const RuleElement& parameter : why_not.parameters) add(parameter.parameter);
  return names;
}

// ---- matching answers to findings ----

/// A role's value in a finding matches an answer's value: the same, or for a pooled role
/// (`?asset_in(mail_server,_):borvania|cerat`) the token or any of its candidates.
bool value_matches(const std::string& found, const std::string& answered) {
  if (found == answered) return true;
  if (!found.starts_with("?")) return false;
  const auto colon = found.rfind(':');
  if (colon == std::string::npos) return false;
  std::string_view candidates = std::string_view(found).substr(colon + 1);
  while (!candidates.empty()) {
    const auto bar = candidates.find('|');
    if (candidates.substr(0, bar) == answered) return true;
    if (bar == std::string_view::npos) break;
    candidates.remove_prefix(bar + 1);
  }
  return false;
}

bool matches(const Finding& finding, const AnswerFinding& answer) {
  if (finding.principle != answer.principle || finding.roles.size() != answer.roles.size()) return false;
  for (std::size_t i = 0; i < finding.roles.size(); ++i) {
    if (finding.roles[i].first != answer.roles[i].first) return false;
    if (!value_matches(finding.roles[i].second, answer.roles[i].second)) return false;
  }
  return true;
}

// ---- points and words ----

std::string points_text(double points) {
  if (std::floor(points) == points) return fmt::format("{}", static_cast<long long>(points));
  return fmt::format("{:.1f}", points);
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const std::string& name : names) quoted.push_back("'" + name + "'");
  return fmt::format("{}", fmt::join(quoted, ", "));
}

/// The facts of the scenario a derived finding rests on: the scenario leaves of its
/// proof, each once, in proof order.
void scenario_leaves(const ProofStep& step, std::vector<std::string>& texts, std::size_t limit) {
  if (texts.size() >= limit) return;
  if (step.rule_id.empty()) {
    if (step.source == StepSource::scenario && !step.fact.text.empty() &&
        std::find(texts.begin(), texts.end(), step.fact.text) == texts.end())
      texts.push_back(step.fact.text);
    return;
  }
  for (const ProofStep& premise : step.premises) scenario_leaves(premise, texts, limit);
}

/// Builds the items of one grade, keeping every hint and feedback free of level words
/// unless it reveals.
class Grader {
 public:
  Grader(const GradeOptions& options, std::vector<std::string> banned)
      : options_(options), banned_(std::move(banned)) {}

  /// `text` if it gives no level away (or the grade reveals), else `fallback`.
  std::string neutral(std::string text, std::string fallback = {}) const {
    if (options_.reveal || !holds_level_word(text, banned_)) return text;
    return fallback;
  }

  void add_hint(GradeItem& item, std::string hint) const {
    hint = neutral(std::move(hint));
    if (!hint.empty() && std::find(item.hints.begin(), item.hints.end(), hint) == item.hints.end())
      item.hints.push_back(std::move(hint));
  }

  /// Hints at what decides a finding the engine gives: the elements a possible one
  /// hinges on with their questions, or the scenario's facts an implicated one rests on.
  void hint_finding(GradeItem& item, const Finding& finding, const HingeElements& hinges,
                    const std::vector<std::string>& skip = {}) const {
    if (finding.level == Level::possible) {
      for (std::size_t i = 0; i < hinges.elements.size(); ++i) {
        if (std::find(skip.begin(), skip.end(), hinges.elements[i]) != skip.end()) continue;
        const Question* question = hinges.questions[i];
        const std::string label = question != nullptr && !question->label.empty() ? question->label : hinges.elements[i];
        if (question == nullptr) {
          add_hint(item, fmt::format("Look again at what the scenario says about {}: the element '{}' decides this "
                                     "finding.", hinges.elements[i], hinges.elements[i]));
        } else if (question->of_law) {
          add_hint(item, neutral(fmt::format("The element '{}' decides this finding: ask how the profile answers "
                                             "\"{}\"", label, question->text),
                                 fmt::format("The element '{}' decides this finding: ask how the profile answers "
                                             "the question of law it raises.", label)));
        } else {
          add_hint(item, neutral(fmt::format("The element '{}' decides this finding: ask what the scenario says on "
                                             "\"{}\"", label, question->text),
                                 fmt::format("The element '{}' decides this finding: look again at what the scenario "
                                             "says on it.", label)));
        }
      }
      return;
    }
    std::vector<std::string> leaves;
    scenario_leaves(finding.proof, leaves, 3);
    std::vector<std::string> shown;
    for (std::string& leaf : leaves)
      if (!holds_level_word(leaf, banned_) || options_.reveal) shown.push_back(std::move(leaf));
    if (!shown.empty()) {
      add_hint(item, fmt::format("Look again at what the scenario states: {}.", fmt::join(shown, "; ")));
    } else {
      add_hint(item, fmt::format("Look again at the elements of {} and at the facts the scenario states.",
                                 finding.principle));
    }
  }

  /// Hints at why the engine does not find a finding the answer names: what the nearest
  /// rule fails on.
  void hint_why_not(GradeItem& item, const WhyNot* why_not) const {
    if (why_not == nullptr) {
      add_hint(item, "Check each element of the principle against what the scenario states for these roles.");
      return;
    }
    const std::vector<std::string> names = fails_on(*why_not);
    const std::string element = !names.empty()                    ? "'" + names.front() + "'"
                                : !why_not->failed.written.empty() ? "its condition " + why_not->failed.written
                                                                   : std::string("an element");
    if (!why_not->failed.text.empty()) {
      add_hint(item, neutral(fmt::format("The nearest rule for it fails on {}: {}.", element, why_not->failed.text),
                             fmt::format("The nearest rule for it fails on {}.", element)));
    } else if (!names.empty()) {
      add_hint(item, fmt::format("The nearest rule for it fails on {}.", element));
    } else {
      add_hint(item, "No rule reaches these roles: check who the scenario says did what to whom.");
    }
  }

  GradeItem expected_item(const std::string& profile, const Report& report, const Finding& finding,
                          const AnswerFinding* answer) const {
    GradeItem item;
    item.profile = profile;
    item.principle = finding.principle;
    item.roles = finding.roles;
    const HingeElements hinges = hinge_elements(report, finding);
    const bool hinge_point = finding.level == Level::possible && !hinges.elements.empty();
    // Every finding is worth the same, so that an item's maximum does not tell its level:
    // one point for the level, one for its grounds (what it hinges on; for a finding the
    // scenario settles, that nothing open is named).
    item.max_points = 2;
    if (options_.reveal) item.expected = GradeExpectation{finding.level, hinges.elements, {}};
    const std::string level = std::string(to_string(finding.level));
    const std::string hinge_words =
        hinges.elements.empty() ? std::string() : fmt::format(", hinging on {}", quoted_list(hinges.elements));
    if (answer == nullptr) {
      item.verdict = Verdict::missed;
      item.feedback = options_.reveal
                          ? fmt::format("You did not name this finding: the engine finds it {}{}.", level,
                                        finding.level == Level::possible ? hinge_words : "")
                          : "You did not name this finding: the engine finds one for these roles.";
      hint_finding(item, finding, hinges);
      return item;
    }
    item.answer = answer->index;
    item.answered = answer->level;
    if (answer->level != finding.level) {
      item.verdict = Verdict::wrong;
      item.feedback = options_.reveal
                          ? fmt::format("You gave {}; the engine finds it {}{}.", to_string(answer->level), level,
                                        finding.level == Level::possible ? hinge_words : "")
                          : "The level you gave is not the one the engine finds.";
      hint_finding(item, finding, hinges);
      return item;
    }
    item.points = 1;
    if (!hinge_point) {
      // Nothing open to name: settled by the scenario's facts (implicated), or possible with
      // no question found that would settle it.
      const bool names_open = finding.level == Level::implicated && !answer->hinges_on.empty();
      item.points += names_open ? 0.0 : 1.0;
      item.verdict = names_open ? Verdict::partly_correct : Verdict::correct;
      std::vector<std::string> shown;
      for (const std::string& name : answer->hinges_on)
        if (options_.reveal || !holds_level_word(name, banned_)) shown.push_back(base::brief(name));
      item.feedback = options_.reveal ? fmt::format("Right: the engine finds it {} too", level)
                                      : std::string("Right: the level is the one the engine finds");
      item.feedback += !names_open ? std::string(".")
                       : shown.empty()
                           ? std::string(", but it hinges on nothing left open: the scenario's facts settle it.")
                           : fmt::format(", but it hinges on nothing left open ({} is not): the scenario's facts "
                                         "settle it.",
                                         quoted_list(shown));
      return item;
    }
    std::vector<std::string> named;
    std::vector<std::string> wrong;
    for (const std::string& name : answer->hinges_on) {
      if (const auto element = element_named(hinges, name)) {
        if (std::find(named.begin(), named.end(), *element) == named.end()) named.push_back(*element);
      } else {
        wrong.push_back(name);
      }
    }
    const bool all = named.size() == hinges.elements.size();
    item.points += all && wrong.empty() ? 1.0 : named.empty() ? 0.0 : 0.5;
    item.verdict = item.points == item.max_points ? Verdict::correct : Verdict::partly_correct;
    std::vector<std::string> shown_wrong;
    for (const std::string& name : wrong)
      if (options_.reveal || !holds_level_word(name, banned_)) shown_wrong.push_back(base::brief(name));
    std::string feedback = options_.reveal ? fmt::format("The level is right ({})", level) : "The level is right";
    if (all) {
      feedback += fmt::format(", and you named all it hinges on ({})", quoted_list(named));
      feedback += wrong.empty() ? std::string(".")
                  : shown_wrong.empty()
                      ? std::string(", but also what it does not hinge on.")
                      : fmt::format(", but also what it does not hinge on: {}.", quoted_list(shown_wrong));
    } else {
      if (named.empty()) {
        feedback += answer->hinges_on.empty() ? ", but you did not name what it hinges on."
                                              : ", but none of what you named is what it hinges on.";
      } else {
        feedback += fmt::format(", but you named only {} of the {} elements it hinges on ({}).", named.size(),
                                hinges.elements.size(), quoted_list(named));
      }
      if (!shown_wrong.empty()) feedback += fmt::format(" Not among what it hinges on: {}.", quoted_list(shown_wrong));
      if (options_.reveal) feedback += fmt::format(" It hinges on {}.", quoted_list(hinges.elements));
    }
    item.feedback = std::move(feedback);
    if (!all) hint_finding(item, finding, hinges, named);
    return item;
  }

  /// An answer's finding the engine does not give: unexpected when the answer says it is
  /// implicated or possible, right (and free) when it says not implicated.
  GradeItem unmatched_item(const AnswerFinding& answer, const WhyNot* why_not) const {
    GradeItem item;
    item.profile = answer.profile;
    item.principle = answer.principle;
    item.roles = answer.roles;
    item.answer = answer.index;
    item.answered = answer.level;
    const std::vector<std::string> failing = why_not != nullptr ? fails_on(*why_not) : std::vector<std::string>{};
    if (options_.reveal) item.expected = GradeExpectation{Level::not_implicated, {}, failing};
    const std::string nearest =
        why_not != nullptr && !why_not->text.empty() ? " Why not: " + why_not->text : std::string();
    if (answer.level != Level::not_implicated) {
      item.verdict = Verdict::unexpected;
      item.max_points = 1;
      item.feedback = options_.reveal
                          ? fmt::format("You gave {}; the engine finds it not implicated under profile {}.{}",
                                        to_string(answer.level), answer.profile, nearest)
                          : fmt::format("The engine finds no such finding under profile {} for these roles.",
                                        answer.profile);
      hint_why_not(item, why_not);
      return item;
    }
    item.verdict = Verdict::correct;
    std::string feedback = "Right: the engine finds no such finding either.";
    if (!answer.fails_on.empty()) {
      const bool named = std::any_of(answer.fails_on.begin(), answer.fails_on.end(), [&](std::string name) {
        if (!name.empty() && name.front() == '$') name.erase(0, 1);
        return std::find(failing.begin(), failing.end(), name) != failing.end();
      });
      if (named) {
        feedback.back() = ',';
        feedback += " and you named what its nearest rule fails on.";
      } else if (failing.empty()) {
        feedback += " Its nearest rule fails on a condition that is no relation or parameter (no points hang on it).";
        hint_why_not(item, why_not);
      } else {
        feedback += " Its nearest rule fails on another element than the one you named (no points hang on it).";
        hint_why_not(item, why_not);
      }
    }
    if (options_.reveal) feedback += nearest;
    item.feedback = std::move(feedback);
    return item;
  }

 private:
  const GradeOptions& options_;
  std::vector<std::string> banned_;
};

/// Findings of one answer under one profile that the engine does not give and that get
/// why-not hints: the rest get a general one, so a huge answer costs no more than this.
constexpr std::size_t max_why_not_goals = 1000;

/// Whether a value can be written in a why-not goal (`principle(v1, v2, ...)`), asked
/// about each answer's finding the engine does not give.
bool goal_spellable(const std::string& value) {
  return !value.empty() && value.size() <= 200 && std::all_of(value.begin(), value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

std::string summary_of(const Grade& grade) {
  std::map<Verdict, std::size_t> counts;
  for (const GradeItem& item : grade.items) ++counts[item.verdict];
  std::vector<std::string> parts;
  for (const Verdict verdict : {Verdict::correct, Verdict::partly_correct, Verdict::wrong, Verdict::missed,
                                Verdict::unexpected}) {
    if (const auto count = counts[verdict]; count > 0) {
      std::string name(to_string(verdict));
      std::replace(name.begin(), name.end(), '_', ' ');
      parts.push_back(fmt::format("{} {}", count, name));
    }
  }
  return fmt::format("{} of {} point{}{}{}", points_text(grade.score), points_text(grade.max_score),
                     grade.max_score == 1 ? "" : "s",
                     parts.empty() ? "" : ": ", fmt::join(parts, ", "));
}

}  // namespace

GradeEvaluation Evaluator::grade(const Exercise& exercise, std::string_view scenario_json,
                                 const std::string& scenario_name, std::string_view answer_json,
                                 const std::string& answer_name, const GradeOptions& options) {
  const compile::RuleSet& rules = rule_base_.compiled_->rules;
  GradeEvaluation evaluation;
  check_exercise(rules, exercise, evaluation.diagnostics);
  if (evaluation.diagnostics.has_errors()) return evaluation;
  const auto answers =
      read_answer(answer_json, answer_name, exercise, rules, options.max_input_bytes, evaluation.diagnostics);
  if (!answers) return evaluation;
  EvaluateOptions evaluate;
  evaluate.max_input_bytes = options.max_input_bytes;
  std::vector<Evaluation> evaluations = evaluate_profiles(scenario_json, scenario_name, exercise.profiles, evaluate);
  for (Evaluation& one : evaluations) {
    if (!one.ok()) {
      evaluation.diagnostics = std::move(one.diagnostics);
      return evaluation;
    }
  }
  const Grader grader(options, level_words(rule_base_));
  Grade grade;
  grade.exercise = exercise.id;
  grade.title = exercise.title;
  grade.revealed = options.reveal;
  std::vector<bool> used(answers->size(), false);
  for (std::size_t p = 0; p < exercise.profiles.size(); ++p) {
    const std::string& profile = exercise.profiles[p];
    const Report& report = *evaluations[p].report;
    for (const Finding& finding : report.findings) {
      if (!graded_principle(exercise, finding.principle)) continue;
      const AnswerFinding* answer = nullptr;
      for (std::size_t a = 0; a < answers->size(); ++a) {
        if (used[a] || (*answers)[a].profile != profile || !matches(finding, (*answers)[a])) continue;
        used[a] = true;
        answer = &(*answers)[a];
        break;
      }
      grade.items.push_back(grader.expected_item(profile, report, finding, answer));
    }
    // The answer's findings the engine does not give, with why not where a goal can ask.
    std::vector<const AnswerFinding*> unmatched;
    std::vector<std::string> goals;
    std::vector<std::optional<std::size_t>> goal_of;
    for (std::size_t a = 0; a < answers->size(); ++a) {
      const AnswerFinding& answer = (*answers)[a];
      if (used[a] || answer.profile != profile) continue;
      used[a] = true;
      unmatched.push_back(&answer);
      std::vector<std::string> values;
      for (const auto& [role, value] : answer.roles) values.push_back(value);
      if (goals.size() < max_why_not_goals && std::all_of(values.begin(), values.end(), goal_spellable)) {
        goal_of.emplace_back(goals.size());
        goals.push_back(fmt::format("{}({})", answer.principle, fmt::join(values, ", ")));
      } else {
        goal_of.emplace_back(std::nullopt);
      }
    }
    std::optional<std::vector<GoalAnswer>> why;
    if (!goals.empty()) {
      EvaluateOptions asked = evaluate;
      asked.profile = profile;
      GoalsEvaluation answered = why_not(scenario_json, scenario_name, goals, asked);
      if (answered.ok()) why = std::move(answered.answers);
    }
    for (std::size_t u = 0; u < unmatched.size(); ++u) {
      const WhyNot* reason = nullptr;
      if (why && goal_of[u] && *goal_of[u] < why->size() && (*why)[*goal_of[u]].matches.empty())
        reason = &(*why)[*goal_of[u]].why_not;
      grade.items.push_back(grader.unmatched_item(*unmatched[u], reason));
    }
  }
  for (const GradeItem& item : grade.items) {
    grade.score += item.points;
    grade.max_score += item.max_points;
  }
  grade.summary = summary_of(grade);
  evaluation.grade = std::move(grade);
  return evaluation;
}

ModelAnswer Evaluator::model_answer(const Exercise& exercise, std::string_view scenario_json,
                                    const std::string& scenario_name, const GradeOptions& options) {
  const compile::RuleSet& rules = rule_base_.compiled_->rules;
  ModelAnswer model;
  check_exercise(rules, exercise, model.diagnostics);
  if (model.diagnostics.has_errors()) return model;
  EvaluateOptions evaluate;
  evaluate.max_input_bytes = options.max_input_bytes;
  evaluate.proofs = false;
  std::vector<Evaluation> evaluations = evaluate_profiles(scenario_json, scenario_name, exercise.profiles, evaluate);
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (std::size_t p = 0; p < evaluations.size(); ++p) {
    if (!evaluations[p].ok()) {
      model.diagnostics = std::move(evaluations[p].diagnostics);
      return model;
    }
    const Report& report = *evaluations[p].report;
    for (const Finding& finding : report.findings) {
      if (!graded_principle(exercise, finding.principle)) continue;
      nlohmann::ordered_json one;
      one["profile"] = exercise.profiles[p];
      one["principle"] = finding.principle;
      nlohmann::ordered_json roles = nlohmann::ordered_json::object();
      for (const auto& [role, value] : finding.roles) roles[role] = value;
      one["roles"] = std::move(roles);
      one["level"] = render::level_token(finding.level);
      if (finding.level == Level::possible) {
        const HingeElements hinges = hinge_elements(report, finding);
        if (!hinges.elements.empty()) one["hinges_on"] = hinges.elements;
      }
      findings.push_back(std::move(one));
    }
  }
  nlohmann::ordered_json answer;
  answer["exercise"] = exercise.id;
  answer["findings"] = std::move(findings);
  model.answer = render::json_text(answer, JsonLayout::indented);
  return model;
}

}  // namespace cybernorms
