// Loading rule files from disk: folders, includes, each file once, cycles and missing files.
#include "compile/load.hpp"
#include "compile_fixture.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

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
