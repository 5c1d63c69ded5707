#include <cybernorms/input.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace cybernorms {

namespace fs = std::filesystem;

namespace {

/// Closes a descriptor when it goes out of scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

InputText problem(ReadStatus status, std::string words) {
  InputText result;
  result.status = status;
  result.problem = std::move(words);
  return result;
}

std::string errno_words(int error) { return std::generic_category().message(error); }

std::optional<std::string> kind_in_words(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::regular:
    case fs::file_type::not_found:
    case fs::file_type::none: return std::nullopt;
    default: return "not a regular file";
  }
}

fs::file_type type_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return fs::file_type::regular;
  if (S_ISDIR(mode)) return fs::file_type::directory;
  if (S_ISFIFO(mode)) return fs::file_type::fifo;
  if (S_ISCHR(mode)) return fs::file_type::character;
  if (S_ISBLK(mode)) return fs::file_type::block;
  if (S_ISSOCK(mode)) return fs::file_type::socket;
  return fs::file_type::unknown;
}

/// Waits until a descriptor opened non-blocking by someone else (a shell may leave
/// standard input so) has data, instead of failing with EAGAIN.
bool wait_readable(int fd) {
  pollfd waiting{fd, POLLIN, 0};
  return ::poll(&waiting, 1, -1) >= 0 || errno == EINTR;
}

/// Reads until end of input or `limit` + 1 bytes, whichever comes first.
InputText read_up_to(int fd, std::size_t limit) {
  InputText result;
  std::array<char, 64 * 1024> chunk{};
  while (result.text.size() <= limit) {
    const std::size_t wanted = std::min(chunk.size(), limit + 1 - result.text.size());
    const ssize_t got = ::read(fd, chunk.data(), wanted);
    if (got == 0) break;
    if (got > 0) {
      result.text.append(chunk.data(), static_cast<std::size_t>(got));
    } else if (errno == EAGAIN && wait_readable(fd)) {
      continue;
    } else if (errno != EINTR) {
      return problem(ReadStatus::failed, "cannot be read: " + errno_words(errno));
    }
  }
  if (result.text.size() > limit) result.status = ReadStatus::too_large;
  return result;
}

}  // namespace

std::optional<std::string> non_file_kind(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error == std::errc::too_many_symbolic_link_levels) return "a symlink loop";
  return kind_in_words(status.type());
}

namespace {

/// "does not exist", or for a dangling symlink where it leads.
std::string missing_words(const fs::path& path) {
  std::error_code error;
  if (!fs::is_symlink(path, error)) return "does not exist";
  const fs::path target = fs::read_symlink(path, error);
  return error ? "is a symlink to nothing" : "is a symlink to '" + target.string() + "', which does not exist";
}

/// A descriptor open on a regular file, or why there is none.
struct Opened {
  int fd = -1;
  ReadStatus status = ReadStatus::ok;
  std::string problem;
  std::uintmax_t size = 0;  ///< the file's size when it was opened
};

Opened open_checked(const fs::path& path) {
  if (const auto kind = non_file_kind(path)) return {-1, ReadStatus::not_a_file, "is " + *kind + ", not a file"};
  // Non-blocking, so that a FIFO put in place of the file after the check cannot block
  // the open; fstat then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return {-1, ReadStatus::not_found, missing_words(path)};
  if (fd < 0) return {-1, ReadStatus::failed, "cannot be opened: " + errno_words(errno)};
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return {-1, ReadStatus::not_a_file,
            "is " + kind_in_words(type_of_mode(info.st_mode)).value_or("not a regular file") + ", not a file"};
  }
  return {fd, ReadStatus::ok, {}, static_cast<std::uintmax_t>(info.st_size)};
}

}  // namespace

int open_regular_file(const fs::path& path, std::string& problem) {
  Opened opened = open_checked(path);
  problem = std::move(opened.problem);
  return opened.fd;
}

InputText read_regular_file(const fs::path& path, std::size_t limit) {
  Opened opened = open_checked(path);
  const Descriptor fd(opened.fd);
  if (fd.get() < 0) return problem(opened.status, std::move(opened.problem));
  InputText result = read_up_to(fd.get(), limit);
  const std::uintmax_t expected = opened.size;
  if (result.status == ReadStatus::ok && result.text.size() < expected) {
    return problem(ReadStatus::failed, "was cut short: " + std::to_string(result.text.size()) + " of " +
                                           std::to_string(expected) + " bytes could be read");
  }
  // Files of /proc and the like say 0 bytes; only a size past the limit is worth naming.
  if (result.status == ReadStatus::too_large && expected > limit) result.size = expected;
  if (result.status == ReadStatus::ok) result.size = result.text.size();
  return result;
}

InputText read_descriptor(int descriptor, std::size_t limit) {
  InputText result = read_up_to(descriptor, limit);
  if (result.status == ReadStatus::ok) result.size = result.text.size();
  return result;
}

void report_too_large(Diagnostics& diagnostics, const std::string& document, std::optional<std::uintmax_t> size,
                      std::size_t limit) {
  if (size) {
    diagnostics.pointer_error("E407", document, "", "the document is {} bytes; at most {} are read", *size, limit);
  } else {
    diagnostics.pointer_error("E407", document, "", "the document is more than {} bytes; at most {} are read", limit,
                              limit);
  }
}

}  // namespace cybernorms
