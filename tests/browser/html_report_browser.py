#!/usr/bin/env python3
"""The HTML reports of bundled scenarios, opened in a real browser.

For each page: `cybernorms eval ... --format html` writes it, headless Chromium loads it
from a file:// address, dumps the DOM it parsed and takes a screenshot (WORK_DIR/*.png),
and the DOM is checked against what `--format json` says of the same evaluation: the
title, a heading per finding with its level in words, the hinges, a <details> per proof,
the citations' quotes, why-not per principle not implicated, the assumptions made, the
comparison table with the parameters that make profiles differ, the what-if table
(`cybernorms whatif`), and no address anywhere that would load something from elsewhere. Elements a broken page
would misplace (a finding inside another, a row outside its table) fail the test.

    html_report_browser.py CYBERNORMS SCENARIOS_DIR WORK_DIR

Chromium is looked up as $CYBERNORMS_CHROMIUM, `chromium` or `chromium-browser`; without
it the test exits 77, which CTest reports as skipped. scripts/install-deps.sh --browser
installs Debian's `chromium`.
"""
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

SKIP = 77
BROWSER_SECONDS = 60  # one page, load and screenshot; never hang CI
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
LEVEL_WORDS = {"implicated": "implicated", "possible": "possible", "not_implicated": "not implicated"}
LEVEL_CLASSES = {"implicated": "implicated", "possible": "possible", "not_implicated": "not-implicated"}
# Attributes that make a browser fetch or go somewhere.
ADDRESS_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background", "xlink:href"}


def words(text):
    """Text with its runs of white space as one space, as a reader sees it."""
    return " ".join(text.split())


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def words(self):
        return words(self.text())

    def elements(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()

    def find_all(self, tag, cls=None):
        return [e for e in self.elements() if e.tag == tag and (cls is None or cls in e.classes())]

    def kids(self, tag, cls=None):
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag and (cls is None or cls in c.classes())]

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class TreeBuilder(HTMLParser):
    """The DOM as Chromium serialised it: every element it kept, nested as it parsed them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


class Checks:
    def __init__(self, page):
        self.page, self.failures = page, []

    def that(self, condition, message):
        if not condition:
            self.failures.append(f"{self.page}: {message}")
        return condition


def find_chromium():
    for name in (os.environ.get("CYBERNORMS_CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def run_cybernorms(cybernorms, args, command="eval"):
    done = subprocess.run([cybernorms, command, *args], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"cybernorms {command} {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def open_in_browser(chromium, html_path, png_path, profile_dir):
    """The DOM Chromium parsed from the page, and its screenshot written to png_path."""
    command = [chromium, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", "--disable-default-apps", "--no-pings", "--hide-scrollbars",
               "--disable-dev-shm-usage", f"--user-data-dir={profile_dir}", "--window-size=1200,1600",
               f"--screenshot={png_path}", "--dump-dom", "file://" + os.path.abspath(html_path)]
    if os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        dom, errors = process.communicate(timeout=BROWSER_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # Chromium and the processes it started
        process.communicate()
        raise RuntimeError(f"chromium did not finish {html_path} within {BROWSER_SECONDS} s")
    if process.returncode != 0 or not dom.strip():
        raise RuntimeError(f"chromium exited {process.returncode} on {html_path}: {errors[-2000:]}")
    return dom


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def check_page_frame(check, root, title):
    """What every page has: one title, one h1, main, the legend, nothing loaded from elsewhere."""
    titles = root.find_all("title")
    check.that(len(titles) == 1 and titles[0].words() == title,
               f"title is {[t.words() for t in titles]}, expected {title!r}")
    check.that(len(root.find_all("h1")) == 1, "a page has one h1")
    mains = root.find_all("main")
    check.that(len(mains) == 1 and mains[0].parent.tag == "body", "main is a child of body")
    check.that(len(root.find_all("footer")) == 1, "the legend of levels is in a footer")
    for element in root.elements():
        for name, value in element.attrs.items():
            if name in ADDRESS_ATTRIBUTES:
                check.that((value or "").startswith("#"), f"{element.tag} has {name}={value!r}: an address")
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base"):
        check.that(not root.find_all(tag), f"the page has a <{tag}>")
    styles = root.find_all("style")
    check.that(len(styles) == 1 and "@import" not in styles[0].text() and "url(" not in styles[0].text(),
               "one inline style sheet that imports nothing")


def check_finding(check, article, finding, full, questions):
    label = f"finding {finding['principle']} {finding['roles']}"
    headings = article.kids("h3")
    if not check.that(len(headings) == 1, f"{label}: one h3 heading"):
        return
    heading = headings[0]
    level = finding["level"]
    badges = heading.find_all("span", "level")
    check.that(len(badges) == 1 and badges[0].words() == LEVEL_WORDS[level] and LEVEL_CLASSES[level] in badges[0].classes(),
               f"{label}: the heading's level reads {[b.words() for b in badges]}, expected {LEVEL_WORDS[level]!r}")
    wanted = words(f"{LEVEL_WORDS[level]} {finding['title']} {finding['principle']}")
    check.that(heading.words() == wanted, f"{label}: heading reads {heading.words()[:200]!r}, expected {wanted!r}")
    # What follows the heading is beside it in the article, not inside it.
    roles = article.kids("dl", "roles")
    check.that(len(roles) == 1 and all(name in roles[0].words() and value in roles[0].words()
                                       for name, value in finding["roles"].items()), f"{label}: roles")
    hinges = article.kids("div", "hinges")
    if finding["hinges"]["routes"]:
        if check.that(len(hinges) == 1, f"{label}: a possible finding shows its hinges"):
            items = hinges[0].find_all("li")
            check.that(len(items) == len(finding["hinges"]["routes"]), f"{label}: one list item per way")
            for item, route in zip(items, finding["hinges"]["routes"]):
                for answer in route:
                    question = questions[answer["question"]]["text"]
                    check.that(words(question) in item.words(),
                               f"{label}: question {question!r} not in {item.words()!r}")
                    check.that(words(answer["text"]) in item.words(),
                               f"{label}: answer {answer['text']!r} not in {item.words()!r}")
            if finding["hinges"]["truncated"]:
                check.that("more way" in hinges[0].words(), f"{label}: a cut list says so")
    else:
        check.that(not hinges, f"{label}: an implicated finding shows no hinges")
    citations = article.kids("div", "citations")
    check.that(len(citations) == 1, f"{label}: the citations beside the heading")
    quotes = [q.words() for q in article.find_all("blockquote")]
    for citation in finding["citations"]:
        check.that(words(citation["quote"]) in quotes, f"{label}: quote {citation['quote']!r} not shown")
        captions = [c.words() for c in article.find_all("figcaption")]
        check.that(any(citation["source"] in c and words(citation["section"]) in c for c in captions),
                   f"{label}: citation of {citation['source']} without its section")
    proofs = article.kids("details", "proof")
    expected = (1 + len(finding.get("other_proofs", []))) if full else 0
    check.that(len(proofs) == expected, f"{label}: {len(proofs)} <details> proofs, expected {expected}")
    for proof in proofs:
        summaries = proof.kids("summary")
        check.that(len(summaries) == 1, f"{label}: a proof has a summary to open it by")
        facts = proof.find_all("span", "fact")
        check.that(facts and words(finding["proof"]["fact"]["text"]) in facts[0].words(),
                   f"{label}: the proof starts at the finding's fact")


def check_report(check, root, report, full):
    check_page_frame(check, root, f"Scenario {report['scenario']} under profile {report['profile']}")
    check.that(report["scenario"] in root.find_all("h1")[0].words() if root.find_all("h1") else False,
               "the h1 names the scenario")
    sections = root.find_all("section", "findings")
    if not check.that(len(sections) == 1 and sections[0].parent.tag == "main", "one findings section in main"):
        return
    articles = root.find_all("article", "finding")
    check.that(len(articles) == len(report["findings"]),
               f"{len(articles)} finding articles, expected {len(report['findings'])}")
    for article in articles:
        check.that(article.parent is sections[0], f"an article is inside {article.parent!r}, not the findings section")
    for article, finding in zip(articles, report["findings"]):
        check_finding(check, article, finding, full, report["questions"])
    why_nots = root.find_all("article", "why-not")
    check.that(len(why_nots) == len(report["not_implicated"]),
               f"{len(why_nots)} why-not articles, expected {len(report['not_implicated'])}")
    for article, why in zip(why_nots, report["not_implicated"]):
        label = f"not implicated {why['principle']}"
        check.that(article.parent.tag == "section" and "not-implicated" in article.parent.classes(),
                   f"{label}: inside {article.parent!r}")
        heading = article.kids("h3")
        wanted = words(f"not implicated {why['title']} {why['principle']}")
        check.that(len(heading) == 1 and heading[0].words() == wanted, f"{label}: heading, expected {wanted!r}")
        reasons = article.kids("p", "why")
        check.that(len(reasons) == 1 and reasons[0].words().startswith("Why not:"), f"{label}: a why-not line")


def check_comparison(check, root, comparison, reports):
    check_page_frame(check, root, f"Scenario {comparison['scenario']} compared across profiles")
    tables = root.find_all("table", "comparison")
    if not check.that(len(tables) == 1, "one comparison table"):
        return
    header = [th.words() for th in tables[0].find_all("thead")[0].find_all("th")] if tables[0].find_all("thead") else []
    check.that(header == ["principle", "for", *comparison["profiles"], "profiles"], f"table header {header}")
    bodies = tables[0].kids("tbody")
    rows = bodies[0].kids("tr") if bodies else []
    check.that(len(rows) == len(comparison["rows"]), f"{len(rows)} rows, expected {len(comparison['rows'])}")
    for row, expected in zip(rows, comparison["rows"]):
        label = f"row {expected['principle']} {expected['roles']}"
        cells = row.kids("td")
        levels = [cell.words() for cell in cells[1:-1]]
        check.that(levels == [LEVEL_WORDS[expected["levels"][p]] for p in comparison["profiles"]],
                   f"{label}: levels {levels}")
        check.that(("differ" in row.classes()) == (not expected["agree"]), f"{label}: marked as differing wrongly")
        check.that(cells and cells[-1].words() == ("agree" if expected["agree"] else "differ"), f"{label}: agreement")
        check.that(expected["principle"] in row.kids("th")[0].words() if row.kids("th") else False, f"{label}: names the principle")
    details = root.find_all("details", "profile")
    check.that(len(details) == len(reports), f"{len(details)} profile sections, expected {len(reports)}")
    for section, report in zip(details, reports):
        check.that(report["profile"] in section.kids("summary")[0].words() if section.kids("summary") else False,
                   f"the section of {report['profile']} names it")
        check.that(len(section.kids("article", "finding")) == len(report["findings"]),
                   f"profile {report['profile']}: its findings")
    # Each row the profiles disagree on is explained by the parameters whose values differ.
    differing = [row for row in comparison["rows"] if not row["agree"]]
    lists = root.find_all("ul", "differences")
    items = lists[0].kids("li") if lists else []
    check.that(len(items) == len(differing), f"{len(items)} differences explained, expected {len(differing)}")
    for item, row in zip(items, differing):
        for parameter in row["parameters"]:
            check.that(parameter["parameter"] in item.words(),
                       f"the difference of {row['principle']} names parameter {parameter['parameter']}")


def check_assumptions(check, root, report):
    """The report's assumptions, one item each, in a section of their own."""
    assumed = report.get("assumptions", [])
    sections = root.find_all("section", "assumptions")
    if not assumed:
        check.that(not sections, "no assumptions section when nothing was assumed")
        return
    if not check.that(len(sections) == 1, "one assumptions section"):
        return
    items = sections[0].find_all("li")
    check.that(len(items) == len(assumed), f"{len(items)} assumptions shown, expected {len(assumed)}")
    for item, assumption in zip(items, assumed):
        wanted = f"{assumption['fact']['text']}: {'true' if assumption['value'] else 'false'}"
        check.that(item.words().startswith(wanted), f"assumption {item.words()!r}, expected {wanted!r}")


def check_what_if(check, root, table):
    check_page_frame(check, root, f"What if: scenario {table['scenario']} under profile {table['profile']}")
    tables = root.find_all("table", "what-if")
    if not check.that(len(tables) == 1, "one what-if table"):
        return
    bodies = tables[0].kids("tbody")
    rows = bodies[0].kids("tr") if bodies else []
    answers = [(q, a) for q in table["questions"] for a in q["answers"]]
    check.that(len(rows) == len(answers), f"{len(rows)} rows, expected one per answer ({len(answers)})")
    for row, (question, answer) in zip(rows, answers):
        label = f"{question['question']!r} {answer['answer']}"
        if answer is question["answers"][0]:
            heads = row.kids("th")
            check.that(len(heads) == 1 and heads[0].words() == words(question["question"]), f"{label}: the question")
        cells = row.kids("td")
        if not check.that(len(cells) == 3, f"{label}: answer, moves and unchanged cells"):
            continue
        check.that(cells[0].words() == answer["answer"], f"{label}: the answer")
        moves = cells[1].find_all("li")
        check.that(len(moves) == len(answer["changes"]), f"{label}: {len(moves)} findings move, expected "
                                                          f"{len(answer['changes'])}")
        for move, change in zip(moves, answer["changes"]):
            badges = [span.words() for span in move.find_all("span", "level")]
            check.that(change["principle"] in move.words() and
                       badges == [LEVEL_WORDS[change["from"]], LEVEL_WORDS[change["to"]]],
                       f"{label}: move {move.words()!r}")
        check.that(cells[2].words() == str(answer["unchanged"]), f"{label}: unchanged count")


def check_summary(check, root, summary):
    n = len(summary["rows"])
    check_page_frame(check, root, f"Summary of {n} {'report' if n == 1 else 'reports'}")
    tables = root.find_all("table", "summary")
    if not check.that(len(tables) == 1, "one summary table"):
        return
    bodies = tables[0].kids("tbody")
    rows = bodies[0].kids("tr") if bodies else []
    check.that(len(rows) == n, f"{len(rows)} rows, expected {n}")
    for row, expected in zip(rows, summary["rows"]):
        cells = [cell.words() for cell in row.kids("td")[1:]]
        wanted = []
        for principle in summary["principles"]:
            level = expected["levels"][principle]
            word = LEVEL_WORDS[level["level"]]
            wanted.append(word if level["findings"] <= 1 else f"{word} ({level['findings']} findings)")
        check.that(cells == wanted, f"row {expected['scenario']}: {cells}, expected {wanted}")


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    cybernorms, scenarios, work = sys.argv[1:]
    chromium = find_chromium()
    if chromium is None:
        print("chromium not found (scripts/install-deps.sh --browser installs it): the browser test is skipped")
        return SKIP
    os.makedirs(work, exist_ok=True)
    scenario = lambda name: os.path.join(scenarios, name)
    pages = [
        ("attribution_unknown", [scenario("attribution_unknown.json")], "report", False),
        ("consent_unknown", [scenario("consent_unknown.json"), "--explain", "full"], "report", True),
        ("notpetya_2017", [scenario("notpetya_2017.json"), "--explain", "full"], "report", True),
        ("espionage_compared", [scenario("remote_espionage_foreign_ministry.json"), "--compare-profiles"],
         "comparison", False),
        ("attribution_assumed", [scenario("attribution_unknown.json"), "--assume",
                                 "organ_of(shadow_group, borania)=true"], "report", False),
        ("us_election_whatif", [scenario("us_election_2016.json")], "whatif", False),
        ("summary", [scenario(n) for n in ("attribution_unknown.json", "consent_unknown.json", "notpetya_2017.json",
                                           "remote_espionage_foreign_ministry.json")] + ["--summary"], "summary", False),
    ]

    def run(page):
        name, args, kind, full = page
        check = Checks(name)
        html_path = os.path.join(work, name + ".html")
        png_path = os.path.join(work, name + ".png")
        command = "whatif" if kind == "whatif" else "eval"
        with open(html_path, "w", encoding="utf-8") as out:
            out.write(run_cybernorms(cybernorms, [*args, "--format", "html"], command))
        expected = json.loads(run_cybernorms(cybernorms, [*args, "--format", "json"], command))
        if os.path.exists(png_path):
            os.remove(png_path)
        with tempfile.TemporaryDirectory(prefix="chromium-", dir=work) as profile_dir:
            root = parse(open_in_browser(chromium, html_path, png_path, profile_dir))
        if kind == "report":
            check_report(check, root, expected, full)
            check_assumptions(check, root, expected)
        elif kind == "whatif":
            check_what_if(check, root, expected)
        elif kind == "comparison":
            reports = [json.loads(run_cybernorms(cybernorms, [args[0], "--profile", p, "--format", "json"]))
                       for p in expected["profiles"]]
            check_comparison(check, root, expected, reports)
        else:
            check_summary(check, root, expected)
        size = png_size(png_path) if os.path.exists(png_path) else None
        check.that(size == (1200, 1600), f"screenshot {png_path}: {size}")
        check.that(os.path.getsize(png_path) > 20_000 if size else False, f"screenshot {png_path} is nearly blank")
        return check.failures

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [failure for result in pool.map(run, pages) for failure in result]
    for failure in failures:
        print("FAILED:", failure)
    print(f"{len(pages)} pages opened in {chromium}; screenshots in {work}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
