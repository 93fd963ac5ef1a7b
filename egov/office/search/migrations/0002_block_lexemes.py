"""Every PostgreSQL vector gains the lexeme of its block of ids (backends.BLOCK).

The search of the newest documents asks the GIN index for the words and a
window's blocks together (backends, docs/performance.md). Entries indexed
from now on get the lexeme when written; this adds it to those already
there. SQLite's FTS5 table is unchanged: there a window is a plain
condition on the id.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

# backends.BLOCK when this migration was written; a migration keeps its own.
BLOCK = 4096
FORWARD = (
    "UPDATE office_search_searchentry SET vector = vector || "
    f"array_to_tsvector(ARRAY['~' || (object_id / {BLOCK})::text]) WHERE vector IS NOT NULL"
)
BACKWARD = (
    "UPDATE office_search_searchentry SET vector = "
    f"ts_delete(vector, '~' || (object_id / {BLOCK})::text) WHERE vector IS NOT NULL"
)


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("office_search", "0001_search_index")]

    operations = [migrations.RunPython(forward, backward)]
