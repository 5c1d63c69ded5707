// Built only by the layering tests, never by default. A source of the infer module's
// level (it links cybernorms_infer) that reaches up into render: the build must refuse
// it, because render's headers are not on infer's include path.
#include "render/report_render.hpp"

int main() { return 0; }
