"""Benchmark 4: active members per organization, with subtree totals, for the county admin's whole tree.

Measured: organization_tree(user, member_counts()), what the tree page and the dashboard call. It includes
the user's role lookup (one small query), the GROUP BY of member_counts(), one query for the visible active
organizations (9 columns, in path order), one row object and one TreeNode per organization, and the
subtree roll-up in Python.

Baselines, both hand-written SQL over the same rows and giving the same numbers (checked):
  sql-rollup  one statement: the GROUP BY over people_membership (active states) joined to the visible active
              organizations, with subtree totals summed in SQL (each organization's count added to every
              ancestor path, found by substr(path) on the path index); returns the same 9 columns plus direct
              and total per organization, as plain tuples, no tree objects.
  sql+python  the same GROUP BY joined to the organizations in one statement, and the same stack roll-up in
              Python over plain tuples (no model instances, no TreeNode objects).
The goal (≤ 1.5×) is judged against the faster of the two. All sides run in a fresh child process (as in a web
worker, not in the process that has just built the county), 5 times each, each after gc.collect().
"""

from __future__ import annotations

import gc
import json
import sys

from .common import Launcher, Report, ThrowawayDatabase, fmt_seconds, median, median_of, say

REPEAT = 5
COLUMNS = "o.id, o.path, o.depth, o.name, o.kind, o.sector, o.status, o.code, o.parent_id"


def _direct_sql(states: list[str]) -> tuple[str, list]:
    marks = ", ".join(["%s"] * len(states))
    return (
        f"SELECT organization_id, COUNT(*) AS n FROM people_membership WHERE status IN ({marks}) "
        "GROUP BY organization_id",
        list(states),
    )


def sql_rollup(root_paths: list[tuple[str, str]], states: list[str]) -> dict[int, tuple[int, int]]:
    """{organization id: (direct, subtree total)} from one SQL statement."""
    from django.db import connection

    from tuanwu.organizations.models import Organization

    step = Organization.steplen

    direct, params = _direct_sql(states)
    ranges = " OR ".join(["o.path BETWEEN %s AND %s"] * len(root_paths)) or "1 = 0"
    range_params = [p for pair in root_paths for p in pair]
    sql = f"""
        WITH RECURSIVE levels(k) AS (
            SELECT 1 UNION ALL SELECT k + 1 FROM levels
            WHERE k < (SELECT MAX(depth) FROM organizations_organization)
        ),
        direct AS ({direct}),
        visible AS (
            SELECT o.id, o.path, o.depth FROM organizations_organization o
            WHERE ({ranges}) AND o.status = 'active'
        ),
        rolled AS (
            SELECT substr(v.path, 1, {step} * l.k) AS anc, SUM(COALESCE(d.n, 0)) AS total
            FROM visible v JOIN levels l ON l.k <= v.depth LEFT JOIN direct d ON d.organization_id = v.id
            GROUP BY substr(v.path, 1, {step} * l.k)
        )
        SELECT {COLUMNS}, COALESCE(d.n, 0), r.total
        FROM organizations_organization o
        JOIN rolled r ON r.anc = o.path
        LEFT JOIN direct d ON d.organization_id = o.id
        WHERE ({ranges}) AND o.status = 'active'
        ORDER BY o.path
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *range_params, *range_params])
        return {row[0]: (row[9], row[10]) for row in cursor.fetchall()}


def sql_python(root_paths: list[tuple[str, str]], states: list[str]) -> dict[int, tuple[int, int]]:
    """{organization id: (direct, subtree total)}: SQL for the direct counts, the same stack roll-up in Python."""
    from django.db import connection

    direct, params = _direct_sql(states)
    ranges = " OR ".join(["o.path BETWEEN %s AND %s"] * len(root_paths)) or "1 = 0"
    sql = f"""
        SELECT {COLUMNS}, COALESCE(d.n, 0)
        FROM organizations_organization o LEFT JOIN ({direct}) d ON d.organization_id = o.id
        WHERE ({ranges}) AND o.status = 'active'
        ORDER BY o.path
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *[p for pair in root_paths for p in pair]])
        rows = cursor.fetchall()
    totals: dict[int, list] = {}
    stack: list[list] = []  # [id, path, direct, total]
    for row in rows:
        node = [row[0], row[1], row[9], row[9]]
        while stack and not row[1].startswith(stack[-1][1]):
            done = stack.pop()
            if stack:
                stack[-1][3] += done[3]
        stack.append(node)
        totals[row[0]] = node
    while stack:
        done = stack.pop()
        if stack:
            stack[-1][3] += done[3]
    return {pk: (n[2], n[3]) for pk, n in totals.items()}


def flatten(roots) -> dict[int, tuple[int, int]]:
    out = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        out[node.org.pk] = (node.direct, node.total)
        stack.extend(node.children)
    return out


def measure() -> dict:
    """All sides, in this (fresh) process: the equality check, then REPEAT timed runs of each."""
    from django.contrib.auth import get_user_model

    from tuanwu.accounts.roles import VIEW_ORGANIZATION
    from tuanwu.organizations import scope
    from tuanwu.organizations.models import subtree_range
    from tuanwu.organizations.selectors import organization_tree
    from tuanwu.people.selectors import member_counts
    from tuanwu.people.workflow import ACTIVE_STATES

    User = get_user_model()
    states = sorted(str(s) for s in ACTIVE_STATES)
    holder = {}

    def fresh_user():  # a new user object per call, as per request: the role lookup is not cached across calls
        holder["user"] = User.objects.get(username="county_admin")
        gc.collect()

    def settle():  # every side starts with no garbage pending, so no side pays for another's collection
        gc.collect()

    fresh_user()
    paths = [subtree_range(p) for p in scope.root_paths(holder["user"], VIEW_ORGANIZATION)]

    # Same numbers on all three sides, checked once (untimed).
    tree = flatten(organization_tree(holder["user"], member_counts()))
    a, b = sql_rollup(paths, states), sql_python(paths, states)
    same = tree == a == b
    organizations, members = len(tree), max(total for _direct, total in tree.values())
    del tree, a, b  # the check's 130,000-odd objects must not stay alive to slow the timed runs' collections

    return {
        "organizations": organizations,
        "members": members,
        "same": same,
        "tree_s": median_of(lambda: organization_tree(holder["user"], member_counts()), REPEAT, before=fresh_user),
        "sql_rollup_s": median_of(lambda: sql_rollup(paths, states), REPEAT, before=settle),
        "sql_python_s": median_of(lambda: sql_python(paths, states), REPEAT, before=settle),
        "member_counts_s": median_of(member_counts, REPEAT, before=settle),
    }


def child() -> None:
    import django

    django.setup()
    print("RESULT " + json.dumps(measure()), flush=True)


def run(report: Report, db: ThrowawayDatabase, launcher: Launcher, *, quick: bool) -> None:
    """Measured in a fresh child process, as a web worker would run it, not in the process that built the county."""
    out = launcher.run([sys.executable, "-m", "bench.bench_tree", "--child"], env=db.environ())
    lines = [line for line in out["stdout"].splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise RuntimeError(f"tree child failed:\n{out['stdout']}\n{out['stderr']}")
    r = json.loads(lines[0][len("RESULT ") :])
    organizations, same = r["organizations"], r["same"]
    t_tree, t_a, t_b, t_counts = r["tree_s"], r["sql_rollup_s"], r["sql_python_s"], r["member_counts_s"]
    say(
        f"  {organizations:,} organizations, {r['members']:,} active members in the tree; "
        f"same numbers on all sides: {same}"
    )
    for name, times in (
        ("organization_tree(user, member_counts())", t_tree),
        ("  of which member_counts()", t_counts),
        ("sql-rollup", t_a),
        ("sql+python", t_b),
    ):
        say(f"  {name}: median {fmt_seconds(median(times))} of {', '.join(fmt_seconds(t) for t in times)}")
    best_name, best = min((("sql-rollup", median(t_a)), ("sql+python", median(t_b))), key=lambda x: x[1])
    note = (
        f"{organizations:,} organizations; fresh process, median of {REPEAT} (gc.collect() before each); "
        f"member_counts() alone {fmt_seconds(median(t_counts))}"
    )
    if not same:
        note += "; THE NUMBERS DIFFER between the sides"
    report.compare(
        "tree",
        "organization_tree + member_counts",
        median(t_tree),
        "s",
        f"hand SQL, faster of the two ({best_name})",
        best,
        at_most=1.5,
        note=note,
    )
    report.compare(
        "tree", "organization_tree + member_counts (vs sql-rollup)", median(t_tree), "s", "sql-rollup", median(t_a)
    )
    report.compare(
        "tree", "organization_tree + member_counts (vs sql+python)", median(t_tree), "s", "sql+python", median(t_b)
    )
    report.info["tree"] = r
    report.print_bench("tree", "4. Member counts per organization, whole county tree")


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        child()
    else:
        sys.exit("usage: python -m bench.bench_tree --child")
