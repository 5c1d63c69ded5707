// cybernorms: the command line. The only place that prints or exits.
#include <CLI/CLI.hpp>

#include <cstdio>

int main(int argc, char** argv) {
  CLI::App app{"cybernorms: which obligations of international law a cyber operation may implicate, and why"};
  app.require_subcommand(1);
  app.add_subcommand("check", "Check rule files");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  std::fputs("not implemented yet\n", stderr);
  return 1;
}
