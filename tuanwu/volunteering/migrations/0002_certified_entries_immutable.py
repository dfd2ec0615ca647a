"""The database itself refuses to change a certified hour entry (民政部令第67号: records are true and corrected
only by a new, reasoned record), whatever code path tries.

PostgreSQL also refuses to delete one (only the demo reset may, by `SET LOCAL tuanwu.ledger_purge = 'on'`). On
SQLite only updates are refused: Django empties SQLite tables between tests with DELETE, which a delete
trigger would block; no service deletes a certified entry.

Caution: Django rebuilds an SQLite table when a migration alters it, which drops its triggers. A migration
that alters volunteering_hourentry must create the trigger again (test_ledger_invariants checks it exists).
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER hour_entry_certified_no_update BEFORE UPDATE ON volunteering_hourentry
    WHEN OLD.status = 'certified'
    BEGIN SELECT RAISE(ABORT, 'CERTIFIED_ENTRY_IMMUTABLE: a certified hour entry cannot change'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS hour_entry_certified_no_update",
]
POSTGRES = [
    """CREATE FUNCTION hour_entry_certified_immutable() RETURNS trigger AS $$
    BEGIN
        -- The demo reset alone sets this, for its own transaction (SET LOCAL).
        IF TG_OP = 'DELETE' AND current_setting('tuanwu.ledger_purge', true) = 'on' THEN RETURN OLD; END IF;
        IF OLD.status = 'certified' THEN
            RAISE EXCEPTION 'CERTIFIED_ENTRY_IMMUTABLE: a certified hour entry cannot change'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER hour_entry_certified_immutable BEFORE UPDATE OR DELETE ON volunteering_hourentry
    FOR EACH ROW EXECUTE FUNCTION hour_entry_certified_immutable()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS hour_entry_certified_immutable ON volunteering_hourentry",
    "DROP FUNCTION IF EXISTS hour_entry_certified_immutable()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
