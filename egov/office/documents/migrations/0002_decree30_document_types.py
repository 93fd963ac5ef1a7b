"""The 29 administrative document types of Decree 30/2020/NĐ-CP, Appendix III.

Data administrators may correct in the admin. NOT VERIFIED against the
official appendix: the abbreviations of bản ghi nhớ (BGN) and bản thỏa thuận
(BTT); giấy nghỉ phép is NP here (some transcriptions give GNP). Thư công
has no number and symbol, so no abbreviation.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

# (name, abbreviation, is_letter), in the appendix's order.
TYPES = [
    ("Nghị quyết (cá biệt)", "NQ", False),
    ("Quyết định (cá biệt)", "QĐ", False),
    ("Chỉ thị", "CT", False),
    ("Quy chế", "QC", False),
    ("Quy định", "QyĐ", False),
    ("Thông cáo", "TC", False),
    ("Thông báo", "TB", False),
    ("Hướng dẫn", "HD", False),
    ("Chương trình", "CTr", False),
    ("Kế hoạch", "KH", False),
    ("Phương án", "PA", False),
    ("Đề án", "ĐA", False),
    ("Dự án", "DA", False),
    ("Báo cáo", "BC", False),
    ("Biên bản", "BB", False),
    ("Tờ trình", "TTr", False),
    ("Hợp đồng", "HĐ", False),
    ("Công văn", "", True),
    ("Công điện", "CĐ", False),
    ("Bản ghi nhớ", "BGN", False),
    ("Bản thỏa thuận", "BTT", False),
    ("Giấy ủy quyền", "GUQ", False),
    ("Giấy mời", "GM", False),
    ("Giấy giới thiệu", "GGT", False),
    ("Giấy nghỉ phép", "NP", False),
    ("Phiếu gửi", "PG", False),
    ("Phiếu chuyển", "PC", False),
    ("Phiếu báo", "PB", False),
    ("Thư công", "", False),
]


def add_types(apps: Any, schema_editor: Any) -> None:
    document_type = apps.get_model("office_documents", "DocumentType")
    for position, (name, abbreviation, is_letter) in enumerate(TYPES, start=1):
        document_type.objects.update_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "is_letter": is_letter, "position": position},
        )


def remove_types(apps: Any, schema_editor: Any) -> None:
    apps.get_model("office_documents", "DocumentType").objects.filter(
        name__in=[name for name, _a, _l in TYPES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("office_documents", "0001_documents_registers_incoming")]

    operations = [migrations.RunPython(add_types, remove_types)]
