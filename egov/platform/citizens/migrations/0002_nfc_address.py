"""Stored citizens' addresses in Unicode NFC (issue 16, item 6): see egov/platform/core/text.py."""

from django.db import migrations

from egov.platform.core.text import normalise_rows


def to_nfc(apps, schema_editor):
    normalise_rows(apps.get_model("citizens", "CitizenProfile"), ["address"])


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_nfc, migrations.RunPython.noop, elidable=True)]
