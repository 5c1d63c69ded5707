#!/usr/bin/env bash
# Lists every #include of the engine, the command line, the examples and the benchmarks
# against the allowed graph (docs/architecture.md, "Modules"): a module includes only
# itself, the modules below it and the public value types; serve (the web server) sits
# on the public headers, the command line includes them and serve, and examples and
# bench include only the public headers. Prints each include that breaks the order and exits 1
# if there is one.
#   tests/layering/check_includes.sh [PROJECT_DIR]
set -uo pipefail
project=${1:-$(dirname "$0")/../..}
cd "$project" || exit 2

# Each module with the modules it may include (itself and everything below it).
declare -A allowed=(
  [base]="base"
  [dsl]="dsl base"
  [compile]="compile dsl base"
  [scenario]="scenario compile dsl base"
  [infer]="infer compile dsl base"
  [explain]="explain infer compile dsl base"
  [render]="render explain infer compile dsl base"
  [api]="api render scenario explain infer compile dsl base"
  [serve]="serve"
  [cli]="cli serve"
)
value_types="diagnostics.hpp report.hpp format.hpp input.hpp what_if.hpp words.hpp exercise.hpp"
facade="cybernorms.hpp batch.hpp render.hpp"

broken=0
checked=0
complain() {
  echo "$1: $2"
  broken=$((broken + 1))
}

check_file() {
  local file=$1 module=$2
  local line header target
  while IFS= read -r line; do
    checked=$((checked + 1))
    header=${line#*#include }
    case $header in
      \<cybernorms/*\>)
        target=${header#<cybernorms/}; target=${target%>}
        if [ "$module" = public ]; then :
        elif [[ " $value_types " == *" $target "* ]]; then :
        elif [[ " $facade " == *" $target "* ]]; then
          case $module in api|serve|cli|outside) ;; *) complain "$file" "$module includes the facade <cybernorms/$target>" ;; esac
        else complain "$file" "no public header <cybernorms/$target>"
        fi ;;
      \"*\")
        target=${header#\"}; target=${target%\"}
        case $target in
          ../*|*/../*) complain "$file" "relative include \"$target\" goes around the include roots" ; continue ;;
        esac
        local included=${target%%/*}
        if [ "$module" = public ] || [ "$module" = outside ]; then
          complain "$file" "$module code includes the internal header \"$target\""
        elif [[ " ${allowed[$module]} " != *" $included "* ]]; then
          complain "$file" "$module includes \"$target\" ($included is not below $module)"
        fi ;;
    esac
  done < <(grep -E '^[[:space:]]*#[[:space:]]*include[[:space:]]' "$file" | sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+/#include /')
}

for module in "${!allowed[@]}"; do
  for file in engine/"$module"/*.cpp engine/"$module"/*.hpp; do
    [ -e "$file" ] && check_file "$file" "$module"
  done
done
for file in engine/include/cybernorms/*.hpp; do
  name=$(basename "$file")
  check_file "$file" public
  if [[ " $value_types " == *" $name "* ]] && grep -Eq "#include <cybernorms/($(echo $facade | tr ' ' '|'))>" "$file"; then
    complain "$file" "a value-type header includes the facade"
  fi
done
while IFS= read -r file; do
  check_file "$file" outside
done < <(find examples bench -name '*.cpp' -o -name '*.hpp' | sort)

echo "$checked includes checked, $broken against the order"
[ "$broken" -eq 0 ]
