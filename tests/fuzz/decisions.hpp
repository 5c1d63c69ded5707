// The fuzzer's bytes read as a sequence of choices, so that a generator can turn any
// input into a well-formed one. Plain C++ (no libFuzzer header), so the replay build
// compiles it with any compiler. Once the bytes run out every choice is the first option
// and every chance fails, so a short input gives a small, simple result. Two readers may
// share one input, one from each end, so neither runs dry before the other has started.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace cybernorms::fuzz {

class Decisions {
 public:
  enum class From : std::uint8_t { front, back };

  explicit Decisions(std::span<const std::uint8_t> bytes, From from = From::front) : bytes_(bytes), from_(from) {}

  /// A number in [0, bound): one byte per choice (two when bound exceeds 256); 0 when
  /// bound is 0 or 1, which takes no byte.
  std::size_t below(std::size_t bound) {
    if (bound <= 1) return 0;
    std::size_t value = next_byte();
    if (bound > 256) value = value << 8 | next_byte();
    return value % bound;
  }

  /// A number in [low, high].
  std::size_t between(std::size_t low, std::size_t high) { return low + below(high - low + 1); }

  /// True with about `percent` in 100; false once the bytes run out.
  bool chance(unsigned percent) {
    if (exhausted()) return false;
    return next_byte() % 100 < percent;
  }

  /// One element of a non-empty list.
  template <typename T>
  const T& pick(const std::vector<T>& options) {
    return options[below(options.size())];
  }

  /// Puts the list in an order the bytes choose.
  template <typename T>
  void shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
  }

  bool exhausted() const { return position_ >= bytes_.size(); }

 private:
  std::uint8_t next_byte() {
    if (exhausted()) return 0;
    const std::size_t at = position_++;
    return bytes_[from_ == From::front ? at : bytes_.size() - 1 - at];
  }

  std::span<const std::uint8_t> bytes_;
  From from_;
  std::size_t position_ = 0;
};

}  // namespace cybernorms::fuzz
