// Reading input with its size bounded while reading: rule files, scenarios and facts
// files are read up to their limit and no further, whatever the path names (a huge
// file, a device such as /dev/zero, a pipe that never ends), so no input can exhaust
// memory before the limits apply. Implemented in base; every module may use it.
#pragma once
#include <cybernorms/diagnostics.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace cybernorms {

/// The largest scenario or facts file read, in bytes (E407 past it), unless the caller
/// sets another limit (EvaluateOptions::max_input_bytes, `eval --max-input-bytes`); also
/// the longest line `batch` reads, and its default.
inline constexpr std::size_t max_input_bytes = 8u << 20;

/// The most EvaluateOptions::max_input_bytes (`eval --max-input-bytes`) may be set to:
/// 1 GiB. Reading, validating and evaluating grow linearly with the input, in time and
/// in memory (about 25 bytes held per byte of scenario), and a scenario stays within
/// 1,000,000 facts whatever its size.
inline constexpr std::size_t max_settable_input_bytes = std::size_t{1} << 30;

/// How a bounded read ended.
enum class ReadStatus : std::uint8_t {
  ok,          ///< all of the input is in `text`
  too_large,   ///< the input has more than `limit` bytes; `text` holds the first `limit` + 1
  not_found,   ///< nothing at the path
  not_a_file,  ///< the path names a folder, a FIFO, a device, a socket or a symlink loop
  failed,      ///< it could not be opened or read (permissions, an I/O error, a truncated file)
};

struct InputText {
  ReadStatus status = ReadStatus::ok;
  std::string text;
  std::optional<std::uintmax_t> size;  ///< the whole input's size, when known (a regular file)
  std::string problem;                 ///< what went wrong, in words: "is a folder", "I/O error: ..."
};

/// What a path names, in words for messages ("a folder", "a FIFO", "a character device",
/// "a symlink loop", ...); nullopt when it is a regular file (or a link to one) or does
/// not exist.
std::optional<std::string> non_file_kind(const std::filesystem::path& path);

/// Opens a regular file (or a link to one) for reading and returns its descriptor, which
/// the caller closes; anything else is refused (-1, with `problem` saying what the path
/// names) without being opened for reading, so a FIFO cannot block and a device cannot
/// stream forever.
int open_regular_file(const std::filesystem::path& path, std::string& problem);

/// Reads a regular file (or a link to one) up to `limit` + 1 bytes. Anything else is
/// refused without being opened for reading, so a FIFO cannot block and a device cannot
/// stream forever.
InputText read_regular_file(const std::filesystem::path& path, std::size_t limit);

/// Reads an open descriptor (standard input: a file, a pipe, a terminal) up to
/// `limit` + 1 bytes.
InputText read_descriptor(int descriptor, std::size_t limit);

/// E407 for a document over the size limit, naming its size when it is known (a regular
/// file, a line counted while it was skipped) and "more than the limit" otherwise.
void report_too_large(Diagnostics& diagnostics, const std::string& document, std::optional<std::uintmax_t> size,
                      std::size_t limit);

}  // namespace cybernorms
