"""Benchmark 2: export the county's members (some 100,000) with member_export, as the county admin.

Time, tracemalloc peak and ru_maxrss growth of member_export, against a floor measured the same way: the very
SQL member_export's queryset runs (same columns, joins, scope and order), read through a chunked cursor and
written cell by cell with XlsxWriter in constant_memory mode — no labels, masking or access log.

Each side runs in a fresh child process (python -m bench.bench_export --child export|floor), started by a small
launcher process so that ru_maxrss, a high-water mark, is the child's own: first a timed run (ru_maxrss before
and after), then a run under tracemalloc (its peak).
"""

from __future__ import annotations

import datetime
import io
import json
import resource
import sys
import time
import tracemalloc

from .common import Launcher, Report, ThrowawayDatabase, fmt_seconds, say

CHUNK = 2000


def _queryset(actor):
    """The queryset member_export builds for no filter (kept in step with tuanwu/people/exports.py)."""
    from tuanwu.people.exports import VALUES
    from tuanwu.people.filters import PersonFilter
    from tuanwu.people.selectors import person_list

    return PersonFilter({}).filter(person_list(actor)).prefetch_related(None).values_list(*VALUES)


def export_floor(actor) -> tuple[bytes, int]:
    import xlsxwriter
    from django.db import connection, transaction

    from tuanwu.people.sheets import member_spec

    sql, params = _queryset(actor).query.sql_with_params()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("Members")
    for c, header in enumerate(c.header for c in member_spec().columns):
        sheet.write_string(0, c, header)
    count = 0
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            for row in rows:
                count += 1
                for c, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    if isinstance(value, datetime.date):
                        sheet.write_datetime(count, c, datetime.datetime.combine(value, datetime.time()), date_format)
                    else:
                        sheet.write_string(count, c, str(value))
    book.close()
    return buffer.getvalue(), count


def child(mode: str) -> None:
    """In a fresh process: one timed run (ru_maxrss before/after), then one under tracemalloc."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from tuanwu.people.exports import member_export

    def once():
        actor = get_user_model().objects.get(username="county_admin")
        if mode == "export":
            data, _name, rows = member_export(actor=actor, params={})
        else:
            data, rows = export_floor(actor)
        return len(data), rows

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    size, rows = once()
    seconds = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    start = time.perf_counter()
    once()
    traced_seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = {
        "seconds": seconds,
        "traced_seconds": traced_seconds,
        "rows": rows,
        "bytes": size,
        "rss_before_mb": rss_before / 1024,
        "rss_delta_mb": (rss_after - rss_before) / 1024,
        "tracemalloc_peak_mb": peak / 1e6,
    }
    print("RESULT " + json.dumps(result), flush=True)


def _spawn(db: ThrowawayDatabase, launcher: Launcher, mode: str) -> dict:
    out = launcher.run([sys.executable, "-m", "bench.bench_export", "--child", mode], env=db.environ())
    for line in out["stdout"].splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise RuntimeError(f"export child ({mode}) failed:\n{out['stdout']}\n{out['stderr']}")


def run(report: Report, db: ThrowawayDatabase, launcher: Launcher, *, quick: bool) -> None:
    floor = _spawn(db, launcher, "floor")
    export = _spawn(db, launcher, "export")
    for name, r in (("floor", floor), ("member_export", export)):
        say(
            f"  {name}: {r['rows']:,} rows, {r['bytes'] / 1e6:.1f} MB xlsx, {fmt_seconds(r['seconds'])} "
            f"(under tracemalloc {fmt_seconds(r['traced_seconds'])}), "
            f"tracemalloc peak {r['tracemalloc_peak_mb']:.1f} MB, "
            f"ru_maxrss +{r['rss_delta_mb']:.1f} MB over {r['rss_before_mb']:.0f} MB"
        )
    rows = export["rows"]
    base = "floor (same SQL, chunked cursor, raw XlsxWriter)"
    report.compare(
        "export",
        f"member_export {rows:,} rows: time",
        export["seconds"],
        "s",
        base,
        floor["seconds"],
        note=f"{rows / export['seconds']:,.0f} rows/s; no goal was set for the export",
    )
    report.compare(
        "export",
        "member_export: tracemalloc peak",
        export["tracemalloc_peak_mb"],
        "MB",
        base,
        floor["tracemalloc_peak_mb"],
    )
    report.compare(
        "export",
        "member_export: ru_maxrss growth",
        export["rss_delta_mb"],
        "MB",
        base,
        floor["rss_delta_mb"],
        note=f"growth of the child process's peak RSS over its {export['rss_before_mb']:.0f} MB after django.setup()",
    )
    report.info["export"] = {"floor": floor, "member_export": export}
    report.print_bench("export", f"2. Export {rows:,} members")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child" and sys.argv[2] in ("export", "floor"):
        child(sys.argv[2])
    else:
        sys.exit("usage: python -m bench.bench_export --child export|floor")
