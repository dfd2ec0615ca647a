"""A certified hour entry survives every SQL statement the application's database user can send: DELETE,
REPLACE and the other conflict-resolving statements of SQLite, upserts, and on PostgreSQL the former purge
switch and the privileged escapes (TRUNCATE, disabling the trigger, replica mode) that the application's role
must not hold. Only the demo reset, through its own path, empties the ledger."""

import uuid
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from tuanwu.volunteering.models import HourEntry

from .factories import at, served, state

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's conflict clauses")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles and settings")

TABLE = "volunteering_hourentry"


def columns() -> list[str]:
    return [field.column for field in HourEntry._meta.concrete_fields]


def copy_of(entry: HourEntry, **replaced: str) -> str:
    """A SELECT that yields the entry's row with some columns replaced by SQL expressions."""
    names = columns()
    values = ", ".join(replaced.get(name, connection.ops.quote_name(name)) for name in names)
    return f"SELECT {values} FROM {TABLE} WHERE id = {int(entry.pk)}"


def execute(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def column_list() -> str:
    return ", ".join(connection.ops.quote_name(name) for name in columns())


def test_raw_delete_of_a_certified_entry_is_refused(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])

    assert state() == before


def test_delete_of_the_whole_table_is_refused_while_it_holds_a_certified_entry(cast):
    served(cast, "zhang", at(0, 9), at(0, 12))
    served(cast, "li", at(1, 9), at(1, 12), certify=False)
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute(f"DELETE FROM {TABLE}")

    assert state() == before


def test_an_upsert_onto_a_certified_entry_is_refused(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute(
            f"INSERT INTO {TABLE} ({column_list()}) {copy_of(entry)} AND 1 = 1 "
            "ON CONFLICT (id) DO UPDATE SET hours = 99"
        )

    assert state() == before


@sqlite_only
@pytest.mark.parametrize("verb", ["REPLACE", "INSERT OR REPLACE"])
def test_replace_of_a_certified_entry_by_its_key_is_refused(cast, verb):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute(f"{verb} INTO {TABLE} ({column_list()}) {copy_of(entry, hours='99')}")

    assert state() == before
    assert HourEntry.objects.get(pk=entry.pk).hours == Decimal("3")


@sqlite_only
def test_replace_of_a_certified_entry_through_its_sign_up_is_refused(cast):
    # A new row (new id) for the same sign-up clashes with hour_entry_one_per_signup: REPLACE would delete the
    # certified entry to make room.
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute(f"INSERT OR REPLACE INTO {TABLE} ({column_list()}) {copy_of(entry, id='NULL', hours='99')}")

    assert state() == before


@sqlite_only
def test_update_or_replace_of_another_entry_onto_a_certified_one_is_refused(cast):
    certified = served(cast, "zhang", at(0, 9), at(0, 12))
    recorded = served(cast, "li", at(1, 9), at(1, 12), certify=False)
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute(f"UPDATE OR REPLACE {TABLE} SET id = %s WHERE id = %s", [certified.pk, recorded.pk])
    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute(f"UPDATE OR REPLACE {TABLE} SET signup_id = %s WHERE id = %s", [certified.signup_id, recorded.pk])

    assert state() == before


@sqlite_only
def test_a_replace_that_clashes_with_no_certified_entry_still_works(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)

    execute(f"REPLACE INTO {TABLE} ({column_list()}) {copy_of(entry, hours='2')}")

    assert HourEntry.objects.get(pk=entry.pk).hours == Decimal("2")


@postgresql_only
def test_the_former_purge_switch_no_longer_lets_a_delete_through(cast):
    entry = served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()

    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        execute("SET LOCAL tuanwu.ledger_purge = 'on'")
        HourEntry.objects.filter(pk=entry.pk).delete()

    assert state() == before


@pytest.fixture
def app_role(db):
    """A plain (non-superuser, non-owner) role with what the application's role is granted: reading and
    writing rows. Created inside the test's transaction, so it is gone afterwards."""
    name = f"tuanwu_app_{uuid.uuid4().hex[:10]}"
    try:
        with transaction.atomic():
            execute(f"CREATE ROLE {name} NOLOGIN NOSUPERUSER NOINHERIT")
    except DatabaseError:
        pytest.skip("the test database user may not create roles")
    execute(f"GRANT USAGE ON SCHEMA public TO {name}")
    execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}")
    execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}")
    return name


def as_role(role: str, *statements: str) -> None:
    """Run the statements as the role; the role ends with the enclosing savepoint."""
    execute(f"SET LOCAL ROLE {role}")
    for sql in statements:
        execute(sql)


def current_user() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return cursor.fetchone()[0]


@postgresql_only
@pytest.mark.parametrize(
    "statements",
    [
        [f"DELETE FROM {TABLE}"],
        [f"UPDATE {TABLE} SET hours = 99"],
        [f"UPDATE {TABLE} SET status = 'recorded'"],
        ["SET LOCAL tuanwu.ledger_purge = 'on'", f"DELETE FROM {TABLE}"],
        [f"TRUNCATE {TABLE} CASCADE"],
        [f"ALTER TABLE {TABLE} DISABLE TRIGGER USER"],
        ["SET LOCAL session_replication_role = replica", f"DELETE FROM {TABLE}"],
    ],
    ids=["delete", "update", "uncertify", "purge-switch", "truncate", "disable-trigger", "replica-mode"],
)
def test_the_application_role_cannot_change_a_certified_entry_by_any_path(cast, app_role, statements):
    served(cast, "zhang", at(0, 9), at(0, 12))
    before = state()
    me = current_user()

    with pytest.raises(DatabaseError), transaction.atomic():
        as_role(app_role, *statements)

    assert current_user() == me
    assert state() == before


@postgresql_only
def test_the_application_role_still_records_and_certifies(cast, app_role):
    entry = served(cast, "zhang", at(0, 9), at(0, 12), certify=False)

    with transaction.atomic():
        as_role(
            app_role,
            f"UPDATE {TABLE} SET content = 'x' WHERE id = {entry.pk}",
            f"UPDATE {TABLE} SET status = 'certified', certified_at = now() WHERE id = {entry.pk}",
        )

    assert HourEntry.objects.get(pk=entry.pk).status == HourEntry.Status.CERTIFIED


def test_the_demo_reset_still_empties_the_ledger_and_keeps_it_guarded(cast):
    from tuanwu.demo import volunteering as demo_volunteering

    served(cast, "zhang", at(0, 9), at(0, 12))
    served(cast, "li", at(1, 9), at(1, 12))

    with transaction.atomic():
        demo_volunteering.purge()

    assert not HourEntry.objects.exists()
    entry = served(cast, "zhang", at(2, 9), at(2, 12))
    with pytest.raises(IntegrityError, match="CERTIFIED_ENTRY_IMMUTABLE"), transaction.atomic():
        HourEntry.objects.filter(pk=entry.pk).delete()
