// The documentation's examples say what the parser does: rule-language examples parse,
// and each E1xx trigger in docs/diagnostics.md yields the error shown under it.
#include "dsl/parse.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace cybernorms;
using namespace cybernorms::dsl;

namespace {

struct CodeBlock {
  std::string language;
  std::string text;
};

/// The fenced code blocks of a Markdown text, in order.
std::vector<CodeBlock> code_blocks(const std::string& markdown) {
  std::vector<CodeBlock> blocks;
  std::istringstream lines(markdown);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("```")) {
      if (!inside) blocks.push_back({line.substr(3), {}});
      inside = !inside;
    } else if (inside) {
      blocks.back().text += line + "\n";
    }
  }
  return blocks;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The part of `markdown` from the heading `title` to the next heading of the same level.
std::string section(const std::string& markdown, const std::string& title) {
  const std::size_t start = markdown.find("\n" + title + "\n");
  if (start == std::string::npos) return {};
  const std::size_t end = markdown.find("\n## ", start + 1);
  return markdown.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct Parsed {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  ast::RuleFile file;
};

Parsed parse_text(const std::string& name, const std::string& text) {
  Parsed parsed;
  const base::FileId id = parsed.sources.add(name, text);
  parsed.file = parse(parsed.sources, id, parsed.diagnostics);
  return parsed;
}

}  // namespace

TEST_CASE("every complete example in the rule-language documentation parses") {
  const auto blocks = code_blocks(read_file(CYBERNORMS_SOURCE_DIR "/docs/rule-language.md"));
  std::size_t examples = 0;
  for (const CodeBlock& block : blocks) {
    if (!block.language.empty() || block.text.find("HEAD(ARGS)") != std::string::npos) continue;
    CAPTURE(block.text);
    const Parsed parsed = parse_text("example.cnr", block.text);
    CHECK(parsed.diagnostics.all().empty());
    CHECK_FALSE(parsed.file.items.empty());
    ++examples;
  }
  CHECK(examples >= 10);
}

TEST_CASE("each E1xx trigger in the diagnostics documentation yields the error shown under it") {
  const auto blocks = code_blocks(section(read_file(CYBERNORMS_SOURCE_DIR "/docs/diagnostics.md"), "## E1xx syntax"));
  std::size_t pairs = 0;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    if (!blocks[i].text.starts_with("a.cnr:")) continue;
    const std::string expected = blocks[i].text.substr(0, blocks[i].text.find('\n'));
    CAPTURE(expected);
    const Parsed parsed = parse_text("a.cnr", blocks[i - 1].text);
    REQUIRE_FALSE(parsed.diagnostics.all().empty());
    const std::string rendered = base::render_text(parsed.diagnostics.all().front(), parsed.sources);
    CHECK(rendered.substr(0, rendered.find('\n')) == expected);
    ++pairs;
  }
  CHECK(pairs >= 6);
}
