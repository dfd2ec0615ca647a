"""The decreed holiday tables of 2025 and 2026, shipped as data (tuanwu/voice/holidays_data.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from tuanwu.voice.holidays_data import SOURCES, TABLES

    HolidayYear = apps.get_model("voice", "HolidayYear")
    CalendarDay = apps.get_model("voice", "CalendarDay")
    for year, rows in TABLES.items():
        table, _ = HolidayYear.objects.get_or_create(year=year, defaults={"source": SOURCES.get(year, "")})
        for date, kind, name, statutory in rows:
            CalendarDay.objects.get_or_create(
                date=date, defaults={"table": table, "kind": kind, "name": name, "statutory": statutory}
            )


def unload(apps, schema_editor):
    from tuanwu.voice.holidays_data import TABLES

    apps.get_model("voice", "HolidayYear").objects.filter(year__in=list(TABLES)).delete()


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
