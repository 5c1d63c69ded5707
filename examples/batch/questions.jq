# Each open question of compact batch records, in words (docs/batch.md):
#   cybernorms rules --format json > catalog.json
#   cybernorms batch scenarios.jsonl | jq -r --slurpfile catalog catalog.json -f examples/batch/questions.jq
($catalog[0].relations | map({(.name): .}) | add) as $relations
| select(.ok) | .scenario as $scenario
| .questions | to_entries[] | .key as $n | .value as $q | $relations[$q.relation] as $r
| if $r.kind == "parameter" then "\($r.name | ltrimstr("$")) = \($q.args[0]) (a question of law: \($r.doc))"
  else reduce range($r.args | length) as $i ($r.doc; gsub("\\{" + $r.args[$i] + "\\}"; $q.args[$i])) end
| "\($scenario) question \($n): \(.)"
