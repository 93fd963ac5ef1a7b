"""Test documents, drawn by WeasyPrint at test time (no checked-in binaries)."""

from __future__ import annotations

from functools import cache

from weasyprint import HTML

DECISION = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm; }
body { font-family: "Liberation Serif", serif; font-size: 13pt; }
input { width: 55mm; height: 7mm; border: none; font-size: 12pt; }
</style></head><body>
<p>ỦY BAN NHÂN DÂN HUYỆN CHỢ ĐỒN</p>
<p>Số: <input type="text" name="so_ky_hieu"> Chợ Đồn, <input type="text" name="ngay_ban_hanh"></p>
<h1>QUYẾT ĐỊNH</h1>
<p>Về việc công nhận kết quả thử nghiệm chữ ký số.</p>
</body></html>"""


@cache
def plain_pdf() -> bytes:
    """A one-page decision without form fields (inputs drawn, not interactive)."""
    pdf = HTML(string=DECISION).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


@cache
def decision_with_fields() -> bytes:
    """The decision with empty text fields for the number and the date."""
    pdf = HTML(string=DECISION).write_pdf(pdf_forms=True)
    assert isinstance(pdf, bytes)
    return pdf
