// The matching core shared by evaluation, why-not and hinge search: the hash of a fact's
// key, so that the fact table, the indexes and the steps that look facts up agree;
// unification of an atom step with a fact under the current bindings; and a cursor over
// the facts a step may match.
#pragma once
#include "base/truth.hpp"
#include "infer/network.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace cybernorms::infer {

/// No fact: the end of a walk, or a fact that is not stored.
inline constexpr std::uint32_t no_fact = UINT32_MAX;

/// Which model a match is made in: the lower one (unknown facts false) or the upper one
/// (unknown facts true).
enum class Model : std::uint8_t { lower, upper };

// ----- keys ----------------------------------------------------------------------------

/// Where the hash of a key of `relation` starts, so equal values of two relations differ.
constexpr std::uint64_t key_seed(RelationId relation) { return relation * 0x94d049bb133111ebULL + 1; }

/// The hash of a key with one more value mixed in: one multiplication carries every bit
/// of the value upwards, and the fold brings the high half back down, since tables probe
/// by the low bits. (Keys have a few small values; a stronger mix cost 5 % of batch.)
constexpr std::uint64_t mix_key(std::uint64_t hash, SymbolId value) {
  hash = (hash ^ value) * 0x9e3779b97f4a7c15ULL;
  return hash ^ (hash >> 32);
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

// ----- bindings ------------------------------------------------------------------------

/// What a slot stands for when its variable (if any) is bound.
constexpr SymbolId slot_value(const Slot& slot, std::span<const SymbolId> bindings) {
  return slot.kind == Slot::Kind::constant ? slot.value : bindings[slot.value];
}

/// The values of slots whose variables are all bound (a head, a negated atom), into `out`.
inline void ground(std::span<const Slot> slots, std::span<const SymbolId> bindings, std::vector<SymbolId>& out) {
  out.clear();
  for (const auto& slot : slots) out.push_back(slot_value(slot, bindings));
}

/// Bindings as a plan's order leaves them, the way evaluation matches: a bind slot is its
/// variable's first occurrence, so open; every other variable was bound before.
class PlanBindings {
 public:
  PlanBindings() = default;
  explicit PlanBindings(std::span<SymbolId> values) : values_(values) {}

  bool is_open(const Slot& slot) const { return slot.kind == Slot::Kind::bind; }
  SymbolId value(const Slot& slot) const { return slot_value(slot, values_); }
  void bind(std::uint32_t variable, SymbolId value) { values_[variable] = value; }
  std::span<const SymbolId> values() const { return values_; }

 private:
  std::span<SymbolId> values_;
};

/// Bindings in which any variable may be open, the way why-not matches (a goal binds some
/// head variables before the body runs): a slot is open while its variable has no value.
/// Each binding goes on a trail, so a search can undo the bindings of a failed branch.
class OpenBindings {
 public:
  explicit OpenBindings(std::vector<std::optional<SymbolId>> values) : values_(std::move(values)) {}

  bool is_open(const Slot& slot) const { return slot.kind != Slot::Kind::constant && !values_[slot.value]; }
  /// The slot's value; the slot must not be open.
  SymbolId value(const Slot& slot) const { return slot.kind == Slot::Kind::constant ? slot.value : *values_[slot.value]; }
  void bind(std::uint32_t variable, SymbolId value) {
    values_[variable] = value;
    trail_.push_back(variable);
  }
  /// A point to undo to: how many bindings have been made.
  std::size_t mark() const { return trail_.size(); }
  /// Opens again every variable bound since `mark`.
  void undo(std::size_t mark) {
    for (auto i = mark; i < trail_.size(); ++i) values_[trail_[i]] = std::nullopt;
    trail_.resize(mark);
  }
  const std::vector<std::optional<SymbolId>>& values() const { return values_; }
  std::vector<std::optional<SymbolId>> take_values() && { return std::move(values_); }

 private:
  std::vector<std::optional<SymbolId>> values_;
  std::vector<std::uint32_t> trail_;
};

/// The values of slots under bindings into `out`, or false when one is open.
template <typename Bindings>
bool ground_if_bound(std::span<const Slot> slots, const Bindings& bindings, std::vector<SymbolId>& out) {
  out.clear();
  for (const auto& slot : slots) {
    if (bindings.is_open(slot)) return false;
    out.push_back(bindings.value(slot));
  }
  return true;
}

/// Unifies an atom step's slots with a fact's arguments: a constant or a bound variable
/// must equal its argument, an open variable takes it. Bindings made before a mismatch
/// stay: callers overwrite (plan order) or undo (open bindings) them.
template <typename Bindings>
bool unify(std::span<const Slot> slots, std::span<const SymbolId> args, Bindings& bindings) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Slot& slot = slots[i];
    if (bindings.is_open(slot)) bindings.bind(slot.value, args[i]);
    else if (bindings.value(slot) != args[i]) return false;
  }
  return true;
}

/// The index key a step looks its facts up by under the bindings, or nullopt when an
/// indexed argument is open.
template <typename Bindings>
std::optional<std::uint64_t> step_key(const Step& step, const IndexSpec& index, const Bindings& bindings) {
  auto hash = key_seed(step.relation);
  for (const auto position : index.positions) {
    const Slot& slot = step.args[position];
    if (bindings.is_open(slot)) return std::nullopt;
    hash = mix_key(hash, bindings.value(slot));
  }
  return hash;
}

// ----- truth in a model ----------------------------------------------------------------

/// Whether a fact of this truth can match a positive atom in a model.
constexpr bool usable_in(Model model, base::Truth truth) { return model == Model::upper || truth == base::Truth::yes; }

/// Whether `not p` holds in a model for a fact p of this truth (no: not stored). The lower
/// model negates against the upper one (p in neither), the upper against the lower (p not
/// established).
constexpr bool absent_in(Model model, base::Truth truth) {
  return model == Model::lower ? truth == base::Truth::no : truth != base::Truth::yes;
}

// ----- candidates ----------------------------------------------------------------------

/// Walks the candidate facts of a positive step among the positions [begin, end) of its
/// relation's list: all of them in order (a scan), or those on one index chain, newest
/// first (their indexed arguments hash like the key; unify still compares them). Reads the
/// store's lists in place, not copies: facts added while it walks sit past `end`.
class StepCursor {
 public:
  static StepCursor scan(const std::vector<FactId>& facts, std::uint32_t begin, std::uint32_t end) {
    return StepCursor(facts, nullptr, begin, begin, end);
  }
  /// `head`: the chain's newest position + 1 (0: empty); `links`: per position, the one
  /// before it on its chain + 1, or 0.
  static StepCursor chain(const std::vector<FactId>& facts, const std::vector<std::uint32_t>& links,
                          std::uint32_t head, std::uint32_t begin, std::uint32_t end) {
    return StepCursor(facts, &links, head, begin, end);
  }

  /// The next candidate, or no_fact when none is left.
  FactId next() {
    if (links_ == nullptr) return at_ < end_ ? (*facts_)[at_++] : no_fact;
    while (at_ != 0) {
      const auto position = at_ - 1;
      at_ = (*links_)[position];
      if (position >= end_) continue;
      if (position < begin_) break;
      return (*facts_)[position];
    }
    at_ = 0;
    return no_fact;
  }

 private:
  StepCursor(const std::vector<FactId>& facts, const std::vector<std::uint32_t>* links, std::uint32_t at,
             std::uint32_t begin, std::uint32_t end)
      : facts_(&facts), links_(links), at_(at), begin_(begin), end_(end) {}

  const std::vector<FactId>* facts_;
  const std::vector<std::uint32_t>* links_;  ///< nullptr for a scan
  std::uint32_t at_;  ///< scan: the next position; chain: the next position + 1, 0 at the end
  std::uint32_t begin_;
  std::uint32_t end_;
};

}  // namespace cybernorms::infer
