"""Benchmark 5: the county-wide pages a 团委 office opens all day, on the default demo county (20,000 people;
--quick: 5,000), for the county administrator, through the same real server as benchmark 3.

The pages are those that read the whole county: the member file check (团员档案核查, once 7–9 s), the annual
admission audit, the graduating classes' ratios, the home page with its to-do counts, the coverage board, the
direct-contact compliance list, the duties of the year, the care register and the programs list. Each is
requested up to N times (or T seconds) after 2 warm-up requests; the figure is its p95, compared with the bare
Django list of the same server. The goal is absolute: p95 under one second at this size.
"""

from __future__ import annotations

from .bench_list import REQUESTS, TIME_CAP, Server, login, measure, request
from .common import Figure, Report, ThrowawayDatabase, say, table

PAGES = [
    ("home (to-do counts)", "/"),
    ("member file check", "/admission/files/"),
    ("annual admission audit", "/admission/audit/"),
    ("graduating classes' ratios", "/admission/ratios/"),
    ("coverage board", "/coverage/board/"),
    ("direct-contact compliance", "/contacts/compliance/"),
    ("duties of the year", "/duties/"),
    ("care register", "/care/"),
    ("programs", "/programs/"),
]
GOAL_MS = 1000.0


def run(report: Report, db: ThrowawayDatabase, *, quick: bool) -> None:
    n, cap = REQUESTS[quick], TIME_CAP[quick] / 2
    server = Server(db)
    results = {}
    try:
        cookie = login(server.port, "county_admin")
        results["bare Django list"] = measure(server.port, "/bench/bare-list/", cookie, n=n, cap=cap)
        for label, path in PAGES:
            status, _h, _b, _s = request(server.port, "GET", path, cookie=cookie)
            if status != 200:
                say(f"  {label}: HTTP {status} at {path}, skipped")
                continue
            results[label] = r = measure(server.port, path, cookie, n=n, cap=cap)
            say(f"  {label}: n={r['n']}, p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, {r['queries']} queries")
    except Exception:
        say(server.tail())
        raise
    finally:
        server.close()
    say()
    say(
        table(
            ["page", "requests", "p50 ms", "p95 ms", "max ms", "queries", "bytes"],
            [
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
            ],
        )
    )
    bare = results["bare Django list"]
    for label, _path in PAGES:
        if label not in results:
            continue
        r = results[label]
        report.compare("pages", f"GET {label} p95", r["p95_ms"], "ms", "bare Django list p95", bare["p95_ms"])
        report.add(
            Figure(
                "pages",
                f"GET {label} p95 under {GOAL_MS:.0f} ms",
                r["p95_ms"],
                "ms",
                goal=f"≤ {GOAL_MS:.0f} ms",
                verdict="PASS" if r["p95_ms"] <= GOAL_MS else "MISS",
                note=f"n={r['n']}, {r['queries']} queries",
            )
        )
    report.info["pages"] = results
    report.print_bench("pages", "5. County-wide pages on the default demo county")
