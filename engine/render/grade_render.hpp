// A graded answer (cybernorms/exercise.hpp) as text or JSON (docs/grading.md).
#pragma once
#include <cybernorms/exercise.hpp>
#include <cybernorms/format.hpp>

#include <string>

namespace cybernorms::render {

std::string grade_to_text(const Grade& grade, const RenderOptions& options);
std::string grade_to_json(const Grade& grade, const RenderOptions& options);

}  // namespace cybernorms::render
