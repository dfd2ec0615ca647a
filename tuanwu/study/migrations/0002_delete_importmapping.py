"""Saved column mappings moved to the sheets engine (sheets.0002 copied them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0001_initial"),
        ("sheets", "0002_study_mappings"),
    ]

    operations = [migrations.DeleteModel(name="ImportMapping")]
