#!/usr/bin/env bash
# Installs the Debian 12 packages cybernorms builds with. Idempotent: quiet and
# quick when everything is already present.
#   scripts/install-deps.sh          what the build and the tests need, but for a browser
#   scripts/install-deps.sh --fuzz   and clang with libFuzzer, for scripts/fuzz.sh
#   scripts/install-deps.sh --browser  and headless Chromium with Python, for the test
#                                      that opens HTML reports in a browser, and Node with
#                                      npm and playwright-core (tests/browser/package-lock.json)
#                                      for the test of the page of `cybernorms serve`
#                                      (scripts/test.sh; docs/web-page.md)
set -euo pipefail

packages=(
  build-essential cmake
  libboost-dev            # Spirit X3 (header-only)
  nlohmann-json3-dev
  libsimdjson-dev         # the scenario reader's parser (docs/architecture.md, "Reading JSON")
  doctest-dev
  libfmt-dev
  libcli11-dev
  libcpp-httplib-dev pkg-config  # cybernorms serve (docs/serve.md)
  libmimalloc-dev               # the allocator the program links (CYBERNORMS_MIMALLOC)
  libbenchmark-dev        # benchmarks (built, not run by the tests)
  parallel                # GNU parallel: the test of sharded batch runs (docs/batch.md)
  python3 jq              # the joins of batch records in docs/batch.md, run by the doc-sample test
)
browser=0
for option in "$@"; do
  case "$option" in
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;  # libFuzzer and the sanitizers' runtimes
    --browser)
      browser=1
      packages+=(chromium python3 fonts-dejavu-core)  # tests/browser/, offline
      # Node and npm drive Chromium for the page's test. A Node from elsewhere (one that
      # brings its own npm) is kept: only what is missing is installed.
      command -v node >/dev/null 2>&1 || packages+=(nodejs)
      command -v npm >/dev/null 2>&1 || packages+=(npm)
      ;;
    *) echo "install-deps.sh: unknown option $option (options: --fuzz, --browser)" >&2; exit 2 ;;
  esac
done

# playwright-core as tests/browser/package-lock.json pins it, in tests/browser/node_modules
# (not in the repository): installed when missing or older than the lock. It downloads no
# browser; the test uses Debian's chromium.
install_node_modules() {
  local folder
  folder="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  if [ -f "$folder/node_modules/playwright-core/package.json" ] &&
     [ "$folder/node_modules/.package-lock.json" -nt "$folder/package-lock.json" ]; then
    return 0
  fi
  echo "installing: playwright-core (npm ci in tests/browser)"
  npm ci --prefix "$folder" --no-audit --no-fund --loglevel=error >/dev/null
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "$browser" -eq 1 ] && install_node_modules
exit 0
