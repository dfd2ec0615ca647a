"""Benchmark 3: the scoped member list page and its search, on a county of 1,000,000 people (--quick: 100,000).

A real server (bench.server: wsgiref, single-threaded, 127.0.0.1 only, settings bench.settings) serves the
project's URLs plus two baselines: a bare Django list (a count and the first 20 people with plain ORM,
unscoped, in a minimal template: what any Django list page costs), which the goal is measured against, and a
fixed HTML page as large as /people/ page 1 served without any query (the server's own floor), reported too.
The client (http.client, a new connection per request, HTTP/1.0) signs in as county_admin, then requests each
URL in turn, up to N times or T seconds, after 2 warm-up requests, and reports p50/p95 latency; the goal is
p95 ≤ 3× the bare Django list's p95.
"""

from __future__ import annotations

import html
import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie

from .common import PROJECT_DIR, Figure, Report, ThrowawayDatabase, percentile, say, table

REQUESTS = {False: 200, True: 40}
TIME_CAP = {False: 30.0, True: 6.0}  # seconds per URL
WARMUP = 2
PASSWORD = "tuanwu2020"


class Server:
    """python -m bench.server in a subprocess; stopped by its own pid."""

    def __init__(self, db: ThrowawayDatabase):
        # The server's stderr, kept open for as long as the server runs and removed when it stops.
        self.log = tempfile.NamedTemporaryFile("w+", prefix="tuanwu-bench-server-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bench.server"],
            cwd=PROJECT_DIR,
            env=db.environ("bench.settings"),
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        line: list[str] = []
        reader = threading.Thread(target=lambda: line.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)
        if not line or not line[0].startswith("PORT "):
            self.stop()
            raise RuntimeError(f"the benchmark server did not start:\n{self.tail()}")
        self.port = int(line[0].split()[1])

    def tail(self, n: int = 40) -> str:
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-n:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def close(self) -> None:
        self.stop()
        self.log.close()
        os.unlink(self.log.name)


def request(port: int, method: str, path: str, *, cookie: str = "", body: str | None = None):
    """(status, headers, body bytes, seconds) of one request on a new connection."""
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    return response.status, response.headers, data, time.perf_counter() - start


def _cookies(headers, jar: dict) -> None:
    for header in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value


def login(port: int, username: str) -> str:
    """The Cookie header of a signed-in session (CSRF token taken from the login page)."""
    jar: dict[str, str] = {}
    status, headers, data, _ = request(port, "GET", "/accounts/login/")
    _cookies(headers, jar)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data)
    if status != 200 or not token or "csrftoken" not in jar:
        raise RuntimeError(f"login page: HTTP {status}, no CSRF token")
    form = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": html.unescape(token[1].decode())}
    )
    status, headers, _data, _ = request(
        port, "POST", "/accounts/login/", cookie=f"csrftoken={jar['csrftoken']}", body=form
    )
    _cookies(headers, jar)
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"login as {username} failed: HTTP {status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def measure(port: int, path: str, cookie: str, *, n: int, cap: float) -> dict:
    for _ in range(WARMUP):
        status, headers, data, _ = request(port, "GET", path, cookie=cookie)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < n and time.perf_counter() - started < cap:
        status, headers, data, seconds = request(port, "GET", path, cookie=cookie)
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}")
        times.append(seconds)
    return {
        "n": len(times),
        "p50_ms": percentile(times, 50) * 1000,
        "p95_ms": percentile(times, 95) * 1000,
        "max_ms": max(times) * 1000,
        "bytes": len(data),
        "queries": int(headers.get("X-Bench-Queries", "-1")),
        "capped": len(times) < n,
    }


def run(report: Report, db: ThrowawayDatabase, *, quick: bool) -> None:
    from tuanwu.organizations.models import Kind, Organization
    from tuanwu.people.models import Person

    committee = Organization.objects.filter(kind=Kind.COMMITTEE).order_by("path").first()
    middle = Person.objects.order_by("pk").values_list("pk", flat=True)[Person.objects.count() // 2]
    name = Person.objects.get(pk=middle).name
    hits = Person.objects.filter(name__contains=name).count()
    say(f"  searching for the name {name} ({hits:,} people contain it); committee {committee.name} (id {committee.pk})")
    urls = [
        ("/people/", "/people/"),
        ("/people/?q=zxm", "/people/?q=zxm"),
        (f"/people/?q={name}", "/people/?" + urllib.parse.urlencode({"q": name})),
        (f"/people/?organization={committee.pk}&page=5", f"/people/?organization={committee.pk}&page=5"),
    ]
    n, cap = REQUESTS[quick], TIME_CAP[quick]
    server = Server(db)
    try:
        cookie = login(server.port, "county_admin")
        status, _h, page, _s = request(server.port, "GET", "/people/", cookie=cookie)
        if status != 200:
            raise RuntimeError(f"GET /people/: HTTP {status}")
        bare = f"/bench/bare/?bytes={len(page)}"
        results = {"bare view": measure(server.port, bare, "", n=n, cap=cap)}
        results["bare view, signed in"] = measure(server.port, bare, cookie, n=n, cap=cap)
        results["bare Django list"] = measure(server.port, "/bench/bare-list/", cookie, n=n, cap=cap)
        for label, path in urls:
            results[label] = measure(server.port, path, cookie, n=n, cap=cap)
            r = results[label]
            say(f"  {label}: n={r['n']}, p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms")
    except Exception:
        say(server.tail())
        raise
    finally:
        server.close()
    rows = [
        [
            label,
            str(r["n"]) + (" (time cap)" if r["capped"] else ""),
            f"{r['p50_ms']:.1f}",
            f"{r['p95_ms']:.1f}",
            f"{r['max_ms']:.1f}",
            str(r["queries"]),
            f"{r['bytes']:,}",
        ]
        for label, r in results.items()
    ]
    say()
    say(table(["URL", "requests", "p50 ms", "p95 ms", "max ms", "queries", "bytes"], rows))
    bare_r, list_r = results["bare view"], results["bare Django list"]
    for label, _path in urls:
        r = results[label]
        report.compare(
            "list",
            f"GET {label} p95",
            r["p95_ms"],
            "ms",
            "bare Django list p95",
            list_r["p95_ms"],
            at_most=3,
            note=f"n={r['n']}{' (time cap)' if r['capped'] else ''}, {r['queries']} queries, {r['bytes']:,} bytes",
        )
        report.compare("list", f"GET {label} p50", r["p50_ms"], "ms", "bare Django list p50", list_r["p50_ms"])
        report.compare(
            "list", f"GET {label} p95 (vs static bytes)", r["p95_ms"], "ms", "bare static view p95", bare_r["p95_ms"]
        )
    report.add(
        Figure(
            "list",
            "bare view p95 (signed in, session + user lookups)",
            results["bare view, signed in"]["p95_ms"],
            "ms",
            note="informational: the same bare page with the session cookie",
        )
    )
    report.info["list"] = {"name": name, "name_hits": hits, "committee_id": committee.pk, "urls": results}
    report.print_bench("list", f"3. Scoped member list and search, {Person.objects.count():,} people")
