"""`tuanwu backup` and `tuanwu restore`: the database and MEDIA_ROOT round-trip through one archive, every table's
row count and checksum match after a restore, a county in use is only replaced with --force, and a restored
table that differs from the manifest is reported.

The round trips through the test database run on the suite's database (SQLite, or PostgreSQL when DATABASE_URL
names one); the one through a plain SQLite file runs whatever the suite's database is."""

import copy
import io
import json
import shutil
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connections

from tests.factories import build_cast
from tuanwu.core import backup
from tuanwu.core.backup import BackupError, Mismatch, backup_create, backup_restore, current_figures

pytestmark = pytest.mark.django_db(transaction=True)

connection = connections["default"]


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    (root / "jobs" / "7").mkdir(parents=True)
    (root / "jobs" / "7" / "团员名单.xlsx").write_bytes(b"PK\x03\x04 workbook")
    (root / "meetings").mkdir()
    (root / "meetings" / "sign-in.pdf").write_bytes(b"%PDF-1.7 " * 100)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def second_database(tmp_path):
    """A fresh, empty database of the suite's vendor that the test restores into."""
    settings_dict = copy.deepcopy(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "second.sqlite3")
        yield type(connection)(settings_dict, alias="second")
        return
    name = f"{settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    second = type(connection)(settings_dict, alias="second")
    yield second
    second.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tampered(archive: Path, target: Path, table: str) -> Path:
    """A copy of the archive whose manifest claims one row more in `table`."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy_:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == backup.MANIFEST:
                manifest = json.loads(data)
                manifest["tables"][table]["rows"] += 1
                data = json.dumps(manifest).encode()
                member.size = len(data)
            copy_.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def test_round_trip_into_a_fresh_database_matches_every_table_and_file(media, second_database, tmp_path):
    build_cast()
    archive = tmp_path / "county.tar.gz"

    manifest = backup_create(output=archive, connection=connection, media_root=media)
    report = backup_restore(archive=archive, connection=second_database, media_root=tmp_path / "media2")

    source = current_figures(connection)
    assert manifest["tables"] == source
    assert manifest["vendor"] == connection.vendor
    assert manifest["format"] == backup.FORMAT
    assert manifest["tables"][get_user_model()._meta.db_table]["rows"] == get_user_model().objects.count() > 0
    assert manifest["migrations"]["people"]
    assert report.mismatches == []
    assert report.pending_migrations == 0
    assert current_figures(second_database) == source
    assert _files(tmp_path / "media2") == _files(media)
    assert archive.stat().st_mode & 0o777 == 0o600


def test_restore_refuses_a_database_with_user_accounts_unless_forced(media, tmp_path):
    build_cast()
    archive = tmp_path / "county.tar.gz"
    call_command("backup", "-o", str(archive), "--lang", "en")
    get_user_model().objects.filter(username="member").delete()
    before = current_figures(connection)

    with pytest.raises(CommandError, match="RESTORE_NOT_EMPTY") as refused:
        call_command("restore", str(archive), "--lang", "en")

    assert refused.value.returncode == 2
    assert current_figures(connection) == before
    out = io.StringIO()
    call_command("restore", str(archive), "--force", "--lang", "en", stdout=out)
    assert "match its manifest" in out.getvalue()
    assert get_user_model().objects.filter(username="member").exists()


def test_restore_command_brings_back_a_flushed_database_and_its_files(media, tmp_path):
    build_cast()
    archive = tmp_path / "county.tar.gz"
    call_command("backup", "-o", str(archive), "--lang", "en", stdout=io.StringIO())
    expected, files = current_figures(connection), _files(media)
    call_command("flush", "--noinput")
    shutil.rmtree(media)

    out = io.StringIO()
    call_command("restore", str(archive), "--lang", "en", stdout=out)

    assert "match its manifest" in out.getvalue()
    assert current_figures(connection) == expected
    assert _files(media) == files


def test_restore_reports_a_table_that_does_not_match_the_manifest(media, second_database, tmp_path):
    build_cast()
    archive = tmp_path / "county.tar.gz"
    backup_create(output=archive, connection=connection, media_root=media)
    table = get_user_model()._meta.db_table
    users = get_user_model().objects.count()
    tampered = _tampered(archive, tmp_path / "tampered.tar.gz", table)

    report = backup_restore(archive=tampered, connection=second_database, media_root=tmp_path / "media2")

    assert [(m.table, m.expected_rows, m.rows) for m in report.mismatches] == [(table, users + 1, users)]
    assert isinstance(report.mismatches[0], Mismatch)


def test_restore_command_exits_1_and_names_the_table_that_does_not_match(media, tmp_path):
    build_cast()
    archive = tmp_path / "county.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    table = get_user_model()._meta.db_table
    tampered = _tampered(archive, tmp_path / "tampered.tar.gz", table)
    out = io.StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command("restore", str(tampered), "--force", "--lang", "en", stdout=out)

    assert exited.value.code == 1
    assert out.getvalue().startswith(f"{table}: ")
    assert "1 of its checks failed" in out.getvalue()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="BACKUP_UNREADABLE") as refused:
        call_command("restore", str(path), "--lang", "en")

    assert refused.value.returncode == 2


def test_restore_refuses_a_backup_of_another_database_vendor(tmp_path, media):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    path = tmp_path / "other.tar.gz"
    body = json.dumps({"format": backup.FORMAT, "vendor": other, "tables": {}}).encode()
    with tarfile.open(path, "w:gz") as archive:
        info = tarfile.TarInfo(backup.MANIFEST)
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))

    with pytest.raises(BackupError) as refused:
        backup_restore(archive=path, connection=connection, media_root=media, force=True)

    assert refused.value.code == "BACKUP_VENDOR"


def test_names_the_debian_package_when_pg_dump_is_missing(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)

    with pytest.raises(BackupError, match="postgresql-client") as missing:
        backup._pg_tool("pg_dump")

    assert missing.value.code == "PG_CLIENT_MISSING"


@pytest.mark.django_db(transaction=False)
def test_sqlite_file_round_trip_keeps_every_value(tmp_path):
    source_path = tmp_path / "source.sqlite3"
    raw = sqlite3.connect(source_path)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT)")
    raw.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('people', '0001_initial', '2026-01-01')")
    raw.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT, photo BLOB, score REAL, note TEXT)")
    raw.executemany(
        "INSERT INTO person (name, photo, score, note) VALUES (?, ?, ?, ?)",
        [("张晓明", b"\x00\x01", 1.5, None), ("李华", None, 2.0, "团支部书记"), ("李华", None, 2.0, "团支部书记")],
    )
    raw.commit()
    from django.db.backends.sqlite3.base import DatabaseWrapper

    def wrapper(path):
        settings_dict = connections.configure_settings({"default": {"ENGINE": "django.db.backends.sqlite3"}})
        return DatabaseWrapper({**settings_dict["default"], "NAME": str(path)}, alias=path.stem)

    source, target = wrapper(source_path), wrapper(tmp_path / "target.sqlite3")
    archive = tmp_path / "file.tar.gz"
    (tmp_path / "empty-media").mkdir()

    manifest = backup_create(output=archive, connection=source, media_root=tmp_path / "empty-media")
    report = backup_restore(archive=archive, connection=target, media_root=tmp_path / "restored-media")

    assert manifest["tables"]["person"]["rows"] == 3
    assert manifest["migrations"] == {"people": ["0001_initial"]}
    assert manifest["media"]["files"] == 0
    assert report.mismatches == []
    restored = sqlite3.connect(tmp_path / "target.sqlite3")
    assert (
        restored.execute("SELECT * FROM person ORDER BY id").fetchall()
        == raw.execute("SELECT * FROM person ORDER BY id").fetchall()
    )
    raw.close()
    restored.close()
