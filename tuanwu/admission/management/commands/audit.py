"""tuanwu audit admissions --year Y [--as USERNAME] [--format text|json|xlsx] [-o OUT]."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tuanwu.accounts.selectors import command_user
from tuanwu.admission.exports import audit_xlsx
from tuanwu.admission.records import admission_audit


class Command(BaseCommand):
    help = "违规发展团员年度核查: every admission of a year against the rules, one line per broken rule."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["admissions"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--as", dest="username", help="apply this user's scope")
        parser.add_argument("--format", choices=["text", "json", "xlsx"], default="text")
        parser.add_argument("-o", "--output", help="write to this file (required for xlsx)")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default="zh-hans")

    def handle(self, *args, **opts):
        translation.activate(opts["lang"])
        rows = admission_audit(command_user(opts["username"]), opts["year"])
        if opts["format"] == "xlsx":
            if not opts["output"]:
                raise CommandError("--format xlsx needs -o OUT.xlsx")
            Path(opts["output"]).write_bytes(audit_xlsx(rows, opts["year"]))
            self.stdout.write(f"{len(rows)} findings written to {opts['output']}")
            return
        if opts["format"] == "json":
            text = json.dumps(
                [
                    {
                        "person": r.person,
                        "organization": r.organization,
                        "join_date": r.join_date.isoformat(),
                        "development_number": r.development_number,
                        "code": r.code,
                        "message": r.message,
                        "severity": r.severity,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        else:
            text = (
                "\n".join(
                    f"{r.join_date} {r.organization} {r.person} {r.development_number or '—'}: "
                    f"{r.message} [{r.code}, {r.severity}]"
                    for r in rows
                )
                or "no findings"
            )
        if opts["output"]:
            Path(opts["output"]).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
