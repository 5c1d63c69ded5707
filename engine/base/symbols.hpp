// Interned symbols: every constant, entity id and integer value is a SymbolId.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cybernorms::base {

using SymbolId = std::uint32_t;

/// Maps strings to dense ids and back. Ids are assigned in order of first interning, so
/// the same inputs in the same order give the same ids. Each symbol may carry an order
/// key (an integer's value, an enumerated value's position) used by `<`, `<=`, ...
class SymbolTable {
 public:
  SymbolId intern(std::string_view text);
  std::optional<SymbolId> find(std::string_view text) const;
  const std::string& name(SymbolId id) const { return names_.at(id); }
  std::size_t size() const { return names_.size(); }

  void set_order_key(SymbolId id, std::int64_t key);
  std::optional<std::int64_t> order_key(SymbolId id) const;

 private:
  std::vector<std::string> names_;
  std::vector<std::optional<std::int64_t>> order_keys_;
  std::unordered_map<std::string, SymbolId> ids_;
};

}  // namespace cybernorms::base
