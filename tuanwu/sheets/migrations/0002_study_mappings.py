"""The column mappings saved by 青年大学习 before mappings became the engine's: copied under the kind "study"."""

from django.db import migrations


def copy_study_mappings(apps, schema_editor):
    ImportMapping = apps.get_model("study", "ImportMapping")
    ColumnMapping = apps.get_model("sheets", "ColumnMapping")
    ColumnMapping.objects.bulk_create(
        ColumnMapping(
            kind="study",
            name=m.name,
            columns=m.columns,
            created_at=m.created_at,
            updated_at=m.updated_at,
            version=m.version,
        )
        for m in ImportMapping.objects.all()
    )


def copy_back(apps, schema_editor):
    ImportMapping = apps.get_model("study", "ImportMapping")
    ColumnMapping = apps.get_model("sheets", "ColumnMapping")
    ImportMapping.objects.bulk_create(
        ImportMapping(name=m.name, columns=m.columns, created_at=m.created_at, updated_at=m.updated_at, version=m.version)
        for m in ColumnMapping.objects.filter(kind="study")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sheets", "0001_initial"),
        ("study", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_study_mappings, copy_back)]
