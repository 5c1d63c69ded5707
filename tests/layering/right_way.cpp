// Built only by the layering tests, never by default. The control for wrong_way.cpp: a
// source at infer's level including a module below it and a public value type, which
// must build, so that the failing builds fail for the reason tested and no other.
#include "compile/rule_set.hpp"
#include "infer/session.hpp"

#include <cybernorms/report.hpp>

int main() { return cybernorms::default_profile.empty() ? 1 : 0; }
