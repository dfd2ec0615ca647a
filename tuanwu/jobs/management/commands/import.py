"""tuanwu import KIND FILE [--dry-run] [--as USERNAME] [--format text|json]; tuanwu import KIND --template OUT."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.accounts.selectors import command_user
from tuanwu.sheets.registry import DELEGATED, IMPORTS
from tuanwu.sheets.selectors import column_mapping_get
from tuanwu.sheets.writer import template


class Command(BaseCommand):
    help = "Import a spreadsheet (.xlsx, .xls, .csv): all rows or none. Exit 0 committed, 1 bad rows, 2 unreadable."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted({*IMPORTS, *DELEGATED}))
        parser.add_argument("file", nargs="?")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--as", dest="username", help="apply this user's scope and rights")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--template", metavar="OUT", help="write the import template to OUT and stop")
        parser.add_argument(
            "--lang", choices=["zh-hans", "en"], default=None, help="the messages' language (default: LANGUAGE_CODE)"
        )
        # For kinds with their own command (青年大学习: the episode and a saved column mapping).
        parser.add_argument("--episode", help="study: the episode's code (created when new)")
        parser.add_argument("--title", help="study: the new episode's title")
        parser.add_argument("--date", help="study: the new episode's date, YYYY-MM-DD")
        parser.add_argument("--mapping", help="a saved column mapping's name (for this kind of import)")
        parser.add_argument(
            "--confirm-rename",
            action="append",
            default=[],
            metavar="ROW[,ROW]",
            help="confirm the renames the check lists on these rows (repeatable)",
        )
        parser.add_argument("--confirm-renames", action="store_true", help="confirm every rename the check lists")

    def handle(self, *args, **opts):
        opts["lang"] = opts["lang"] or settings.LANGUAGE_CODE
        translation.activate(opts["lang"])
        if opts["kind"] in DELEGATED:
            passed = [f"--{name}={opts[name]}" for name in ("episode", "title", "date", "mapping", "format", "lang")]
            passed += [f"--as={opts['username']}"] if opts["username"] else []
            passed += ["--dry-run"] if opts["dry_run"] else []
            return call_command(
                DELEGATED[opts["kind"]],
                "import",
                opts["file"],
                *[p for p in passed if "=None" not in p],
                stdout=self.stdout._out,
                stderr=self.stderr._out,
            )
        kind = IMPORTS[opts["kind"]]
        if opts["template"]:
            Path(opts["template"]).write_bytes(template(kind.spec(), kind.example, kind.label()))
            self.stdout.write(opts["template"])
            return
        if not opts["file"]:
            raise CommandError(_("FILE is required (or --template OUT)."))
        actor = command_user(opts["username"])
        path = Path(opts["file"])
        try:
            data = path.read_bytes()
        except OSError as e:
            self.stderr.write(str(e))
            sys.exit(2)
        mapping = None
        if opts["mapping"]:
            saved = column_mapping_get(kind.name, opts["mapping"])
            if saved is None:
                raise CommandError(
                    _("No saved column mapping %(name)s for %(kind)s.") % {"name": opts["mapping"], "kind": kind.name}
                )
            mapping = saved.columns
        confirm = True if opts["confirm_renames"] else _rows(opts["confirm_rename"])
        result = kind.run(
            actor=actor, data=data, filename=path.name, dry_run=opts["dry_run"], mapping=mapping, confirm=confirm
        )
        unreadable = any(e.row == 0 for e in result.errors)
        if opts["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            for e in result.errors:
                where = _("row %(row)d, %(column)s") % {"row": e.row, "column": e.column} if e.row else _("file")
                value = f" “{e.value}”" if e.value else ""
                self.stdout.write(
                    _("%(where)s%(value)s: %(message)s [%(code)s]")
                    % {"where": where, "value": value, "message": e.message, "code": e.code}
                )
            if result.more_errors:
                counts = ", ".join(f"{code} {n}" for code, n in result.more_errors.most_common())
                self.stdout.write(
                    _("… and %(n)d more problems: %(counts)s")
                    % {"n": sum(result.more_errors.values()), "counts": counts}
                )
            numbers = {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "bad": result.bad_rows,
            }
            if result.committed:
                summary = _(
                    "%(created)d new, %(updated)d changed, %(unchanged)d unchanged rows were imported; "
                    "%(bad)d bad rows."
                )
            else:
                summary = _(
                    "%(created)d new, %(updated)d changed, %(unchanged)d unchanged rows would be imported; "
                    "%(bad)d bad rows; nothing was written."
                )
            self.stdout.write(summary % numbers)
            for notice in result.notices:
                self.stdout.write(str(notice))
            if result.warnings:
                counts = ", ".join(f"{code} {n}" for code, n in result.warnings.most_common())
                self.stdout.write(
                    _("%(n)d rules broken in the past, imported and flagged on the records: %(counts)s")
                    % {"n": sum(result.warnings.values()), "counts": counts}
                )
        if unreadable:
            sys.exit(2)
        if result.errors:
            sys.exit(1)


def _rows(values: list[str]) -> set[int]:
    """Row numbers from "--confirm-rename 3,5 --confirm-rename 8"."""
    rows: set[int] = set()
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part.isdigit():
                raise CommandError(_("--confirm-rename takes row numbers, not %(value)r.") % {"value": part})
            rows.add(int(part))
    return rows
