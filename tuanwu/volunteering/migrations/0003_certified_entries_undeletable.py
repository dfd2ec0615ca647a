"""A certified hour entry can be neither changed nor deleted, by any statement the application's database user
may send.

SQLite: besides the update trigger of 0002, a delete trigger, and two triggers against conflict resolution.
REPLACE (INSERT OR REPLACE, UPDATE OR REPLACE) deletes the row it clashes with on a unique key without firing
delete triggers (recursive_triggers is off), so an insert, or an update, that would clash with a certified
entry on its primary key or on hour_entry_one_per_signup is refused before it runs. An upsert (ON CONFLICT DO
UPDATE) fires the update trigger.

PostgreSQL: the trigger function loses the `tuanwu.ledger_purge` switch that any session could set. Triggers
bind the table's owner too; what they cannot stop is the owner's DDL (DROP or DISABLE TRIGGER), TRUNCATE
(which fires no row triggers) and a superuser's `session_replication_role = replica`. The application must
therefore run as a role that is neither superuser nor owner of the tables, granted SELECT, INSERT, UPDATE and
DELETE only (docs/deployment.md); migrations and the demo reset (which empties the ledger with TRUNCATE) run
as the owner.

Caution: Django rebuilds an SQLite table when a migration alters it, which drops its triggers. A migration
that alters volunteering_hourentry must create them again (test_ledger_invariants checks they exist).
"""

from django.db import migrations

# A row that an insert or update of NEW would push out on a unique key: the same id, or the same sign-up for
# an original (not correcting) entry (hour_entry_one_per_signup).
_CLASH = """e.status = 'certified' AND (e.id = NEW.id OR (NEW.signup_id IS NOT NULL AND NEW.corrects_id IS NULL
        AND e.signup_id = NEW.signup_id AND e.corrects_id IS NULL))"""

SQLITE = [
    """CREATE TRIGGER hour_entry_certified_no_delete BEFORE DELETE ON volunteering_hourentry
    WHEN OLD.status = 'certified'
    BEGIN SELECT RAISE(ABORT, 'CERTIFIED_ENTRY_IMMUTABLE: a certified hour entry cannot be deleted'); END""",
    f"""CREATE TRIGGER hour_entry_certified_no_replace BEFORE INSERT ON volunteering_hourentry
    WHEN EXISTS (SELECT 1 FROM volunteering_hourentry AS e WHERE {_CLASH})
    BEGIN SELECT RAISE(ABORT, 'CERTIFIED_ENTRY_IMMUTABLE: a certified hour entry cannot be replaced'); END""",
    f"""CREATE TRIGGER hour_entry_certified_no_replace_update BEFORE UPDATE ON volunteering_hourentry
    WHEN EXISTS (SELECT 1 FROM volunteering_hourentry AS e WHERE e.id != OLD.id AND {_CLASH})
    BEGIN SELECT RAISE(ABORT, 'CERTIFIED_ENTRY_IMMUTABLE: a certified hour entry cannot be replaced'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS hour_entry_certified_no_delete",
    "DROP TRIGGER IF EXISTS hour_entry_certified_no_replace",
    "DROP TRIGGER IF EXISTS hour_entry_certified_no_replace_update",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION hour_entry_certified_immutable() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'certified' THEN
            RAISE EXCEPTION 'CERTIFIED_ENTRY_IMMUTABLE: a certified hour entry cannot change'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
]
POSTGRES_REVERSE = [
    """CREATE OR REPLACE FUNCTION hour_entry_certified_immutable() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND current_setting('tuanwu.ledger_purge', true) = 'on' THEN RETURN OLD; END IF;
        IF OLD.status = 'certified' THEN
            RAISE EXCEPTION 'CERTIFIED_ENTRY_IMMUTABLE: a certified hour entry cannot change'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0002_certified_entries_immutable")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
