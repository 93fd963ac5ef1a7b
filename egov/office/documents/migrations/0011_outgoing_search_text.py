from typing import Any

from django.db import migrations, models

from egov.platform.core.text import fold


def fill(apps: Any, schema_editor: Any) -> None:
    """The folded search text of the documents written before the column
    (documents/public_text.py: notation, type, summary, body)."""
    outgoing = apps.get_model("office_documents", "OutgoingDocument")
    batch = []
    for document in outgoing.objects.select_related("document_type", "body").iterator():
        parts = (document.notation, document.document_type.name, document.summary, document.body.name)
        document.search_text = fold(" ".join(" ".join(part.split()) for part in parts))
        batch.append(document)
        if len(batch) == 500:
            outgoing.objects.bulk_update(batch, ["search_text"])
            batch = []
    outgoing.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("office_documents", "0010_register_closed"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingdocument",
            name="search_text",
            field=models.TextField(
                blank=True, editable=False, verbose_name="nội dung tìm kiếm (không dấu)"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
