"""The search index, with each database's full-text machinery.

PostgreSQL: the `unaccent` extension, a text search configuration
`egov_search` (the `simple` one, every word first passed through unaccent, so
"Quyết định" and "quyet dinh" give the same lexemes; no stemming, which does
not exist for Vietnamese), and a GIN index on the stored vector.
SQLite: an FTS5 table whose rowid is the entry's id.
Other databases get neither and cannot search text.
"""

from __future__ import annotations

from typing import Any

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

WORD_TOKENS = (
    "asciiword, word, numword, asciihword, hword, numhword, "
    "hword_asciipart, hword_part, hword_numpart"
)

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'egov_search') THEN
        CREATE TEXT SEARCH CONFIGURATION egov_search (COPY = simple);
      END IF;
    END $$
    """,
    f"ALTER TEXT SEARCH CONFIGURATION egov_search ALTER MAPPING FOR {WORD_TOKENS} "
    "WITH unaccent, simple",
    "CREATE INDEX office_search_vector ON office_search_searchentry USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS office_search_vector",
    # The configuration and the extension may serve others: left in place.
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE office_search_fts USING fts5("
    "metadata, content, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS office_search_fts"]


def _run(schema_editor: Any, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forward(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps: Any, schema_editor: Any) -> None:
    _run(schema_editor, {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('organisation', '0002_agency_code_message'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('incoming', 'Văn bản đến'), ('outgoing', 'Văn bản đi')], max_length=10, verbose_name='loại')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='mã văn bản')),
                ('metadata', models.TextField(verbose_name='số, ký hiệu, trích yếu, nơi gửi')),
                ('content', models.TextField(blank=True, verbose_name='nội dung tệp')),
                ('vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True, verbose_name='chỉ mục (PostgreSQL)')),
                ('text_status', models.CharField(choices=[('pending', 'Chờ đọc nội dung tệp'), ('running', 'Đang nhận dạng chữ'), ('done', 'Đã đọc nội dung tệp'), ('no_ocr', 'Chưa có công cụ nhận dạng chữ (OCR)'), ('failed', 'Không đọc được nội dung tệp')], default='pending', max_length=10, verbose_name='trạng thái đọc tệp')),
                ('files_total', models.PositiveSmallIntegerField(default=0, verbose_name='số tệp')),
                ('files_done', models.PositiveSmallIntegerField(default=0, verbose_name='số tệp đã đọc')),
                ('error', models.CharField(blank=True, max_length=300, verbose_name='lỗi')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisation.unit', verbose_name='cơ quan')),
            ],
            options={
                'verbose_name': 'chỉ mục tìm kiếm văn bản',
                'verbose_name_plural': 'chỉ mục tìm kiếm văn bản',
                'ordering': ['kind', 'object_id'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='office_search_one_entry')],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
