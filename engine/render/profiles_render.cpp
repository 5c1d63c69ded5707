#include "render/profiles_render.hpp"

#include "render/json_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace cybernorms::render {

namespace {

bool is_set_explicitly(const compile::Profile& profile, std::uint32_t param) {
  return std::find(profile.set_explicitly.begin(), profile.set_explicitly.end(), param) !=
         profile.set_explicitly.end();
}

std::string value_of(const compile::RuleSet& rules, const compile::Profile& profile, std::uint32_t param) {
  return param < profile.values.size() ? rules.symbols.name(profile.values[param]) : std::string("?");
}

std::string citation_line(const Citation& citation) {
  return fmt::format("{}, \"{}\": \"{}\"", citation.source, citation.section, citation.quote);
}

}  // namespace

std::string profiles_to_text(const compile::RuleSet& rules) {
  std::string out;
  for (const compile::Profile& profile : rules.profiles) {
    out += fmt::format("{}: {}\n", profile.id, profile.title);
    if (!profile.doc.empty()) out += fmt::format("  {}\n", profile.doc);
    for (std::uint32_t param = 0; param < rules.params.size(); ++param) {
      out += fmt::format("  {:<34} {}{}\n", rules.params[param].name, value_of(rules, profile, param),
                         is_set_explicitly(profile, param) ? "" : "  (default)");
    }
    for (const Citation& citation : profile.citations) out += fmt::format("  cites {}\n", citation_line(citation));
    out += "\n";
  }
  return out;
}

std::string profiles_to_json(const compile::RuleSet& rules, JsonLayout layout) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const compile::Profile& profile : rules.profiles) {
    nlohmann::ordered_json item;
    item["id"] = profile.id;
    item["title"] = profile.title;
    item["doc"] = profile.doc;
    item["parameters"] = nlohmann::ordered_json::object();
    for (std::uint32_t param = 0; param < rules.params.size(); ++param) {
      item["parameters"][rules.params[param].name] = {{"value", value_of(rules, profile, param)},
                                                      {"set_by_profile", is_set_explicitly(profile, param)}};
    }
    item["citations"] = nlohmann::ordered_json::array();
    for (const Citation& citation : profile.citations) {
      item["citations"].push_back({{"source", citation.source}, {"section", citation.section}, {"quote", citation.quote}});
    }
    out.push_back(std::move(item));
  }
  return json_text(out, layout);
}

std::string profiles_to_markdown(const compile::RuleSet& rules) {
  std::string out = "| parameter |";
  std::string rule = "|---|";
  for (const compile::Profile& profile : rules.profiles) {
    out += fmt::format(" {} |", profile.id);
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (std::uint32_t param = 0; param < rules.params.size(); ++param) {
    out += fmt::format("| `{}` |", rules.params[param].name);
    for (const compile::Profile& profile : rules.profiles) {
      const std::string value = value_of(rules, profile, param);
      out += is_set_explicitly(profile, param) ? fmt::format(" **{}** |", value) : fmt::format(" {} |", value);
    }
    out += "\n";
  }
  out += "\nValues in bold are set by the profile itself; the others are the parameter's default.\n\n";
  for (const compile::Profile& profile : rules.profiles) {
    out += fmt::format("- **{}**: {}", profile.id, profile.title);
    for (const Citation& citation : profile.citations) out += fmt::format(" ({})", citation_line(citation));
    out += "\n";
  }
  return out;
}

}  // namespace cybernorms::render
