#include "render/catalog_render.hpp"

#include "render/json_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace cybernorms::render {

namespace {

using nlohmann::ordered_json;

std::string_view kind_name(compile::RelationKind kind) {
  switch (kind) {
    case compile::RelationKind::base: return "base";
    case compile::RelationKind::derived: return "derived";
    case compile::RelationKind::principle: return "principle";
    case compile::RelationKind::exception: return "exception";
    case compile::RelationKind::parameter: return "parameter";
  }
  return "?";
}

ordered_json citations_json(const std::vector<Citation>& citations) {
  ordered_json out = ordered_json::array();
  for (const Citation& c : citations) out.push_back({{"source", c.source}, {"section", c.section}, {"quote", c.quote}});
  return out;
}

}  // namespace

std::string catalog_to_json(const compile::RuleSet& rules, JsonLayout layout) {
  ordered_json principles = ordered_json::array();
  for (const compile::Principle& principle : rules.principles) {
    principles.push_back({{"id", principle.id},
                          {"title", principle.title},
                          {"roles", rules.relations[principle.relation].arg_names},
                          {"doc", principle.doc},
                          {"layers", principle.layers},
                          {"citations", citations_json(principle.citations)}});
  }
  ordered_json relations = ordered_json::array();
  for (const compile::Relation& relation : rules.relations) {
    ordered_json entry{{"name", relation.name},
                       {"kind", kind_name(relation.kind)},
                       {"args", relation.arg_names},
                       {"doc", relation.doc}};
    // How an unknown fact of it is asked: what reports group hinges by.
    if (relation.question)
      entry["question"] = {{"element", relation.question->element}, {"text", relation.question->text}};
    relations.push_back(std::move(entry));
  }
  ordered_json profiles = ordered_json::array();
  for (const compile::Profile& profile : rules.profiles)
    profiles.push_back({{"id", profile.id}, {"title", profile.title}});
  const ordered_json out{{"principles", std::move(principles)},
                         {"relations", std::move(relations)},
                         {"profiles", std::move(profiles)}};
  return json_text(out, layout);
}

std::string catalog_to_text(const compile::RuleSet& rules) {
  std::string out = "Principles\n";
  for (const compile::Principle& principle : rules.principles) {
    out += fmt::format("  {}({}): {}\n", principle.id,
                       fmt::join(rules.relations[principle.relation].arg_names, ", "), principle.title);
    for (const Citation& c : principle.citations)
      out += fmt::format("    cites {}, \"{}\": \"{}\"\n", c.source, c.section, c.quote);
  }
  out += "\nRelations (the facts a scenario states, and what the rules conclude)\n";
  for (const compile::Relation& relation : rules.relations) {
    out += fmt::format("  {:<9} {}({})", kind_name(relation.kind), relation.name, fmt::join(relation.arg_names, ", "));
    if (!relation.doc.empty()) out += fmt::format(": {}", relation.doc);
    out += "\n";
  }
  out += "\nProfiles\n";
  for (const compile::Profile& profile : rules.profiles) out += fmt::format("  {}: {}\n", profile.id, profile.title);
  return out;
}

}  // namespace cybernorms::render
