"""tuanwu restore FILE [--force] [--database ALIAS] [--format text|json]: replace the database and the uploaded
files with a backup's, then check every table's row count and checksum against its manifest.
Exit 0 when restored and every check passed, 1 when restored but a check failed, 2 when nothing was restored."""

import dataclasses
import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from a backup made by `tuanwu backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by `tuanwu backup`")
        parser.add_argument("--force", action="store_true", help="replace a database that holds data")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        try:
            report = backup_restore(
                archive=Path(opts["file"]),
                connection=connections[opts["database"]],
                media_root=Path(settings.MEDIA_ROOT),
                force=opts["force"],
            )
        except BackupError as e:
            raise CommandError(f"{e.message} [{e.code}]", returncode=2) from None
        if opts["format"] == "json":
            body = {
                "created": report.manifest["created"],
                "tables": len(report.manifest["tables"]),
                "mismatches": [dataclasses.asdict(m) for m in report.mismatches],
                "pending_migrations": report.pending_migrations,
            }
            self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))
        else:
            self._report(report)
        if report.mismatches:
            sys.exit(1)

    def _report(self, report):
        for m in report.mismatches:
            self.stdout.write(
                _(
                    "%(table)s: %(rows)s rows, checksum %(checksum)s; the backup has %(expected_rows)s rows, "
                    "checksum %(expected)s."
                )
                % {
                    "table": m.table,
                    "rows": "-" if m.rows is None else m.rows,
                    "checksum": (m.checksum or "-")[:12],
                    "expected_rows": "-" if m.expected_rows is None else m.expected_rows,
                    "expected": (m.expected_checksum or "-")[:12],
                }
            )
        values = {"created": report.manifest["created"], "tables": len(report.manifest["tables"])}
        if report.mismatches:
            self.stdout.write(
                _("Restored the backup of %(created)s, but %(count)d of its checks failed (listed above).")
                % {**values, "count": len(report.mismatches)}
            )
        else:
            self.stdout.write(
                _("Restored the backup of %(created)s: %(tables)d tables and the files match its manifest.") % values
            )
        if report.pending_migrations:
            self.stdout.write(
                _("The backup predates %(count)d migrations of this version: run `tuanwu migrate`.")
                % {"count": report.pending_migrations}
            )
