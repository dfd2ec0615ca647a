from django.db import migrations, models


class Migration(migrations.Migration):
    """Founding dates, entered by hand: existing organizations start without one and are listed for completion."""

    dependencies = [
        ("organizations", "0003_graduates_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="founded_on",
            field=models.DateField(blank=True, null=True, verbose_name="founded on"),
        ),
    ]
