#!/usr/bin/env bash
# Installs the Debian 12 packages cybernorms builds with. Idempotent: quiet and
# quick when everything is already present.
#   scripts/install-deps.sh          what the build and the tests need, but for a browser
#   scripts/install-deps.sh --fuzz   and clang with libFuzzer, for scripts/fuzz.sh
#   scripts/install-deps.sh --browser  and headless Chromium with Python, for the test
#                                      that opens HTML reports in a browser (scripts/test.sh)
set -euo pipefail

packages=(
  build-essential cmake
  libboost-dev            # Spirit X3 (header-only)
  nlohmann-json3-dev
  doctest-dev
  libfmt-dev
  libcli11-dev
  libcpp-httplib-dev pkg-config  # cybernorms serve (docs/serve.md)
  libbenchmark-dev        # benchmarks (built, not run by the tests)
  parallel                # GNU parallel: the test of sharded batch runs (docs/batch.md)
  python3 jq              # the joins of batch records in docs/batch.md, run by the doc-sample test
)
for option in "$@"; do
  case "$option" in
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;  # libFuzzer and the sanitizers' runtimes
    --browser) packages+=(chromium python3 fonts-dejavu-core) ;;  # tests/browser/, offline
    *) echo "install-deps.sh: unknown option $option (options: --fuzz, --browser)" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
