"""Backups: the database and the uploaded files (MEDIA_ROOT) in one tar.gz with a manifest.

The archive holds `manifest.json` (format version, database vendor, Django migration state, each table's row
count and checksum, and a summary of the files), the database (`database.sqlite3`, a copy made with SQLite's
online backup, or `database.dump`, `pg_dump`'s custom format) and the files under `media/`. The manifest's
figures describe exactly what is in the archive: on SQLite they are read from the copy, on PostgreSQL in the
same snapshot `pg_dump` reads. A restore checks the restored database and files against them.
"""

import copy
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.contrib.auth import get_user_model
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
# Row checksums are added up modulo 2**256, so a table's checksum does not depend on the order rows come in
# (which a restore into another server, with another collation or physical layout, may change).
_MODULUS = 2**256
_CHUNK = 2000


class BackupError(Exception):
    """A backup or restore that cannot go on; `code` names the reason, the message says what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Mismatch:
    """A table (or the files) whose restored figures differ from the manifest's."""

    table: str
    expected_rows: int | None
    rows: int | None
    expected_checksum: str | None
    checksum: str | None


@dataclass
class RestoreReport:
    manifest: dict[str, Any]
    mismatches: list[Mismatch] = field(default_factory=list)
    pending_migrations: int = 0


# --- figures -------------------------------------------------------------------------------------------------


def _row_digest(row: tuple) -> int:
    parts = []
    for value in row:
        if value is None:
            parts.append(b"\\N")
        elif isinstance(value, bytes | bytearray | memoryview):
            parts.append(b"bytes:" + bytes(value).hex().encode())
        else:
            parts.append(f"{type(value).__name__}:{value}".encode())
    return int.from_bytes(hashlib.sha256(b"\x1f".join(parts)).digest(), "big")


def _fingerprint(rows_in_chunks) -> dict[str, Any]:
    count, total = 0, 0
    for chunk in rows_in_chunks:
        for row in chunk:
            count += 1
            total = (total + _row_digest(row)) % _MODULUS
    return {"rows": count, "checksum": f"{total:064x}"}


def _chunks(cursor):
    while chunk := cursor.fetchmany(_CHUNK):
        yield chunk


def _sqlite_tables(raw: sqlite3.Connection) -> list[str]:
    rows = raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    return sorted(name for (name,) in rows)


def _sqlite_figures(raw: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    figures = {}
    for table in _sqlite_tables(raw):
        quoted = '"' + table.replace('"', '""') + '"'
        figures[table] = _fingerprint(_chunks(raw.execute(f"SELECT * FROM {quoted}")))
    return figures


def _pg_tables(raw) -> list[str]:
    with raw.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        return sorted(name for (name,) in cursor.fetchall())


def _pg_figures(raw) -> dict[str, dict[str, Any]]:
    """Read inside the caller's transaction, each table through a server-side cursor (a table may be large)."""
    figures = {}
    for table in _pg_tables(raw):
        quoted = '"' + table.replace('"', '""') + '"'
        with raw.cursor(name="tuanwu_backup_figures") as cursor:
            cursor.execute(f"SELECT * FROM {quoted}")
            figures[table] = _fingerprint(_chunks(cursor))
    return figures


def _migrations(rows) -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in rows:
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def media_figures(root: Path) -> dict[str, Any]:
    """The number, total size and one checksum of the files under MEDIA_ROOT (paths and contents)."""
    summary = hashlib.sha256()
    count, size = 0, 0
    for path in _media_files(root):
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda f=f: f.read(1 << 20), b""):
                digest.update(block)
        relative = path.relative_to(root).as_posix()
        length = path.stat().st_size
        summary.update(f"{relative}\0{length}\0{digest.hexdigest()}\n".encode())
        count, size = count + 1, size + length
    return {"files": count, "bytes": size, "checksum": summary.hexdigest()}


# --- connections ---------------------------------------------------------------------------------------------


def _fresh(connection: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    """A new connection with the same settings, outside any transaction the caller's connection is in."""
    return type(connection)(copy.deepcopy(connection.settings_dict), alias=f"{connection.alias}-backup")


def _sqlite_connect(connection: BaseDatabaseWrapper) -> sqlite3.Connection:
    name = str(connection.settings_dict["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"), timeout=20)


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            "PG_CLIENT_MISSING",
            _(
                "%(tool)s was not found on PATH: install PostgreSQL's client programs (Debian package "
                "postgresql-client, of the server's major version or newer)."
            )
            % {"tool": name},
        )
    return path


def _pg_command(tool: str, connection: BaseDatabaseWrapper, options: list[str]) -> tuple[list[str], dict[str, str]]:
    """The tool's command line and environment for the connection's settings (as `tuanwu dbshell` builds psql's)."""
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, options)
    return [_pg_tool(tool), *args[1:]], {**os.environ, **(env or {})}


def _run(command: list[str], env: dict[str, str], code: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(code, _("%(tool)s failed: %(error)s") % {"tool": tool, "error": done.stderr.strip()})


# --- backup --------------------------------------------------------------------------------------------------


def _check_vendor(vendor: str) -> None:
    if vendor not in DATABASE_FILES:
        raise BackupError(
            "BACKUP_VENDOR", _("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor}
        )


def _snapshot_sqlite(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict, dict]:
    source = _sqlite_connect(connection)
    copy_ = sqlite3.connect(target)
    try:
        source.backup(copy_)
        # One self-contained file, whatever journal the live database uses.
        copy_.execute("PRAGMA journal_mode=DELETE")
        figures = _sqlite_figures(copy_)
        migrations = _migrations(copy_.execute("SELECT app, name FROM django_migrations"))
    finally:
        copy_.close()
        source.close()
    return figures, migrations


def _snapshot_postgresql(connection: BaseDatabaseWrapper, target: Path) -> tuple[dict, dict]:
    command, env = _pg_command("pg_dump", connection, ["--format=custom", f"--file={target}"])
    wrapper = _fresh(connection)
    wrapper.ensure_connection()
    raw = wrapper.connection
    try:
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # pg_dump reads the snapshot this transaction holds, so the dump and the figures show the same data.
        _run([*command[:1], f"--snapshot={snapshot}", *command[1:]], env, "PG_DUMP_FAILED")
        figures = _pg_figures(raw)
        with raw.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _migrations(cursor.fetchall())
            cursor.execute("ROLLBACK")
    finally:
        wrapper.close()
    return figures, migrations


def backup_create(*, output: Path, connection: BaseDatabaseWrapper, media_root: Path) -> dict[str, Any]:
    """Write the database and MEDIA_ROOT to `output` (readable by its owner only); return the manifest."""
    vendor = connection.vendor
    _check_vendor(vendor)
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".tuanwu-backup-") as work:
        database = Path(work) / DATABASE_FILES[vendor]
        snapshot = _snapshot_sqlite if vendor == "sqlite" else _snapshot_postgresql
        tables, migrations = snapshot(connection, database)
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "vendor": vendor,
            "django": django.get_version(),
            "database": DATABASE_FILES[vendor],
            "migrations": migrations,
            "tables": tables,
            "media": media_figures(media_root),
        }
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(datetime.datetime.now().timestamp()), 0o600
            archive.addfile(info, io.BytesIO(body))
            archive.add(database, arcname=database.name)
            for path in _media_files(media_root):
                archive.add(path, arcname=f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}")
        # The archive holds personal data.
        partial.chmod(0o600)
        os.replace(partial, output)
    return manifest


# --- restore -------------------------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.load(member) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or "format" not in manifest:
        raise BackupError("BACKUP_UNREADABLE", _("%(path)s is not a TuanWu backup.") % {"path": path})
    if manifest["format"] != FORMAT:
        raise BackupError(
            "BACKUP_FORMAT",
            _("This backup has format %(found)s; this version of TuanWu reads format %(format)s.")
            % {"found": manifest["format"], "format": FORMAT},
        )
    return manifest


def holds_data(connection: BaseDatabaseWrapper, media_root: Path) -> bool:
    """A county is in use when its database has user accounts (everything in it is done by one), or files were
    uploaded."""
    if _media_files(media_root):
        return True
    wrapper = _fresh(connection)
    try:
        with wrapper.cursor() as cursor:
            existing = set(wrapper.introspection.table_names(cursor))
            table = get_user_model()._meta.db_table
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {wrapper.ops.quote_name(table)} LIMIT 1")
                return cursor.fetchone() is not None
    finally:
        wrapper.close()
    return False


def _restore_sqlite(connection: BaseDatabaseWrapper, database: Path) -> None:
    source = sqlite3.connect(database)
    target = _sqlite_connect(connection)
    try:
        # The backup API replaces the target's every page in one step; other connections see the new content.
        source.backup(target)
    finally:
        target.close()
        source.close()


def _restore_postgresql(connection: BaseDatabaseWrapper, database: Path, manifest: dict) -> None:
    command, env = _pg_command(
        "pg_restore",
        connection,
        ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", "--dbname"],
    )
    wrapper = _fresh(connection)
    try:
        with wrapper.cursor() as cursor:
            # Tables the backup does not know (from later migrations) would block dropping the ones it has.
            extra = set(wrapper.introspection.table_names(cursor)) - set(manifest["tables"])
            if extra:
                cursor.execute("DROP TABLE " + ", ".join(wrapper.ops.quote_name(t) for t in sorted(extra)) + " CASCADE")
    finally:
        wrapper.close()
    _run([*command, str(database)], env, "PG_RESTORE_FAILED")


def _replace_media(media_root: Path, restored: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if restored.is_dir():
        for child in restored.iterdir():
            shutil.move(str(child), str(media_root / child.name))


def current_figures(connection: BaseDatabaseWrapper) -> dict[str, dict[str, Any]]:
    """Every table's row count and checksum, computed as the backup computes them."""
    if connection.vendor == "sqlite":
        raw = _sqlite_connect(connection)
        try:
            return _sqlite_figures(raw)
        finally:
            raw.close()
    wrapper = _fresh(connection)
    wrapper.ensure_connection()
    try:
        with wrapper.connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        figures = _pg_figures(wrapper.connection)
        with wrapper.connection.cursor() as cursor:
            cursor.execute("ROLLBACK")
        return figures
    finally:
        wrapper.close()


def _compare(expected: dict[str, dict], found: dict[str, dict]) -> list[Mismatch]:
    mismatches = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table, {}), found.get(table, {})
        if want != got:
            mismatches.append(
                Mismatch(table, want.get("rows"), got.get("rows"), want.get("checksum"), got.get("checksum"))
            )
    return mismatches


def _pending_migrations(manifest: dict[str, Any]) -> int:
    """How many of this version's migrations the restored state (the backup's) lacks."""
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    return len(set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes) - applied)


def backup_restore(
    *, archive: Path, connection: BaseDatabaseWrapper, media_root: Path, force: bool = False
) -> RestoreReport:
    """Replace the database and MEDIA_ROOT with the archive's, then check them against its manifest.

    Refuses a county in use (see `holds_data`) unless `force`, and a backup of another database vendor."""
    manifest = read_manifest(archive)
    if manifest.get("vendor") != connection.vendor:
        raise BackupError(
            "BACKUP_VENDOR",
            _("This is a backup of a %(found)s database; the configured database is %(vendor)s.")
            % {"found": manifest.get("vendor"), "vendor": connection.vendor},
        )
    if not force and holds_data(connection, media_root):
        raise BackupError(
            "RESTORE_NOT_EMPTY",
            _(
                "The database holds user accounts, or MEDIA_ROOT holds files: restoring would "
                "replace them. Pass --force to replace them."
            ),
        )
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".tuanwu-restore-") as work:
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")
        except (OSError, tarfile.TarError) as e:
            raise BackupError("BACKUP_UNREADABLE", _("%(path)s is not a TuanWu backup.") % {"path": archive}) from e
        database = Path(work) / manifest["database"]
        if connection.vendor == "sqlite":
            _restore_sqlite(connection, database)
        else:
            _restore_postgresql(connection, database, manifest)
        _replace_media(media_root, Path(work) / MEDIA_DIR)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    report = RestoreReport(manifest=manifest)
    report.mismatches = _compare(manifest["tables"], current_figures(connection))
    files = media_figures(media_root)
    if files != manifest["media"]:
        report.mismatches.append(
            Mismatch(
                MEDIA_DIR,
                manifest["media"].get("files"),
                files["files"],
                manifest["media"].get("checksum"),
                files["checksum"],
            )
        )
    report.pending_migrations = _pending_migrations(manifest)
    return report
