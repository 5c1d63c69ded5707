#!/usr/bin/env python3
"""A bounded load test of `cybernorms serve` on loopback (docs/serve.md, "Load").

Starts `cybernorms serve --port 0`, sends N evaluations from C concurrent clients (each
with a kept-alive connection), mixing the bundled scenarios and the profiles, and checks
that every answer is 200 with a report of the scenario and profile asked for. Samples the
server's resident memory (VmRSS) after a warm-up and at the end, and fails if it grew by
more than --max-growth-mib (not with --no-memory-check: under AddressSanitizer freed memory
is held in quarantine, so resident memory grows by design). Then sends a body over the limit (expects 413 with a JSON
error) and a malformed scenario (expects 400 with a JSON pointer), stops the server
with SIGINT and expects exit 0. Prints the figures. Standard library only.

  load_test.py --binary build/cybernorms --scenarios scenarios [--requests 2000] [--clients 8]
"""
import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def post(connection, path, body):
    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, response.getheader("Content-Type"), response.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--scenarios", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=0, help="requests before the first memory sample (default: a tenth)")
    parser.add_argument("--max-growth-mib", type=float, default=20.0)
    parser.add_argument("--no-memory-check", action="store_true",
                        help="report resident memory but do not fail on its growth (sanitizer builds)")
    args = parser.parse_args()
    warmup = args.warmup or max(args.requests // 10, args.clients)

    ids = sorted(name[:-5] for name in os.listdir(args.scenarios)
                 if name.endswith(".json") and ".expected." not in name)
    texts = {id: open(os.path.join(args.scenarios, id + ".json"), encoding="utf-8").read() for id in ids}

    server = subprocess.Popen([args.binary, "serve", "--port", "0", "--scenarios", args.scenarios,
                               "--threads", str(args.clients)],
                              stdout=subprocess.PIPE, text=True)
    problems = []
    try:
        line = server.stdout.readline().strip()
        match = re.fullmatch(r"cybernorms serve: listening on http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            print(f"load_test: unexpected first line: {line!r}", file=sys.stderr)
            return 1
        port = int(match.group(1))
        rss_start = rss_kib(server.pid)

        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/api/info")
        profiles = json.loads(connection.getresponse().read())["profiles"]
        connection.close()

        # Request i: scenario i mod |ids|, profile (i / |ids|) mod |profiles|: every
        # scenario under several profiles, the same bodies for the same N.
        bodies = []
        for i in range(args.requests):
            id = ids[i % len(ids)]
            profile = profiles[(i // len(ids)) % len(profiles)]
            bodies.append((id, profile, json.dumps({"scenario": texts[id], "profile": profile})))

        lock = threading.Lock()
        next_index = [0]
        latencies = [None] * args.requests
        errors = []
        warm = threading.Event()
        rss_warm = [None]

        def client():
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while True:
                with lock:
                    index = next_index[0]
                    next_index[0] += 1
                if index >= args.requests:
                    break
                if index == warmup:
                    with lock:
                        rss_warm[0] = rss_kib(server.pid)
                    warm.set()
                id, profile, body = bodies[index]
                started = time.perf_counter()
                try:
                    status, content_type, answer = post(connection, "/api/evaluate", body)
                except (http.client.HTTPException, OSError) as error:
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    with lock:
                        errors.append(f"request {index} ({id}, {profile}): {error!r}")
                    continue
                latencies[index] = time.perf_counter() - started
                problem = None
                if status != 200 or content_type != "application/json":
                    problem = f"status {status}, {content_type}: {answer[:200]!r}"
                else:
                    document = json.loads(answer)
                    report = document.get("report", {})
                    if report.get("scenario") != id or report.get("profile") != profile or \
                            not isinstance(report.get("findings"), list) or "<html" not in document.get("html", ""):
                        problem = f"an answer without the report asked for: {answer[:200]!r}"
                if problem:
                    with lock:
                        errors.append(f"request {index} ({id}, {profile}): {problem}")
            connection.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        rss_end = rss_kib(server.pid)
        problems += errors[:10]
        if len(errors) > 10:
            problems.append(f"and {len(errors) - 10} more errors")

        # A body over the limit (1 MiB by default): 413 with a JSON error.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        status, content_type, answer = post(connection, "/api/evaluate", b" " * (2 << 20))
        connection.close()
        oversized = f"{status} {answer.decode()}"
        if status != 413 or content_type != "application/json" or "error" not in json.loads(answer):
            problems.append(f"an oversized body: {oversized}")
        # A malformed scenario: 400 with the located diagnostic.
        scenario = json.loads(texts["estonia_2007"] if "estonia_2007" in texts else texts[ids[0]])
        scenario["operations"][0]["targets"] = 42
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        status, content_type, answer = post(connection, "/api/evaluate", json.dumps({"scenario": json.dumps(scenario)}))
        connection.close()
        malformed = f"{status} {answer.decode()}"
        diagnostics = json.loads(answer).get("diagnostics") or {}
        pointers = [d.get("pointer") for d in diagnostics.get("diagnostics", [])]
        if status != 400 or "/operations/0/targets" not in pointers:
            problems.append(f"a malformed scenario: {malformed}")

        stop_started = time.perf_counter()
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=10)
        stop_seconds = time.perf_counter() - stop_started
        if code != 0:
            problems.append(f"exit code {code} after SIGINT")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    done = sorted(latency for latency in latencies if latency is not None)
    growth = (rss_end - rss_warm[0]) / 1024
    if growth > args.max_growth_mib and not args.no_memory_check:
        problems.append(f"resident memory grew by {growth:.1f} MiB after the warm-up (at most {args.max_growth_mib})")
    print(f"requests: {args.requests} evaluations from {args.clients} clients over "
          f"{len(ids)} scenarios x {len(profiles)} profiles; answered 200: {len(done) - len(errors)}; errors: {len(errors)}")
    print(f"wall: {wall:.2f} s; {args.requests / wall:.0f} requests/s; latency median "
          f"{statistics.median(done) * 1000:.1f} ms, p95 {done[int(len(done) * 0.95) - 1] * 1000:.1f} ms, "
          f"max {done[-1] * 1000:.1f} ms")
    print(f"VmRSS: start {rss_start / 1024:.1f} MiB, after {warmup} requests {rss_warm[0] / 1024:.1f} MiB, "
          f"end {rss_end / 1024:.1f} MiB (growth after warm-up {growth:+.1f} MiB)"
          + ("; not checked" if args.no_memory_check else ""))
    print(f"oversized body: {oversized}")
    print(f"malformed scenario: {malformed[:300]}")
    print(f"SIGINT: exit {code} after {stop_seconds:.2f} s")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
