// Built only by the layering tests, never by default. Library code outside the engine
// (it links cybernorms::engine, as cli, examples and bench do) that reaches past the
// public headers: the build must refuse it.
#include "infer/session.hpp"

int main() { return 0; }
