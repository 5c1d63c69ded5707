#include "base/symbols.hpp"

namespace cybernorms::base {

SymbolId SymbolTable::intern(std::string_view text) {
  if (const auto found = ids_.find(std::string(text)); found != ids_.end()) return found->second;
  const auto id = static_cast<SymbolId>(names_.size());
  names_.emplace_back(text);
  order_keys_.emplace_back();
  ids_.emplace(names_.back(), id);
  return id;
}

std::optional<SymbolId> SymbolTable::find(std::string_view text) const {
  const auto found = ids_.find(std::string(text));
  if (found == ids_.end()) return std::nullopt;
  return found->second;
}

void SymbolTable::set_order_key(SymbolId id, std::int64_t key) { order_keys_.at(id) = key; }

std::optional<std::int64_t> SymbolTable::order_key(SymbolId id) const { return order_keys_.at(id); }

}  // namespace cybernorms::base
