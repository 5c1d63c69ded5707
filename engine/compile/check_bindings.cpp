// How base relations read scenarios: `from collection.attribute[] default value`.
#include "compile/checks.hpp"
#include "compile/text.hpp"
#include "compile/typing.hpp"

#include <fmt/core.h>

namespace cybernorms::compile {

namespace {

using Collections = std::unordered_map<std::string_view, const ast::EntityDecl*>;

Collections entity_collections(const Program& program) {
  Collections out;
  for (const ast::EntityDecl* entity : program.entities.in_order) out.emplace(entity->collection, entity);
  return out;
}

/// E212: `from C` gives one argument, `from C.attr` one or two, `from C.attr[]` two.
bool check_argument_count(const Program& program, const ast::RelationDecl& relation, base::Diagnostics& diagnostics) {
  const ast::Binding& binding = *relation.binding;
  const std::size_t count = relation.parameters.size();
  const std::size_t wanted_min = binding.is_list ? 2 : 1;
  const std::size_t wanted_max = binding.attribute.empty() ? 1 : 2;
  if (count >= wanted_min && count <= wanted_max) return true;
  const std::string wanted = wanted_min == wanted_max ? fmt::format("{}", wanted_min)
                                                      : fmt::format("{} or {}", wanted_min, wanted_max);
  const std::string form = binding.attribute.empty() ? fmt::format("'from {}'", binding.collection)
                           : binding.is_list ? fmt::format("'from {}.{}[]'", binding.collection, binding.attribute)
                                             : fmt::format("'from {}.{}'", binding.collection, binding.attribute);
  diagnostics.error("E212", token_span(*program.sources, relation.span, relation.name),
                    "a relation read {} takes {} argument{}, '{}' has {}", form, wanted,
                    wanted == "1" ? "" : "s", relation.name, count);
  return false;
}

/// E211: the first argument is the entity the collection holds.
void check_first_argument(const Program& program, const ast::RelationDecl& relation, const ast::EntityDecl& entity,
                          base::Diagnostics& diagnostics) {
  const ast::Parameter& first = relation.parameters.front();
  if (first.type == entity.name || program.find_type(first.type) == nullptr) return;
  diagnostics.error("E211", token_span_after(*program.sources, first.span, ":", first.type),
                    "the first argument of '{}' must be of type '{}', the entities of '{}'", relation.name,
                    entity.name, relation.binding->collection);
}

/// E213: a default fits the attribute: `[]` for a list, a value of the type otherwise.
void check_default(const Program& program, const ast::RelationDecl& relation, base::Diagnostics& diagnostics) {
  const ast::Binding& binding = *relation.binding;
  if (!binding.default_value && !binding.empty_list_default) return;
  const base::Span span = token_span(*program.sources, binding.span, "default");
  if (binding.attribute.empty()) {
    diagnostics.error("E213", span, "'from {}' reads the members themselves and takes no default", binding.collection);
  } else if (binding.is_list && !binding.empty_list_default) {
    diagnostics.error("E213", span, "the default of a list attribute is []");
  } else if (!binding.is_list && binding.empty_list_default) {
    diagnostics.error("E213", span, "[] is a default only for a list attribute (written '{}[]')", binding.attribute);
  } else if (binding.default_value) {
    const std::string_view type_name =
        relation.parameters.size() == 2 ? std::string_view(relation.parameters[1].type) : std::string_view("bool");
    if (const TypeRef* type = program.find_type(type_name)) {
      check_constant(program, *binding.default_value, *type, diagnostics, "E213");
    }
  }
}

void check_binding(const Program& program, const Collections& collections, const ast::RelationDecl& relation,
                   base::Diagnostics& diagnostics) {
  const ast::Binding& binding = *relation.binding;
  const auto entity = collections.find(binding.collection);
  if (entity == collections.end()) {
    auto& added = diagnostics.error("E210", token_span(*program.sources, binding.span, binding.collection),
                                    "'{}' is not the collection of any entity", binding.collection);
    std::vector<std::string_view> names;
    for (const auto& [name, decl] : collections) names.push_back(name);
    if (auto note = base::did_you_mean(binding.collection, names)) added.notes.push_back(std::move(*note));
  }
  if (!check_argument_count(program, relation, diagnostics)) return;
  if (entity != collections.end()) check_first_argument(program, relation, *entity->second, diagnostics);
  check_default(program, relation, diagnostics);
}

}  // namespace

void check_bindings(const Program& program, base::Diagnostics& diagnostics) {
  const Collections collections = entity_collections(program);
  for (const ast::RelationDecl* relation : program.relation_decls.in_order) {
    if (relation->binding) check_binding(program, collections, *relation, diagnostics);
  }
}

}  // namespace cybernorms::compile
