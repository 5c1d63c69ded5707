#include "compile/compile.hpp"

#include <doctest/doctest.h>

using namespace cybernorms;

TEST_CASE("the project's own rule base checks without errors") {
  base::SourceSet sources;
  base::Diagnostics diagnostics;
  const auto result = compile::check_paths({std::filesystem::path(CYBERNORMS_SOURCE_DIR) / "rules"}, {}, sources, diagnostics);
  INFO(base::render_text(diagnostics, sources));
  CHECK(result.rules.has_value());
}
