#include "infer/fact_store.hpp"

#include <algorithm>

namespace cybernorms::infer {

// Empties only what the last scenario used: clearing whole tables sized for the largest
// scenario seen would cost every small one that much.
void FactStore::reset(const Network& network) {
  if (network_ != &network) table_.clear();
  network_ = &network;
  if (!table_.empty())
    for (FactId fact = 0; fact < records_.size(); ++fact) {  // each fact sits at or after its home slot
      const auto mask = table_.size() - 1;
      auto slot = records_[fact].hash & mask;
      while (table_[slot] != fact) slot = (slot + 1) & mask;
      table_[slot] = no_fact;
    }
  args_.clear();
  records_.clear();
  by_relation_.resize(network.relation_count());
  for (auto& list : by_relation_) list.clear();
  tables_.resize(network.indexes().size());
  for (auto& table : tables_) {
    if (table.used > 0) std::fill(table.heads.begin(), table.heads.end(), 0);
    table.next.clear();
    table.used = 0;
  }
}

std::uint32_t FactStore::find(RelationId relation, std::span<const SymbolId> args) const {
  if (table_.empty()) return no_fact;
  const auto hash = fact_key(relation, args);
  const auto mask = table_.size() - 1;
  for (auto slot = hash & mask;; slot = (slot + 1) & mask) {
    const auto fact = table_[slot];
    if (fact == no_fact) return no_fact;
    const auto& record = records_[fact];
    if (record.hash == hash && record.relation == relation && std::ranges::equal(this->args(fact), args)) return fact;
  }
}

std::pair<FactId, bool> FactStore::insert(RelationId relation, std::span<const SymbolId> args, base::Truth truth) {
  if (const auto found = find(relation, args); found != no_fact) return {found, false};
  if ((records_.size() + 1) * 2 > table_.size()) grow_facts_table();
  const auto fact = static_cast<FactId>(records_.size());
  FactRecord record;
  record.relation = relation;
  record.args = static_cast<std::uint32_t>(args_.size());
  record.position = static_cast<std::uint32_t>(by_relation_[relation].size());
  record.hash = fact_key(relation, args);
  record.truth = truth;
  record.arity = static_cast<std::uint16_t>(args.size());
  args_.insert(args_.end(), args.begin(), args.end());
  const auto mask = table_.size() - 1;
  auto slot = record.hash & mask;
  while (table_[slot] != no_fact) slot = (slot + 1) & mask;
  table_[slot] = fact;
  records_.push_back(record);
  by_relation_[relation].push_back(fact);
  for (const auto index : network_->indexes_of(relation)) link(index, fact);
  return {fact, true};
}

void FactStore::grow_facts_table() {
  const auto capacity = std::max<std::size_t>(64, table_.size() * 2);
  table_.assign(capacity, no_fact);
  const auto mask = capacity - 1;
  for (FactId fact = 0; fact < records_.size(); ++fact) {
    auto slot = records_[fact].hash & mask;
    while (table_[slot] != no_fact) slot = (slot + 1) & mask;
    table_[slot] = fact;
  }
}

std::uint32_t FactStore::chain_head(const IndexTable& table, std::uint64_t hash) {
  if (table.heads.empty()) return 0;
  const auto mask = table.heads.size() - 1;
  for (auto slot = hash & mask;; slot = (slot + 1) & mask) {
    if (table.heads[slot] == 0) return 0;
    if (table.hashes[slot] == hash) return table.heads[slot];
  }
}

void FactStore::link(std::uint32_t index, FactId fact) {
  auto& table = tables_[index];
  if ((table.used + 1) * 2 > table.heads.size()) grow_index(table);
  const auto hash = index_key(network_->indexes()[index], args(fact));
  const auto position = records_[fact].position;
  if (table.next.size() <= position) table.next.resize(position + 1, 0);
  const auto mask = table.heads.size() - 1;
  auto slot = hash & mask;
  while (table.heads[slot] != 0 && table.hashes[slot] != hash) slot = (slot + 1) & mask;
  if (table.heads[slot] == 0) {
    table.hashes[slot] = hash;
    ++table.used;
  }
  table.next[position] = table.heads[slot];
  table.heads[slot] = position + 1;
}

void FactStore::grow_index(IndexTable& table) {
  const auto capacity = std::max<std::size_t>(16, table.heads.size() * 2);
  std::vector<std::uint64_t> hashes(capacity, 0);
  std::vector<std::uint32_t> heads(capacity, 0);
  const auto mask = capacity - 1;
  for (std::size_t old = 0; old < table.heads.size(); ++old) {
    if (table.heads[old] == 0) continue;
    auto slot = table.hashes[old] & mask;
    while (heads[slot] != 0) slot = (slot + 1) & mask;
    hashes[slot] = table.hashes[old];
    heads[slot] = table.heads[old];
  }
  table.hashes = std::move(hashes);
  table.heads = std::move(heads);
}

std::size_t FactStore::memory_bytes() const {
  std::size_t bytes = args_.capacity() * sizeof(SymbolId) + records_.capacity() * sizeof(FactRecord) +
                      table_.capacity() * sizeof(FactId) + by_relation_.capacity() * sizeof(std::vector<FactId>);
  for (const auto& list : by_relation_) bytes += list.capacity() * sizeof(FactId);
  for (const auto& table : tables_)
    bytes += table.hashes.capacity() * 8 + table.heads.capacity() * 4 + table.next.capacity() * 4;
  return bytes + tables_.capacity() * sizeof(IndexTable);
}

}  // namespace cybernorms::infer
