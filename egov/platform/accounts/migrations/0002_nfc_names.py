"""Stored user names in Unicode NFC (issue 16, item 6): see egov/platform/core/text.py."""

from django.db import migrations

from egov.platform.core.text import normalise_rows


def to_nfc(apps, schema_editor):
    normalise_rows(apps.get_model("accounts", "User"), ["first_name", "last_name", "full_name"])
    normalise_rows(apps.get_model("accounts", "Membership"), ["title"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_nfc, migrations.RunPython.noop, elidable=True)]
