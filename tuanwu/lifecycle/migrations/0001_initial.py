from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = [("people", "0005_membership_flags")]

    operations: list = []
