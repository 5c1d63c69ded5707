#include "infer/fact_store.hpp"

#include <algorithm>

namespace cybernorms::infer {

namespace {

std::uint32_t high_half(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

// A loop, not std::ranges::equal: that becomes a call of memcmp, which costs more than the
// two or three arguments a fact has.
bool same_args(const SymbolId* stored, std::span<const SymbolId> args) {
  for (std::size_t i = 0; i < args.size(); ++i)
    if (stored[i] != args[i]) return false;
  return true;
}

}  // namespace

// Empties only what the last scenario used: clearing whole tables sized for the largest
// scenario seen would cost every small one that much. Where the fact table has at most
// eight slots a fact (64 bytes), it is cleared in one sweep instead: finding each fact's
// slot reads its record and then its slot, two dependent cache misses a fact, where the
// sweep writes a line a fact at most, in order.
void FactStore::reset(const Network& network) {
  if (network_ != &network) table_.clear();
  network_ = &network;
  if (table_.size() <= 8 * records_.size())
    std::fill(table_.begin(), table_.end(), FactSlot{});
  else
    for (FactId fact = 0; fact < records_.size(); ++fact) {  // each fact sits at or after its home slot
      const auto mask = table_.size() - 1;
      auto slot = records_[fact].hash & mask;
      while (table_[slot].fact != fact) slot = (slot + 1) & mask;
      table_[slot] = FactSlot{};
    }
  args_.clear();
  heads_.clear();
  records_.clear();
  by_relation_.resize(network.relation_count());
  for (auto& list : by_relation_) list.clear();
  open_.assign(network.relation_count(), 0);
  tables_.resize(network.indexes().size());
  for (auto& table : tables_) {
    if (table.used > 0) std::fill(table.slots.begin(), table.slots.end(), IndexSlot{});
    table.next.clear();
    table.used = 0;
  }
}

inline std::size_t FactStore::slot_of(RelationId relation, std::span<const SymbolId> args, std::uint64_t hash) const {
  const auto high = high_half(hash);
  const auto mask = table_.size() - 1;
  auto slot = hash & mask;
  for (; table_[slot].fact != no_fact; slot = (slot + 1) & mask) {
    const FactSlot& entry = table_[slot];
    if (entry.hash_high != high) continue;
    // The high half of the hash matched; the relation and the arguments decide, from the
    // fact's head alone.
    const FactHead& stored = heads_[entry.fact];
    if (stored.relation == relation && stored.arity == args.size() && same_args(args_.data() + stored.args, args))
      break;
  }
  return slot;
}

std::uint32_t FactStore::find(RelationId relation, std::span<const SymbolId> args) const {
  // A relation with no fact at all is common (negated atoms often name one), and cheaper
  // to tell than hashing the key.
  if (table_.empty() || by_relation_[relation].empty()) return no_fact;
  return table_[slot_of(relation, args, fact_key(relation, args))].fact;
}

// One probe finds the fact or the empty slot a new one goes into, with the key hashed
// once; the table grows first when a new fact would fill it past half, so that slot is
// still the one to fill.
std::pair<FactId, bool> FactStore::insert(RelationId relation, std::span<const SymbolId> args, base::Truth truth) {
  if ((records_.size() + 1) * 2 > table_.size()) grow_facts_table();
  const auto hash = fact_key(relation, args);
  const auto slot = slot_of(relation, args, hash);
  if (table_[slot].fact != no_fact) return {table_[slot].fact, false};
  const auto fact = static_cast<FactId>(records_.size());
  FactHead head;
  head.args = static_cast<std::uint32_t>(args_.size());
  head.relation = relation;
  head.arity = static_cast<std::uint16_t>(args.size());
  head.truth = truth;
  FactRecord record;
  record.position = static_cast<std::uint32_t>(by_relation_[relation].size());
  record.hash = hash;
  args_.insert(args_.end(), args.begin(), args.end());
  table_[slot] = FactSlot{fact, high_half(hash)};
  heads_.push_back(head);
  records_.push_back(record);
  by_relation_[relation].push_back(fact);
  if (truth != base::Truth::yes) ++open_[relation];
  for (const auto index : network_->indexes_of(relation)) link(index, fact);
  return {fact, true};
}

void FactStore::grow_facts_table() {
  const auto capacity = std::max<std::size_t>(64, table_.size() * 2);
  table_.assign(capacity, FactSlot{});
  const auto mask = capacity - 1;
  for (FactId fact = 0; fact < records_.size(); ++fact) {
    const auto hash = records_[fact].hash;
    auto slot = hash & mask;
    while (table_[slot].fact != no_fact) slot = (slot + 1) & mask;
    table_[slot] = FactSlot{fact, high_half(hash)};
  }
}

std::uint32_t FactStore::chain_head(const IndexTable& table, std::uint64_t hash) {
  if (table.slots.empty()) return 0;
  const auto mask = table.slots.size() - 1;
  for (auto slot = hash & mask;; slot = (slot + 1) & mask) {
    const IndexSlot& entry = table.slots[slot];
    if (entry.head == 0) return 0;
    if (entry.hash == hash) return entry.head;
  }
}

void FactStore::link(std::uint32_t index, FactId fact) {
  auto& table = tables_[index];
  if ((table.used + 1) * 2 > table.slots.size()) grow_index(table);
  const auto hash = index_key(network_->indexes()[index], args(fact));
  const auto position = records_[fact].position;
  if (table.next.size() <= position) table.next.resize(position + 1, 0);
  const auto mask = table.slots.size() - 1;
  auto slot = hash & mask;
  while (table.slots[slot].head != 0 && table.slots[slot].hash != hash) slot = (slot + 1) & mask;
  IndexSlot& entry = table.slots[slot];
  if (entry.head == 0) {
    entry.hash = hash;
    ++table.used;
  }
  table.next[position] = entry.head;
  entry.head = position + 1;
}

void FactStore::grow_index(IndexTable& table) {
  const auto capacity = std::max<std::size_t>(16, table.slots.size() * 2);
  std::vector<IndexSlot> slots(capacity);
  const auto mask = capacity - 1;
  for (const IndexSlot& old : table.slots) {
    if (old.head == 0) continue;
    auto slot = old.hash & mask;
    while (slots[slot].head != 0) slot = (slot + 1) & mask;
    slots[slot] = old;
  }
  table.slots = std::move(slots);
}

std::size_t FactStore::memory_bytes() const {
  std::size_t bytes = args_.capacity() * sizeof(SymbolId) + records_.capacity() * sizeof(FactRecord) +
                      heads_.capacity() * sizeof(FactHead) +
                      table_.capacity() * sizeof(FactSlot) + by_relation_.capacity() * sizeof(std::vector<FactId>);
  for (const auto& list : by_relation_) bytes += list.capacity() * sizeof(FactId);
  for (const auto& table : tables_)
    bytes += table.slots.capacity() * sizeof(IndexSlot) + table.next.capacity() * sizeof(std::uint32_t);
  return bytes + tables_.capacity() * sizeof(IndexTable);
}

}  // namespace cybernorms::infer
