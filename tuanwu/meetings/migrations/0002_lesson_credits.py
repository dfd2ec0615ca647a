"""Lesson hours stop being a number typed on the application: each application's typed hours become a paper
record (LessonCredit) of its person, with the evidence naming where they came from, so that admission reads them
with the hours attended. One batch event per county says how many were converted."""

from django.db import migrations, models

# The evidence of a converted number; the reverse migration removes exactly these records.
EVIDENCE = "入团申请中登记的学时（迁移）"
STEPLEN = 4


def convert(apps, schema_editor):
    """Every application with lesson hours above zero gives its person a paper record of those hours, earned on the
    day they became an activist (or, before that, applied)."""
    Application = apps.get_model("admission", "Application")
    LessonCredit = apps.get_model("meetings", "LessonCredit")
    Organization = apps.get_model("organizations", "Organization")
    BatchEvent = apps.get_model("audit", "BatchEvent")
    credits = []
    per_county: dict[str, int] = {}
    rows = Application.objects.filter(lesson_hours__gt=0).select_related("organization").order_by("pk")
    for app in rows.iterator(chunk_size=2000):
        credits.append(
            LessonCredit(
                person_id=app.person_id,
                organization_id=app.organization_id,
                hours=app.lesson_hours,
                earned_on=app.activist_on or app.applied_on,
                evidence=EVIDENCE,
            )
        )
        county = app.organization.path[:STEPLEN]
        per_county[county] = per_county.get(county, 0) + 1
    LessonCredit.objects.bulk_create(credits, batch_size=2000)
    counties = {o.path: o for o in Organization.objects.filter(path__in=sorted(per_county))}
    BatchEvent.objects.bulk_create(
        [
            BatchEvent(
                organization=counties[path],
                kind="lesson_credits_migrated",
                description=f"入团申请中登记的团课学时转为纸质学时记录：{n} 条",
                rows=n,
            )
            for path, n in sorted(per_county.items())
            if path in counties
        ]
    )


def unconvert(apps, schema_editor):
    apps.get_model("meetings", "LessonCredit").objects.filter(evidence=EVIDENCE).delete()
    apps.get_model("audit", "BatchEvent").objects.filter(kind="lesson_credits_migrated").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("admission", "0003_policy_ceremony_months"),
        ("audit", "0002_accesslog_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrollment",
            name="note",
            field=models.CharField(blank=True, max_length=200, verbose_name="reason"),
        ),
        migrations.RunPython(convert, unconvert),
    ]
