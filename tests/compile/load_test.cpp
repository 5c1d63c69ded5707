// Loading rule files from disk: folders, includes, each file once, cycles and missing files.
#include "compile/load.hpp"
#include "compile_fixture.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

namespace fs = std::filesystem;
using namespace cybernorms;
using Lines = std::vector<std::string>;

namespace {

/// A fresh folder of its own for one test, removed afterwards.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name)
      : path_(fs::temp_directory_path() / fmt::format("cybernorms-compile-{}-{}", ::getpid(), name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  fs::path write(const std::string& relative, const std::string& text) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct Loaded {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  std::vector<dsl::ast::RuleFile> files;
  /// The loaded files' names relative to `root`, in load order.
  Lines names(const fs::path& root) const {
    Lines out;
    for (const auto& file : files) {
      out.push_back(fs::path(sources.file(file.file).name()).lexically_relative(root).generic_string());
    }
    return out;
  }
};

Loaded load(const std::vector<fs::path>& paths) {
  Loaded out;
  out.files = compile::load_rule_files(paths, out.sources, out.diagnostics);
  out.diagnostics.sort();
  return out;
}

}  // namespace

TEST_CASE("a folder loads every rule file below it in order of path, and nothing else") {
  const TempFolder folder("folder");
  folder.write("b.cnr", "type b = { one }\n");
  folder.write("a.cnr", "type a = { one }\n");
  folder.write("sub/c.cnr", "type c = { one }\n");
  folder.write("notes.txt", "not a rule file\n");
  const Loaded loaded = load({folder.path()});
  CHECK(loaded.names(folder.path()) == Lines{"a.cnr", "b.cnr", "sub/c.cnr"});
  CHECK(loaded.diagnostics.all().empty());
}

TEST_CASE("an include is found next to the including file and loaded right after it, once") {
  const TempFolder folder("include");
  folder.write("main.cnr", "include \"lib/vocabulary.cnr\"\ninclude \"lib/vocabulary.cnr\"\ntype main = { one }\n");
  folder.write("lib/vocabulary.cnr", "include \"../shared.cnr\"\ntype vocabulary = { one }\n");
  folder.write("shared.cnr", "type shared = { one }\n");
  const Loaded loaded = load({folder.path() / "main.cnr", folder.path() / "shared.cnr"});
  CHECK(loaded.names(folder.path()) == Lines{"main.cnr", "lib/vocabulary.cnr", "shared.cnr"});
  CHECK(loaded.diagnostics.all().empty());
}

TEST_CASE("a missing path is reported without a place") {
  const TempFolder folder("missing");
  const Loaded loaded = load({folder.path() / "absent.cnr"});
  CHECK(loaded.files.empty());
  CHECK(testing::lines(loaded.diagnostics) ==
        Lines{fmt::format("error[E221] no rule file or folder '{}'", (folder.path() / "absent.cnr").generic_string())});
}

TEST_CASE("a missing include is reported at the include, saying where it was looked for") {
  const TempFolder folder("missing-include");
  const fs::path main = folder.write("main.cnr", "type a = { one }\n  include \"gone.cnr\"\n");
  const Loaded loaded = load({main});
  CHECK(testing::lines(loaded.diagnostics) == Lines{"2:3 error[E221] included file 'gone.cnr' not found"});
  REQUIRE(loaded.diagnostics.all().size() == 1);
  CHECK(loaded.diagnostics.all()[0].notes == Lines{"looked for " + (folder.path() / "gone.cnr").generic_string()});
}

TEST_CASE("an include cycle is reported once, naming every file on it") {
  const TempFolder folder("cycle");
  folder.write("a.cnr", "include \"b.cnr\"\n");
  folder.write("b.cnr", "include \"c.cnr\"\n");
  folder.write("c.cnr", "type c = { one }\ninclude \"a.cnr\"\n");
  const Loaded loaded = load({folder.path()});
  CHECK(loaded.names(folder.path()) == Lines{"a.cnr", "b.cnr", "c.cnr"});
  REQUIRE(loaded.diagnostics.all().size() == 1);
  const base::Diagnostic& diagnostic = loaded.diagnostics.all()[0];
  CHECK(diagnostic.code == "E220");
  CHECK(diagnostic.message == "include cycle: a.cnr -> b.cnr -> c.cnr -> a.cnr");
  CHECK(loaded.sources.file(diagnostic.span.file).name() == (folder.path() / "c.cnr").generic_string());
  CHECK(diagnostic.span.line == 2);
}

TEST_CASE("includes nested deeper than the limit stop with an error") {
  const TempFolder folder("deep");
  const std::size_t chain = compile::max_include_depth + 5;
  for (std::size_t i = 0; i < chain; ++i) folder.write(fmt::format("f{}.cnr", i), fmt::format("include \"f{}.cnr\"\n", i + 1));
  const Loaded loaded = load({folder.path() / "f0.cnr"});
  CHECK(loaded.files.size() == compile::max_include_depth);
  CHECK(testing::lines(loaded.diagnostics, base::Severity::note, &loaded.sources) ==
        Lines{fmt::format("f{}.cnr:1:1 error[E222] includes nested more than 64 deep", compile::max_include_depth - 1)});
}

TEST_CASE("an include of a folder, a FIFO or a device says what it names instead of 'not found'") {
  const TempFolder folder("not-a-file");
  fs::create_directories(folder.path() / "lib");
  REQUIRE(::mkfifo((folder.path() / "pipe.cnr").c_str(), 0600) == 0);
  const fs::path main = folder.write("main.cnr", "include \"lib\"\ninclude \"pipe.cnr\"\ninclude \"/dev/null\"\n");
  const Loaded loaded = load({main});
  CHECK(testing::lines(loaded.diagnostics) ==
        Lines{"1:1 error[E223] included path 'lib' is a folder, not a rule file",
              "2:1 error[E223] included path 'pipe.cnr' is a FIFO, not a rule file",
              "3:1 error[E223] included path '/dev/null' is a character device, not a rule file"});
  REQUIRE(loaded.diagnostics.all().size() == 3);
  CHECK(loaded.diagnostics.all()[0].notes == Lines{"looked at " + (folder.path() / "lib").generic_string()});
}

TEST_CASE("a rule path that is a FIFO or a device is refused without being opened, saying what it is") {
  const TempFolder folder("fifo-path");
  const fs::path pipe = folder.path() / "rules.cnr";
  REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
  const Loaded loaded = load({pipe, "/dev/zero"});
  CHECK(loaded.files.empty());
  CHECK(testing::lines(loaded.diagnostics) ==
        Lines{fmt::format("error[E223] '{}' is a FIFO, not a rule file or folder", pipe.generic_string()),
              "error[E223] '/dev/zero' is a character device, not a rule file or folder"});
}

TEST_CASE("a rule file that cannot be read is an error naming it, not an empty file") {
  // /proc/self/mem is a regular file whose first page cannot be read.
  const Loaded loaded = load({"/proc/self/mem"});
  CHECK(loaded.files.empty());
  CHECK(testing::lines(loaded.diagnostics) ==
        Lines{"error[E224] rule file '/proc/self/mem' cannot be read: Input/output error"});
}

TEST_CASE("symlink loops in a rule folder are reported with their path, and the rest still loads") {
  const TempFolder folder("symlink-loop");
  folder.write("a.cnr", "type a = { one }\n");
  folder.write("sub/b.cnr", "type b = { one }\n");
  fs::create_symlink("self.cnr", folder.path() / "self.cnr");
  fs::create_symlink("ping", folder.path() / "pong");
  fs::create_symlink("pong", folder.path() / "ping");
  fs::create_directory_symlink("..", folder.path() / "sub" / "up");
  fs::create_directory_symlink(folder.path() / "sub", folder.path() / "elsewhere");  // not a loop: not reported
  const Loaded loaded = load({folder.path()});
  CHECK(loaded.names(folder.path()) == Lines{"a.cnr", "sub/b.cnr"});
  const std::string root = fs::canonical(folder.path()).generic_string();
  Lines expected{
      fmt::format("warning[W006] symlink loop skipped: '{}' leads back to itself", (folder.path() / "ping").generic_string()),
      fmt::format("warning[W006] symlink loop skipped: '{}' leads back to itself", (folder.path() / "pong").generic_string()),
      fmt::format("warning[W006] symlink loop skipped: '{}' leads back to itself",
                  (folder.path() / "self.cnr").generic_string()),
      fmt::format("warning[W006] symlink loop skipped: '{}' leads back to '{}', a folder that holds it",
                  (folder.path() / "sub" / "up").generic_string(), root)};
  Lines found = testing::lines(loaded.diagnostics);
  std::sort(found.begin(), found.end());
  CHECK(found == expected);
}

TEST_CASE("checking paths loads, checks and lowers, with diagnostics sorted by place") {
  const TempFolder folder("check");
  folder.write("rules.cnr", R"(include "vocabulary.cnr"
rule harm.x {
  conclude harm(A)
  when hostle(A)
  because "{A}"
}
)");
  folder.write("vocabulary.cnr", R"(entity state from states
relation hostile(s: state) from states.hostile
principle harm(a: state) {
  title "Harm"
}
)");
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const auto result = compile::check_paths({folder.path() / "rules.cnr"}, {}, sources, diagnostics);
  CHECK(result.files.size() == 2);
  CHECK_FALSE(result.rules.has_value());
  CHECK(testing::lines(diagnostics, base::Severity::note, &sources) ==
        Lines{"2:6 warning[W003] rule 'harm.x' has no citation", "4:8 error[E201] unknown relation 'hostle'",
              "vocabulary.cnr:2:10 warning[W001] relation 'hostile' is read from scenarios (states.hostile) but no rule uses it",
              "vocabulary.cnr:3:11 error[E304] principle 'harm' has no citation"});
}
