#!/usr/bin/env python3
# Compact batch records as sentences, joined with the rule base's catalog (docs/batch.md):
#   cybernorms batch scenarios.jsonl | python3 examples/batch/join.py
import json, subprocess, sys

catalog = json.loads(subprocess.run(["cybernorms", "rules", "--format", "json"],
                                    capture_output=True, check=True, text=True).stdout)
titles = {p["id"]: p["title"] for p in catalog["principles"]}
relations = {r["name"]: r for r in catalog["relations"]}

def filled(text, relation, fact):
    for name, value in zip(relation["args"], fact["args"]):
        text = text.replace("{" + name + "}", value)
    return text

def words(fact):
    relation = relations[fact["relation"]]
    if relation["kind"] == "parameter":  # a question of law: the parameter's value
        return f'{relation["name"][1:]} = {fact["args"][0]} ({relation["doc"].rstrip(".")})'
    return filled(relation["doc"], relation, fact)

def asked(ask, record):
    """A question as reports ask it: its element and text, from its first fact."""
    fact = record["questions"][ask["facts"][0]]
    relation = relations[fact["relation"]]
    if relation["kind"] == "parameter":
        values = ", ".join(record["questions"][n]["args"][0] for n in ask["facts"])
        return f'law: which holds, {relation["name"][1:]} = {values}? ({relation["doc"].rstrip(".")})'
    if "question" not in relation:
        return f'{ask["element"]}: is it so that {words(fact)}?'
    return f'{ask["element"]}: {filled(relation["question"]["text"], relation, fact)}'

for line in sys.stdin:
    record = json.loads(line)
    if not record["ok"]:
        print(f'line {record["line"]}: rejected:', record["errors"][0]["message"])
        continue
    print(f'{record["scenario"]} ({record["profile"]}):')
    for finding in record["findings"]:
        roles = ", ".join(f"{role} {value}" for role, value in finding["roles"].items())
        print(f'  {titles[finding["principle"]]} ({roles}): {finding["level"]}')
        for hinges in finding.get("hinges", []):
            settled = [words(record["questions"][n]) for n in hinges.get("yes", [])]
            settled += ["not: " + words(record["questions"][n]) for n in hinges.get("no", [])]
            print("    if", "; and ".join(settled))
    for ask in record["asks"]:
        print("  asks", asked(ask, record))
