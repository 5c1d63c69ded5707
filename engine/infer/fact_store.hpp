// Facts of one session, stored flat: one argument array, per-relation lists in
// insertion order, a hash set for "is this fact known", and hash indexes on the
// argument positions the rule bodies look facts up by.
#pragma once
#include "base/truth.hpp"
#include "infer/matching.hpp"
#include "infer/network.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace cybernorms::infer {

inline constexpr std::uint32_t no_fact = UINT32_MAX;

/// What the session knows of one fact. `truth` is yes for a fact of the lower model
/// (established) and unknown for one of the upper model only (possible).
struct FactRecord {
  RelationId relation = 0;
  std::uint32_t args = 0;      ///< offset into the argument array
  std::uint32_t position = 0;  ///< position in its relation's list
  std::uint64_t hash = 0;
  base::Truth truth = base::Truth::yes;
  base::Truth base_truth = base::Truth::no;  ///< as given by add_fact; no for a derived-only fact
  std::uint16_t arity = 0;
  std::uint32_t first_derivation = no_fact;
  std::uint32_t last_derivation = no_fact;
  std::uint32_t derivations_seen = 0;    ///< all derivations found in its model, stored or not
  std::uint32_t derivations_stored = 0;
};

/// A hash index: chains of relation positions, newest first, per key hash.
struct IndexTable {
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> heads;  ///< 0: empty slot; otherwise position + 1
  std::vector<std::uint32_t> next;   ///< per relation position: the previous position + 1, or 0
  std::size_t used = 0;
};

class FactStore {
 public:
  /// Forgets every fact, keeping the buffers, and sizes the store for a network.
  void reset(const Network& network);

  std::uint32_t find(RelationId relation, std::span<const SymbolId> args) const;
  /// Adds a fact with the given truth, or returns the one already there (second: false).
  std::pair<FactId, bool> insert(RelationId relation, std::span<const SymbolId> args, base::Truth truth);

  std::span<const SymbolId> args(FactId fact) const {
    const auto& record = records_[fact];
    return {args_.data() + record.args, record.arity};
  }
  const FactRecord& record(FactId fact) const { return records_[fact]; }
  FactRecord& record(FactId fact) { return records_[fact]; }
  const std::vector<FactId>& facts_of(RelationId relation) const { return by_relation_[relation]; }
  std::size_t size() const { return records_.size(); }

  /// Calls `visit(FactId)` for each fact of the index's relation at a position in
  /// [begin, end) whose indexed arguments hash like `key` (callers compare the arguments),
  /// newest first. `visit` returns false to stop.
  template <typename Visit>
  void lookup(std::uint32_t index, std::uint64_t key_hash, std::uint32_t begin, std::uint32_t end, Visit&& visit) const {
    const auto& table = tables_[index];
    std::uint32_t position = chain_head(table, key_hash);
    const auto& list = by_relation_[network_->indexes()[index].relation];
    for (; position != 0; position = table.next[position - 1]) {
      if (position - 1 >= end) continue;
      if (position - 1 < begin) return;
      if (!visit(list[position - 1])) return;
    }
  }

  /// Bytes held by the containers (capacity, not size): what an evaluation costs.
  std::size_t memory_bytes() const;

 private:
  static std::uint32_t chain_head(const IndexTable& table, std::uint64_t hash);
  void link(std::uint32_t index, FactId fact);
  void grow_facts_table();
  static void grow_index(IndexTable& table);

  const Network* network_ = nullptr;
  std::vector<SymbolId> args_;
  std::vector<FactRecord> records_;
  std::vector<std::vector<FactId>> by_relation_;
  std::vector<FactId> table_;  ///< open addressing over all facts; no_fact marks empty
  std::vector<IndexTable> tables_;
};

}  // namespace cybernorms::infer
