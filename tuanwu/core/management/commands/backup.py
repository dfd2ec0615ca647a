"""tuanwu backup -o FILE [--database ALIAS] [--format text|json]: the database and the uploaded files (MEDIA_ROOT)
in one tar.gz with a manifest (see tuanwu/core/backup.py). Exit 0 when written, 2 when it could not be."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import translation
from django.utils.translation import gettext as _

from tuanwu.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files together into one archive."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the archive to write, e.g. tuanwu-2026-12-01.tar.gz")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        output = Path(opts["output"])
        try:
            manifest = backup_create(
                output=output, connection=connections[opts["database"]], media_root=Path(settings.MEDIA_ROOT)
            )
        except BackupError as e:
            raise CommandError(f"{e.message} [{e.code}]", returncode=2) from None
        if opts["format"] == "json":
            self.stdout.write(json.dumps(manifest, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            _("Backed up %(tables)d tables (%(rows)d rows) and %(files)d files (%(bytes)d bytes) to %(path)s.")
            % {
                "tables": len(manifest["tables"]),
                "rows": sum(t["rows"] for t in manifest["tables"].values()),
                "files": manifest["media"]["files"],
                "bytes": manifest["media"]["bytes"],
                "path": output,
            }
        )
