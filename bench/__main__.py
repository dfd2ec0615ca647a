"""python -m bench [--db sqlite|postgres|both] [--quick] [--only import,export,tree,list,pages]

Runs every chosen database variant in its own process (bench.runner), each on a throwaway database, then
prints one summary table of every figure with its baseline, ratio, goal and PASS/MISS.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time

from .common import BENCH_DIR, PROJECT_DIR, fmt_seconds, pg_answers, print_summary, say

BENCHES = ("import", "export", "tree", "list", "pages")


def ensure_requirements() -> None:
    """Install bench/requirements.txt (django-import-export) into this interpreter when it is missing."""
    if importlib.util.find_spec("import_export") is not None:
        return
    say("Installing bench/requirements.txt (django-import-export, for the import comparison)…")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "-r", str(BENCH_DIR / "requirements.txt")], check=True
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[2])
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgres", "both"),
        help="default: both when PostgreSQL answers on 127.0.0.1:5432, else sqlite",
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run (a few minutes)")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated subset of " + ",".join(BENCHES))
    parser.add_argument(
        "--ie-full-limit",
        type=float,
        default=120.0,
        help="run django-import-export on the whole file only if a 10,000-row sample predicts at most this many "
        "seconds; else extrapolate (default 120, which keeps a full run with both databases near 20 minutes)",
    )
    parser.add_argument("--no-install", action="store_true", help="do not pip-install bench/requirements.txt")
    args = parser.parse_args(argv)

    only = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = set(only) - set(BENCHES)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    pg = pg_answers()
    db = args.db or ("both" if pg else "sqlite")
    dbs = ["sqlite", "postgres"] if db == "both" else [db]
    if "postgres" in dbs and not pg:
        parser.error("PostgreSQL does not answer on 127.0.0.1:5432")
    if "import" in only and not args.no_install:
        ensure_requirements()

    stamp = time.strftime("%Y%m%d-%H%M%S")
    cache_dir = tempfile.mkdtemp(prefix="tuanwu-bench-cache-")
    started = time.perf_counter()
    reports, failed = [], []
    for name in dbs:
        command = [sys.executable, "-m", "bench.runner", "--db", name, "--stamp", stamp, "--only", ",".join(only)]
        command += ["--ie-full-limit", str(args.ie_full_limit), "--cache-dir", cache_dir]
        command += ["--quick"] if args.quick else []
        proc = subprocess.Popen(command, cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True, bufsize=1)
        result_path = None
        for line in proc.stdout:
            if line.startswith("RESULT-JSON "):
                result_path = json.loads(line[len("RESULT-JSON ") :])
            else:
                print(line, end="", flush=True)
        if proc.wait() != 0 or result_path is None:
            failed.append(name)
            say(f"!!! the {name} run failed (exit code {proc.returncode})")
            continue
        with open(result_path, encoding="utf-8") as f:
            reports.append(json.load(f))
    shutil.rmtree(cache_dir, ignore_errors=True)
    if reports:
        print_summary(reports)
        say()
        say("JSON: " + ", ".join(f"bench/results/{r['db']}-{stamp}.json" for r in reports))
    say(f"Total {fmt_seconds(time.perf_counter() - started)}{' (quick)' if args.quick else ''}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
