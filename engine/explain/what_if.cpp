#include "explain/what_if.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace cybernorms::explain {

namespace {

using Roles = std::vector<std::pair<std::string, std::string>>;
using FindingKey = std::pair<std::string, Roles>;

/// A finding's keys: its principle and roles, or for a pooled finding one per candidate
/// (the role filled with it), so an answer that names one candidate compares like with like.
std::vector<FindingKey> keys_of(const Finding& finding) {
  if (!finding.pooled) return {{finding.principle, finding.roles}};
  std::vector<FindingKey> keys;
  for (const std::string& candidate : finding.pooled->candidates) {
    Roles roles = finding.roles;
    for (auto& [role, value] : roles)
      if (role == finding.pooled->role) value = candidate;
    keys.emplace_back(finding.principle, std::move(roles));
  }
  return keys;
}

std::map<FindingKey, const Finding*> by_key(const Report& report) {
  std::map<FindingKey, const Finding*> findings;
  for (const Finding& finding : report.findings)
    for (FindingKey& key : keys_of(finding)) findings.emplace(std::move(key), &finding);
  return findings;
}

void count(const Finding& finding, const Roles& roles, Level from, Level to, WhatIfAnswer& answer) {
  if (from == to) {
    ++answer.unchanged;
    return;
  }
  answer.changes.push_back(LevelChange{finding.principle, finding.title, roles, from, to});
}

}  // namespace

std::vector<FactRef> open_facts(const Report& report) {
  std::vector<FactRef> facts;
  for (const Finding& finding : report.findings)
    for (const std::vector<Hinge>& set : finding.hinge_sets)
      for (const Hinge& hinge : set)
        if (std::find(facts.begin(), facts.end(), hinge.fact) == facts.end()) facts.push_back(hinge.fact);
  return facts;
}

bool hinges_listed_in_full(const Report& report) {
  return std::all_of(report.findings.begin(), report.findings.end(), [](const Finding& finding) {
    return finding.hinges_complete() && finding.hinge_sets_found <= finding.hinge_sets.size();
  });
}

namespace {

std::string question_text(const Report& report, const FactRef& fact) {
  const std::string plain = fact.text.empty() ? fact.relation : fact.text;
  for (const Question& asked : report.questions) {
    if (std::find(asked.facts.begin(), asked.facts.end(), fact) == asked.facts.end()) continue;
    return asked.facts.size() == 1 ? asked.text : asked.text + " (" + plain + ")";
  }
  return plain + "?";
}

}  // namespace

WhatIfQuestion question_about(const Report& report, const FactRef& fact) {
  WhatIfQuestion question;
  question.text = question_text(report, fact);
  question.facts.push_back(fact);
  // A question of law is worded "Is it the law that ...?" for a bool parameter: yes is its
  // value true, whichever of its values the finding hinges on; an enumerated parameter's
  // question names the value its yes and no are about.
  const bool law = fact.relation.starts_with('$') && fact.args.size() == 1;
  const bool yes_is_true = !(law && fact.args[0] == "false");
  const auto asked = std::find_if(report.questions.begin(), report.questions.end(), [&](const Question& q) {
    return std::find(q.facts.begin(), q.facts.end(), fact) != q.facts.end();
  });
  if (law && asked != report.questions.end()) {
    const bool boolean = fact.args[0] == "true" || fact.args[0] == "false";
    question.text = boolean ? asked->text : fmt::format("{} ({}?)", asked->text, fact.args[0]);
  }
  question.answers.push_back(WhatIfAnswer{"yes", {Assumption{fact, yes_is_true, Truth::unknown}}, {}, 0});
  question.answers.push_back(WhatIfAnswer{"no", {Assumption{fact, !yes_is_true, Truth::unknown}}, {}, 0});
  return question;
}

void compare_findings(const Report& before, const Report& after, WhatIfAnswer& answer) {
  answer.changes.clear();
  answer.unchanged = 0;
  const auto after_findings = by_key(after);
  const auto before_findings = by_key(before);
  for (const Finding& finding : before.findings)
    for (const FindingKey& key : keys_of(finding)) {
      const auto found = after_findings.find(key);
      count(finding, key.second, finding.level,
            found == after_findings.end() ? Level::not_implicated : found->second->level, answer);
    }
  for (const Finding& finding : after.findings)
    for (const FindingKey& key : keys_of(finding))
      if (!before_findings.contains(key)) count(finding, key.second, Level::not_implicated, finding.level, answer);
}

}  // namespace cybernorms::explain
