"""One database variant of the benchmark run, in its own process: python -m bench.runner --db sqlite|postgres.

Phase 1, a small demo county: 1. import, 2. export (of what was imported).
Phase 2, the database re-created with a large demo county: 4. member counts per organization, 3. list pages.
Phase 3, the database re-created with the default demo county: 5. the county-wide pages.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from . import bench_export, bench_import, bench_list, bench_pages, bench_tree
from .common import (
    SEED,
    Figure,
    Launcher,
    Report,
    ThrowawayDatabase,
    analyze,
    django_setup,
    fmt_seconds,
    migrate,
    say,
    write_json,
)

SMALL_COUNTY = 1_000  # people of the county the import goes into
LARGE_COUNTY = {False: 1_000_000, True: 100_000}
BENCHES = ("import", "export", "tree", "list", "pages")
PAGES_COUNTY = {False: 20_000, True: 5_000}  # the default demo county


def build_county(report: Report, members: int) -> tuple[float, dict]:
    from tuanwu.demo.generator import build

    seconds, counts = _timed(lambda: build(members=members, seed=SEED))
    say(
        f"  demo county: {counts['people']:,} people, {counts['memberships']:,} members, "
        f"{counts['organizations']:,} organizations, built in {fmt_seconds(seconds)}"
    )
    report.info.setdefault("builds", []).append({"members": members, "seconds": seconds, "counts": counts})
    return seconds, counts


def project_state() -> dict:
    """The commit measured, and the files that differed from it (the run measures the working tree)."""
    import subprocess

    from .common import PROJECT_DIR

    def git(*args):
        out = subprocess.run(["git", *args], cwd=PROJECT_DIR, capture_output=True, text=True)
        return out.stdout if out.returncode == 0 else ""

    dirty = [line[3:] for line in git("status", "--porcelain").splitlines() if not line[3:].startswith("bench/")]
    return {"commit": git("rev-parse", "HEAD").strip(), "uncommitted": dirty}


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.runner")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated subset of " + ",".join(BENCHES))
    parser.add_argument("--stamp", default=time.strftime("%Y%m%d-%H%M%S"))
    parser.add_argument("--ie-full-limit", type=float, default=120.0)
    parser.add_argument("--cache-dir", help="where the database variants of one run share the member workbook")
    args = parser.parse_args(argv)
    only = {b.strip() for b in args.only.split(",") if b.strip()}
    if only - set(BENCHES):
        parser.error(f"unknown benchmark(s): {', '.join(sorted(only - set(BENCHES)))}")

    launcher = Launcher()  # before Django: its children must not inherit this process's peak RSS
    db = ThrowawayDatabase(args.db)
    report = Report(db=args.db, quick=args.quick)
    started = time.perf_counter()
    report.info["project"] = state = project_state()
    say(f"  project at {state['commit'][:10]}, {len(state['uncommitted'])} file(s) differing from it outside bench/")
    say(f"### {args.db}{' (quick)' if args.quick else ''}: throwaway database {db.url}")
    try:
        db.create()
        django_setup(db)
        from django.db import connections

        if only & {"import", "export"}:
            say(f"  migrated in {fmt_seconds(migrate())}")
            build_county(report, SMALL_COUNTY)
            analyze()
            if "import" in only:
                bench_import.run(report, quick=args.quick, ie_full_limit=args.ie_full_limit, cache_dir=args.cache_dir)
            if "export" in only:
                if "import" not in only:  # export needs the members an import brings
                    from django.contrib.auth import get_user_model

                    from tuanwu.people.imports import member_import

                    member_file = bench_import.cached_member_file(
                        bench_import.ROWS[args.quick], bench_import.branch_list(), args.cache_dir
                    )
                    admin = get_user_model().objects.get(username="county_admin")
                    member_import(actor=admin, data=member_file.data, filename="members.xlsx")
                analyze()
                bench_export.run(report, db, launcher, quick=args.quick)

        if only & {"tree", "list"}:
            connections.close_all()
            db.create()
            say(f"  database re-created and migrated in {fmt_seconds(migrate())}")
            members = LARGE_COUNTY[args.quick]
            seconds, counts = build_county(report, members)
            report.add(
                Figure(
                    "list",
                    f"demo build, {members:,} people",
                    seconds,
                    "s",
                    note=f"{counts['organizations']:,} organizations; tuanwu.demo.generator.build (not a goal)",
                )
            )
            analyze()
            size = db.size_mb()
            say(f"  database size {size:,.0f} MB")
            if "tree" in only:
                bench_tree.run(report, db, launcher, quick=args.quick)
            if "list" in only:
                bench_list.run(report, db, quick=args.quick)
        if "pages" in only:
            connections.close_all()
            db.create()
            say(f"  database re-created and migrated in {fmt_seconds(migrate())}")
            build_county(report, PAGES_COUNTY[args.quick])
            analyze()
            bench_pages.run(report, db, quick=args.quick)
    finally:
        from django.apps import apps

        if apps.ready:  # not when the database could not even be created
            from django.db import connections

            connections.close_all()
        db.drop()
        launcher.close()
    report.info["seconds"] = time.perf_counter() - started
    if project_state() != report.info["project"]:
        report.info["project_changed_during_run"] = project_state()
        say("  WARNING: the project's files changed while this variant ran; its figures may mix two versions")
    data = report.as_dict()
    path = write_json(data, args.stamp)
    say(f"  {args.db} done in {fmt_seconds(report.info['seconds'])}; results in {path}")
    print("RESULT-JSON " + json.dumps(str(path)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
