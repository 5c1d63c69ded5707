#include "compile/rule_set.hpp"

#include <algorithm>

namespace cybernorms::compile {

namespace {
template <typename Items, typename Key>
std::optional<std::uint32_t> index_of(const Items& items, std::string_view wanted, Key key) {
  const auto found = std::find_if(items.begin(), items.end(), [&](const auto& item) { return key(item) == wanted; });
  if (found == items.end()) return std::nullopt;
  return static_cast<std::uint32_t>(found - items.begin());
}
}  // namespace

std::optional<RelationId> RuleSet::find_relation(std::string_view name) const {
  return index_of(relations, name, [](const Relation& r) -> const std::string& { return r.name; });
}

std::optional<std::uint32_t> RuleSet::find_profile(std::string_view id) const {
  return index_of(profiles, id, [](const Profile& p) -> const std::string& { return p.id; });
}

std::optional<TypeId> RuleSet::find_type(std::string_view name) const {
  return index_of(types, name, [](const Type& t) -> const std::string& { return t.name; });
}

const Source* RuleSet::find_source(std::string_view id) const {
  const auto index = index_of(sources, id, [](const Source& s) -> const std::string& { return s.id; });
  return index ? &sources[*index] : nullptr;
}

const Param* RuleSet::parameter_of(RelationId relation) const {
  if (relations.at(relation).kind != RelationKind::parameter) return nullptr;
  const auto found = std::find_if(params.begin(), params.end(), [&](const Param& p) { return p.relation == relation; });
  return found == params.end() ? nullptr : &*found;
}

const Exception* RuleSet::exception_of(RelationId relation) const {
  if (relations.at(relation).kind != RelationKind::exception) return nullptr;
  const auto found =
      std::find_if(exceptions.begin(), exceptions.end(), [&](const Exception& e) { return e.relation == relation; });
  return found == exceptions.end() ? nullptr : &*found;
}

}  // namespace cybernorms::compile

namespace cybernorms::compile {

std::string_view Language::text(std::string_view english) const {
  const auto found = texts.find(english);
  return found == texts.end() ? english : std::string_view(found->second);
}

std::string_view Language::element(std::string_view element) const {
  const auto found = elements.find(element);
  return found == elements.end() ? element : std::string_view(found->second);
}

const Language* RuleSet::find_language(std::string_view id) const {
  const auto found = std::find_if(languages.begin(), languages.end(), [&](const Language& l) { return l.id == id; });
  return found == languages.end() ? nullptr : &*found;
}

std::vector<std::string> RuleSet::language_ids() const {
  std::vector<std::string> ids;
  for (const Language& language : languages) ids.push_back(language.id);
  if (ids.empty()) ids.emplace_back(default_language);
  return ids;
}

}  // namespace cybernorms::compile
