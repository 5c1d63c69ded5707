// Verifying headings and quotes against the source documents themselves.
#include "compile/verify_sources.hpp"
#include "compile_fixture.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace cybernorms;
using Lines = std::vector<std::string>;

namespace {

/// A sources folder holding one document, removed afterwards.
class SourcesFolder {
 public:
  SourcesFolder(const std::string& name, const std::string& document)
      : path_(fs::temp_directory_path() / fmt::format("cybernorms-verify-{}-{}", ::getpid(), name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
    std::ofstream(path_ / "doc.txt") << document;
  }
  ~SourcesFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  SourcesFolder(const SourcesFolder&) = delete;
  SourcesFolder& operator=(const SourcesFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

const std::string document = R"(Sovereignty in Cyberspace

The Concept of Sovereignty in Cyberspace

  II. Obligations

  ·Non-infringement of the sovereignty of other countries. No country shall without permission
   access the cyberinfrastructure of another country.

  ·Non-interference in other countries’ internal affairs. No country shall interfere in “internal affairs”.
)";

Lines verify(const std::string& text, const std::optional<fs::path>& dir) {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const base::FileId id = sources.add("test.cnr", text);
  const auto file = dsl::parse(sources, id, diagnostics);
  compile::verify_sources({file}, sources, dir, diagnostics);
  diagnostics.sort();
  return testing::lines(diagnostics);
}

std::string source_with(const std::string& headings) {
  return "source sov3 \"Sovereignty in Cyberspace\" {\n  file \"doc.txt\"\n" + headings + "}\n";
}

std::string citing(const std::string& quote) {
  return "principle p(a: state) {\n  title \"P\"\n  cite sov3 section \"The Concept of Sovereignty in Cyberspace\" quote \"" +
         quote + "\"\n}\n";
}

}  // namespace

TEST_CASE("folding text joins white space runs and turns typographic quotes into ASCII") {
  CHECK(compile::fold_text("  a \n\t b  ") == "a b");
  CHECK(compile::fold_text("countries\u2019 \u201Cinternal\u201D \u2018x\u2019") == "countries' \"internal\" 'x'");
  CHECK(compile::fold_text("") == "");
  CHECK(compile::fold_text("II.\u00A0Obligations\u3000and\u202Fmore") == "II. Obligations and more");
}

TEST_CASE("headings whose parts start lines in order, after a bullet, verify cleanly") {
  const SourcesFolder folder("headings", document);
  const std::string text = source_with(
      "  heading \"The Concept of Sovereignty in Cyberspace / II. Obligations / Non-infringement of the sovereignty of "
      "other countries\"\n");
  CHECK(verify(text, folder.path()).empty());
}

TEST_CASE("a heading part the document lacks, or has only earlier, is reported") {
  const SourcesFolder folder("bad-headings", document);
  const std::string text = source_with(
      "  heading \"The Concept of Sovereignty in Cyberspace / III. Legal Status\"\n"
      "  heading \"II. Obligations / The Concept of Sovereignty in Cyberspace\"\n");
  CHECK(verify(text, folder.path()) ==
        Lines{"3:12 error[E230] heading \"III. Legal Status\" starts no line of doc.txt",
              "4:12 error[E230] heading \"The Concept of Sovereignty in Cyberspace\" starts no line of doc.txt after "
              "\"II. Obligations\""});
}

TEST_CASE("a quote matches across line breaks and typographic quotes") {
  const SourcesFolder folder("quotes", document);
  const std::string text =
      source_with("") + citing("No country shall without permission access the cyberinfrastructure") +
      citing("other countries' internal affairs. No country shall interfere in \\\"internal affairs\\\"");
  CHECK(verify(text, folder.path()).empty());
}

TEST_CASE("a quote not in the document says how much of it the document has") {
  const SourcesFolder folder("bad-quote", document);
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const base::FileId id = sources.add("test.cnr", source_with("") + citing("No country shall without consent access"));
  compile::verify_sources({dsl::parse(sources, id, diagnostics)}, sources, folder.path(), diagnostics);
  REQUIRE(diagnostics.all().size() == 1);
  CHECK(testing::one_line(diagnostics.all()[0]) == "6:71 error[E231] quote not found word for word in doc.txt");
  CHECK(diagnostics.all()[0].notes == Lines{"the document has \"No country shall without\" but not what follows"});
}

TEST_CASE("sources not at hand give one note, and no error") {
  const std::string text = source_with("  heading \"Nowhere\"\n") + citing("not there") +
                           "source other \"Other\" {\n  file \"other.txt\"\n}\n";
  const Lines expected{"note[N001] quotes were not verified: sources not at hand (use --sources DIR)"};
  SUBCASE("no folder given") { CHECK(verify(text, std::nullopt) == expected); }
  SUBCASE("a folder without the documents") {
    const SourcesFolder folder("elsewhere", document);
    fs::remove(folder.path() / "doc.txt");
    CHECK(verify(text, folder.path()) == expected);
  }
}

TEST_CASE("a public source known only by url is never verified and needs no note") {
  const std::string text = "source tallinn \"Tallinn Manual\" {\n  url \"https://example.org\"\n  heading \"Rule 4\"\n}\n"
                           "principle p(a: state) {\n  title \"P\"\n  cite tallinn section \"Rule 4\" quote \"anything\"\n}\n";
  CHECK(verify(text, std::nullopt).empty());
}

TEST_CASE("the project's rule base verifies against the source documents when they are at hand") {
  const fs::path seeds = fs::path(CYBERNORMS_SOURCE_DIR) / ".." / "shared" / "seeds";
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const std::optional<fs::path> dir = fs::is_directory(seeds) ? std::optional(seeds) : std::nullopt;
  const auto result = compile::check_paths({fs::path(CYBERNORMS_SOURCE_DIR) / "rules"}, {dir}, sources, diagnostics);
  INFO(base::render_text(diagnostics, sources));
  CHECK(result.rules.has_value());
  CHECK(diagnostics.error_count() == 0);
}
