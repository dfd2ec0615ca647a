"""Shared pieces of the benchmarks: timing, tables, figures with goals, and the throwaway database."""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
PG_BENCH_DB = "tuanwu_bench"
SEED = 2020


def pg_answers(timeout: float = 2.0) -> bool:
    try:
        socket.create_connection((PG_HOST, PG_PORT), timeout).close()
        return True
    except OSError:
        return False


def say(message: str = "") -> None:
    print(message, flush=True)


# --- timing ------------------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call, measured with perf_counter."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_of(fn: Callable[[], object], repeat: int, *, before: Callable[[], object] | None = None) -> list[float]:
    """Every time of `repeat` calls (before() runs untimed ahead of each call); take statistics.median."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        seconds, _result = timed(fn)
        times.append(seconds)
    return times


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def fmt_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return fmt_seconds(value)
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "rows/s":
        return f"{value:,.0f} rows/s"
    return f"{value:g} {unit}".strip()


def fmt_ratio(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with columns padded to their widest cell."""
    cells = [headers, *rows]
    widths = [max(_width(str(row[i])) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(str(c) + " " * (w - _width(str(c))) for c, w in zip(row, widths, strict=True)).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    return "\n".join(out)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --- figures -----------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One measured figure, with the baseline it is compared to and, when there is one, the goal."""

    bench: str
    name: str
    value: float | None
    unit: str
    baseline_name: str = ""
    baseline: float | None = None
    ratio: float | None = None  # value / baseline, unless the goal says "faster" (then baseline / value)
    goal: str = ""
    verdict: str = ""  # PASS, MISS, or "" when there is no goal
    note: str = ""


@dataclass
class Report:
    db: str
    quick: bool
    figures: list[Figure] = field(default_factory=list)
    info: dict = field(default_factory=dict)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def compare(
        self,
        bench: str,
        name: str,
        value: float | None,
        unit: str,
        baseline_name: str,
        baseline: float | None,
        *,
        at_most: float | None = None,
        faster_by: float | None = None,
        note: str = "",
    ) -> Figure:
        """Add a figure with its ratio to the baseline; at_most: value/baseline ≤ x; faster_by: baseline/value ≥ x."""
        ratio = None
        goal = verdict = ""
        if value and baseline:
            ratio = baseline / value if faster_by is not None else value / baseline
        if at_most is not None:
            goal = f"≤ {at_most:g}×"
            verdict = "" if ratio is None else ("PASS" if ratio <= at_most else "MISS")
        elif faster_by is not None:
            goal = f"≥ {faster_by:g}× faster"
            verdict = "" if ratio is None else ("PASS" if ratio >= faster_by else "MISS")
        return self.add(Figure(bench, name, value, unit, baseline_name, baseline, ratio, goal, verdict, note))

    def print_bench(self, bench: str, title: str) -> None:
        rows = [
            [
                f.name,
                fmt_value(f.value, f.unit),
                f.baseline_name or "—",
                fmt_value(f.baseline, f.unit) if f.baseline_name else "—",
                fmt_ratio(f.ratio),
                f.goal or "—",
                f.verdict or "—",
            ]
            for f in self.figures
            if f.bench == bench
        ]
        say()
        say(f"== {title} [{self.db}] ==")
        say(table(["figure", "value", "baseline", "baseline value", "ratio", "goal", "result"], rows))
        notes = [f"  - {f.name}: {f.note}" for f in self.figures if f.bench == bench and f.note]
        if notes:
            say("notes:")
            say("\n".join(notes))

    def as_dict(self) -> dict:
        return {"db": self.db, "quick": self.quick, "info": self.info, "figures": [asdict(f) for f in self.figures]}


def summary_rows(reports: list[dict]) -> list[list[str]]:
    rows = []
    for report in reports:
        for f in report["figures"]:
            rows.append(
                [
                    report["db"],
                    f["bench"],
                    f["name"],
                    fmt_value(f["value"], f["unit"]),
                    f"{f['baseline_name']} = {fmt_value(f['baseline'], f['unit'])}" if f["baseline_name"] else "—",
                    fmt_ratio(f["ratio"]),
                    f["goal"] or "—",
                    f["verdict"] or "—",
                ]
            )
    return rows


def print_summary(reports: list[dict]) -> None:
    say()
    say("== Summary ==")
    say(table(["db", "bench", "figure", "value", "baseline", "ratio", "goal", "result"], summary_rows(reports)))


def write_json(report: dict, stamp: str) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{report['db']}-{stamp}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path


# --- the throwaway database ---------------------------------------------------------------------------


class ThrowawayDatabase:
    """A fresh SQLite file in a temp dir, or the PostgreSQL database tuanwu_bench, created and dropped here.

    On PostgreSQL the name is fixed, so a run first takes an advisory lock (held until drop()) and refuses to
    start while another run holds it or anyone else is connected to tuanwu_bench: two runs must never drop
    each other's database.
    """

    LOCK_KEY = 0x7475616E  # "tuan": one benchmark run on this server at a time

    def __init__(self, kind: str):
        self.kind = kind
        self.tmpdir = Path(tempfile.mkdtemp(prefix=f"tuanwu-bench-{kind}-"))
        self.lock = None

    @property
    def url(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.tmpdir / 'bench.sqlite3'}"
        return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{PG_BENCH_DB}"

    def create(self) -> None:
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                (self.tmpdir / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
            return
        if self.lock is None:
            import psycopg

            self.lock = psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True)
            if not self.lock.execute("SELECT pg_try_advisory_lock(%s)", [self.LOCK_KEY]).fetchone()[0]:
                self.lock.close()
                self.lock = None
                raise RuntimeError("another benchmark run holds the PostgreSQL benchmark lock; try again later")
        for _ in range(20):  # sessions this run just closed take a moment to end
            others = self.lock.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [PG_BENCH_DB]
            ).fetchone()[0]
            if not others:
                break
            time.sleep(0.25)
        if others:
            raise RuntimeError(f"{others} session(s) are connected to {PG_BENCH_DB}; it is not dropped under them")
        self.lock.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}"')
        self.lock.execute(f'CREATE DATABASE "{PG_BENCH_DB}"')

    def drop(self) -> None:
        if self.kind == "postgres" and self.lock is not None:
            # Ours while the lock is held: FORCE only ends what this run left connected (a stopped server's session).
            self.lock.execute(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)')
            self.lock.close()  # releases the advisory lock
            self.lock = None
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def environ(self, settings_module: str = "config.settings") -> dict:
        """The environment a process needs to reach this database with Django."""
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": settings_module,
                "DEBUG": "true",
                "DATABASE_URL": self.url,
                "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH", "")])),
            }
        )
        return env

    def size_mb(self) -> float | None:
        if self.kind == "sqlite":
            return sum(p.stat().st_size for p in self.tmpdir.glob("bench.sqlite3*")) / 1e6
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 1e6


LAUNCHER_CODE = r"""
import json, subprocess, sys
for line in sys.stdin:
    job = json.loads(line)
    try:
        out = subprocess.run(job["argv"], cwd=job["cwd"], env=job["env"], capture_output=True, text=True,
                             timeout=job["timeout"])
        answer = {"rc": out.returncode, "stdout": out.stdout, "stderr": out.stderr}
    except subprocess.TimeoutExpired as e:
        answer = {"rc": -1, "stdout": e.stdout or "", "stderr": "timeout"}
    print(json.dumps(answer), flush=True)
"""


class Launcher:
    """A small process, started before Django, that starts child processes for us.

    Linux carries a parent's peak RSS over fork and exec into the child's ru_maxrss; children started by this
    small launcher, rather than by the large benchmark process, begin with an ru_maxrss of their own.
    """

    def __init__(self):
        import subprocess

        self.proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER_CODE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, argv: list[str], *, env: dict, cwd: Path = PROJECT_DIR, timeout: float = 1800) -> dict:
        self.proc.stdin.write(json.dumps({"argv": argv, "env": env, "cwd": str(cwd), "timeout": timeout}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(30)


def django_setup(db: ThrowawayDatabase) -> None:
    """Point Django at the throwaway database (DEBUG on, as asked) and set it up."""
    os.environ.update(
        {k: v for k, v in db.environ().items() if k in ("DJANGO_SETTINGS_MODULE", "DEBUG", "DATABASE_URL")}
    )
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()


def migrate() -> float:
    from django.core.management import call_command

    seconds, _ = timed(lambda: call_command("migrate", verbosity=0, interactive=False))
    return seconds


def analyze() -> None:
    """On PostgreSQL, fresh planner statistics after a bulk load (what autovacuum would soon do anyway, done now
    so that it does not run in the middle of a measurement). SQLite is left as the project leaves it: no ANALYZE."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def median(values: list[float]) -> float:
    return statistics.median(values)
