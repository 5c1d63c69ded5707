// The public renderers: thin doors onto the render module's table of formats.
#include <cybernorms/exercise.hpp>
#include <cybernorms/render.hpp>

#include "render/facts_text.hpp"
#include "render/formats.hpp"
#include "render/grade_render.hpp"

namespace cybernorms {

std::string render_report(const Report& report, const RenderOptions& options) {
  return render::report(report, options);
}

std::string render_diagnostics(const Diagnostics& diagnostics, const SourceSet& sources, const RenderOptions& options) {
  return render::diagnostics(diagnostics, sources, options);
}

std::string render_facts(const FactsReport& report) { return render::facts_report_to_text(report); }

std::string render_goal_answer(const GoalAnswer& answer) { return render::goal_answer_to_text(answer); }

std::string render_grade(const Grade& grade, const RenderOptions& options) {
  return options.format == Format::json ? render::grade_to_json(grade, options) : render::grade_to_text(grade, options);
}

}  // namespace cybernorms
