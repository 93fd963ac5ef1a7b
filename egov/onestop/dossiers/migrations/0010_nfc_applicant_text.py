"""Stored names and addresses in Unicode NFC (issue 16, item 6).

Text that arrived decomposed (NFD) before the input guard normalised it would
not be found by a search typed in NFC. Only rows that change are written.
"""

from django.db import migrations

from egov.platform.core.text import normalise_rows

DOSSIER_FIELDS = [
    "applicant_name",
    "applicant_address",
    "delegate_name",
    "result_signer",
    "collected_by",
    "outcome_reason",
]


def to_nfc(apps, schema_editor):
    normalise_rows(apps.get_model("dossiers", "Dossier"), DOSSIER_FIELDS)
    normalise_rows(apps.get_model("dossiers", "DossierDocument"), ["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0009_random_upload_names"),
    ]

    # Not reversible to NFD (nothing recorded which rows were), and not needed.
    operations = [migrations.RunPython(to_nfc, migrations.RunPython.noop, elidable=True)]
