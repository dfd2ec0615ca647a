"""tuanwu plan import FILE --year Y [--dry-run] [--replace] [--format text|json] [--as USERNAME];
tuanwu plan report --year Y -o OUT.docx [--as USERNAME];
tuanwu plan metrics [--format text|json]; tuanwu plan standing --year Y [--as USERNAME] [--format text|json]."""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuanwu.accounts.selectors import command_user
from tuanwu.plan import parser, selectors, services
from tuanwu.plan.metrics import METRICS
from tuanwu.plan.report import STATUS_WORDS, report_docx


class Command(BaseCommand):
    help = "Import a work plan document (.txt or .docx): areas, numbered tasks and target candidates."

    def add_arguments(self, parser_):
        parser_.add_argument("action", choices=["import", "report", "metrics", "standing"])
        parser_.add_argument("file", nargs="?")
        parser_.add_argument("-o", "--output", help="report: the .docx to write")
        parser_.add_argument("--year", type=int)
        parser_.add_argument("--dry-run", action="store_true")
        parser_.add_argument("--replace", action="store_true", help="replace the year's plan when there is one")
        parser_.add_argument("--format", choices=["text", "json"], default="text")
        parser_.add_argument("--as", dest="username")
        parser_.add_argument("--lang", choices=["zh-hans", "en"], default="zh-hans")

    def handle(self, *args, **opts):
        translation.activate(opts["lang"])
        if opts["action"] == "metrics":
            return self._metrics(opts)
        if opts["year"] is None:
            raise CommandError("--year is required")
        if opts["action"] == "report":
            return self._report(opts)
        if opts["action"] == "standing":
            return self._standing(opts)
        if not opts["file"]:
            raise CommandError("FILE is required")
        path = Path(opts["file"])
        try:
            text = parser.read_document(path.read_bytes(), path.name)
        except (OSError, ValueError) as e:
            self.stderr.write(str(e))
            sys.exit(2)
        plan = parser.parse(text, year=opts["year"])
        if opts["format"] == "json":
            data = plan.as_dict()
            for area in data["areas"]:
                for task in area["tasks"]:
                    task.pop("body")
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{plan.title}: {len(plan.areas)} areas, {len(plan.tasks)} tasks")
            for task in plan.tasks:
                targets = "; ".join(_describe(t) for t in task.targets)
                self.stdout.write(f"  {task.number}. {task.title}" + (f"  [{targets}]" if targets else ""))
        if opts["dry_run"]:
            return
        try:
            services.plan_import(
                actor=command_user(opts["username"]),
                text=text,
                year=opts["year"],
                filename=path.name,
                replace=opts["replace"],
            )
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e

    def _metrics(self, opts):
        rows = [{"key": m.key, "label": str(m.label), "unit": m.unit} for m in METRICS.values()]
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            self.stdout.write(f"{r['key']}\t{r['unit']}\t{r['label']}")

    def _standing(self, opts):
        actor, plan = _report_of(opts)
        rows = selectors.standing_rows(actor, plan)
        if opts["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for r in rows:
            value = "—" if r["actual"] is None else f"{r['actual']}{r['unit']}"
            goal = "—" if r["target"] is None else f"{r['target']}{r['unit']}"
            confirmed = "✓" if r["confirmed"] else "?"
            words = STATUS_WORDS.get(r["status"], r["status"])
            self.stdout.write(
                f"{r['task']:>3}. {r['metric'] or '-'} {confirmed}\t{value} / {goal}\t{words}\t{r['text'][:40]}"
            )

    def _report(self, opts):
        if not opts["output"]:
            raise CommandError("report needs -o OUT.docx")
        actor, plan = _report_of(opts)
        Path(opts["output"]).write_bytes(report_docx(actor, plan))
        self.stdout.write(opts["output"])


def _report_of(opts) -> tuple:
    actor = command_user(opts["username"])
    plan = selectors.plan_for(actor, opts["year"])
    if plan is None:
        raise CommandError(f"no plan for {opts['year']}")
    return actor, plan


def _describe(target) -> str:
    amount = (
        f"{target.comparison or ''}{target.quantity}{target.unit or ''}"
        if target.quantity is not None
        else "qualitative"
    )
    deadline = f" by {target.deadline.isoformat()}" if target.deadline else ""
    scope = f" ({target.scope})" if target.scope else ""
    return amount + deadline + scope
