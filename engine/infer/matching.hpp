// The matching core shared by evaluation, why-not and hinge search: the hash of a fact's
// key, so that the fact table, the indexes and the steps that look facts up agree.
#pragma once
#include "infer/network.hpp"

#include <cstdint>
#include <span>

namespace cybernorms::infer {

// ----- keys ------------------------------------------------------------------------------

/// Where the hash of a key of `relation` starts, so equal values of two relations differ.
constexpr std::uint64_t key_seed(RelationId relation) { return relation * 0x94d049bb133111ebULL + 1; }

/// The hash of a key with one more value mixed in.
constexpr std::uint64_t mix_key(std::uint64_t hash, SymbolId value) {
  hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
  hash ^= hash >> 31;
  hash *= 0xbf58476d1ce4e5b9ULL;
  return hash ^ (hash >> 29);
}

/// The hash of a whole fact: its relation and every argument.
inline std::uint64_t fact_key(RelationId relation, std::span<const SymbolId> args) {
  auto hash = key_seed(relation);
  for (const auto value : args) hash = mix_key(hash, value);
  return hash;
}

/// The hash a stored fact is filed under in an index: its arguments at the index's positions.
inline std::uint64_t index_key(const IndexSpec& index, std::span<const SymbolId> args) {
  auto hash = key_seed(index.relation);
  for (const auto position : index.positions) hash = mix_key(hash, args[position]);
  return hash;
}

}  // namespace cybernorms::infer
