// Facts of one session, stored flat: one argument array, per-relation lists in
// insertion order, a hash set for "is this fact known", and hash indexes on the
// argument positions the rule bodies look facts up by.
#pragma once
#include "base/truth.hpp"
#include "infer/matching.hpp"
#include "infer/network.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace cybernorms::infer {

/// What matching reads of a fact, kept apart from its record in an array of 12 bytes a fact:
/// a join step reads these for every candidate, and the records (32 bytes) would bring
/// in lines of which it uses a few bytes each.
struct FactHead {
  std::uint32_t args = 0;  ///< offset into the argument array
  RelationId relation = 0;
  std::uint16_t arity = 0;
  base::Truth truth = base::Truth::yes;  ///< yes: established (lower model); unknown: possible (upper only)
};

static_assert(sizeof(FactHead) == 12, "a fact's head is what a join step reads of it");

/// What else the session knows of one fact: its hash, its place and its derivations, in
/// 32 bytes (two records a cache line).
struct FactRecord {
  std::uint64_t hash = 0;
  std::uint32_t position = 0;  ///< position in its relation's list
  std::uint32_t first_derivation = no_fact;
  std::uint32_t last_derivation = no_fact;
  std::uint32_t derivations_seen = 0;    ///< all derivations found in its model, stored or not
  std::uint32_t derivations_stored = 0;
  base::Truth base_truth = base::Truth::no;  ///< as given by add_fact; no for a derived-only fact
};

static_assert(sizeof(FactRecord) == 32, "two records a cache line");

/// A slot of the fact table: a fact and the high half of its hash, so that a probe passes
/// over other facts without reading their records (on a large store, a cache miss each).
struct FactSlot {
  FactId fact = no_fact;  ///< no_fact: empty
  std::uint32_t hash_high = 0;
};

/// A slot of an index: a key's hash and the head of its chain, side by side, so that a
/// probe reads one place.
struct IndexSlot {
  std::uint64_t hash = 0;
  std::uint32_t head = 0;  ///< 0: empty slot; otherwise position + 1
};

/// A hash index: chains of relation positions, newest first, per key hash.
struct IndexTable {
  std::vector<IndexSlot> slots;
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
    const FactHead& head = heads_[fact];
    return {args_.data() + head.args, head.arity};
  }
  base::Truth truth(FactId fact) const { return heads_[fact].truth; }
  RelationId relation_of(FactId fact) const { return heads_[fact].relation; }
  const FactRecord& record(FactId fact) const { return records_[fact]; }
  FactRecord& record(FactId fact) { return records_[fact]; }
  const std::vector<FactId>& facts_of(RelationId relation) const { return by_relation_[relation]; }
  /// How many facts of the relation are not established (truth unknown).
  std::uint32_t open_count(RelationId relation) const { return open_[relation]; }
  /// Whether any fact is not established.
  bool has_open() const {
    return std::any_of(open_.begin(), open_.end(), [](std::uint32_t count) { return count > 0; });
  }
  /// Makes a stored fact established (truth yes), and no longer counts it as open.
  void establish(FactId fact) {
    FactHead& head = heads_[fact];
    if (head.truth != base::Truth::yes) --open_[head.relation];
    head.truth = base::Truth::yes;
  }
  std::size_t size() const { return records_.size(); }

  /// The facts that may match a positive step at positions [begin, end) of its relation:
  /// through the step's index when it has one and the bindings give its key, else all.
  template <typename Bindings>
  StepCursor candidates(const Step& step, const Bindings& bindings, std::uint32_t begin, std::uint32_t end) const {
    if (step.index != no_index)
      if (const auto key = step_key(step, network_->indexes()[step.index], bindings)) {
        const auto& table = tables_[step.index];
        return StepCursor::chain(by_relation_[step.relation], table.next, chain_head(table, *key), begin, end);
      }
    return StepCursor::scan(by_relation_[step.relation], begin, end);
  }

  /// Bytes held by the containers (capacity, not size): what an evaluation costs.
  std::size_t memory_bytes() const;

 private:
  /// The slot of the fact table holding the fact, or the empty slot where it would go.
  std::size_t slot_of(RelationId relation, std::span<const SymbolId> args, std::uint64_t hash) const;
  static std::uint32_t chain_head(const IndexTable& table, std::uint64_t hash);
  void link(std::uint32_t index, FactId fact);
  void grow_facts_table();
  static void grow_index(IndexTable& table);

  const Network* network_ = nullptr;
  std::vector<SymbolId> args_;
  std::vector<FactHead> heads_;     ///< per fact, what matching reads
  std::vector<FactRecord> records_;  ///< per fact, the rest
  std::vector<std::vector<FactId>> by_relation_;
  std::vector<std::uint32_t> open_;  ///< per relation: its facts with truth unknown
  std::vector<FactSlot> table_;  ///< open addressing over all facts
  std::vector<IndexTable> tables_;
};

}  // namespace cybernorms::infer
