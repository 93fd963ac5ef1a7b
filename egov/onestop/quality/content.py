"""The seven sections of a quality procedure, generated from the platform's own data.

The sections follow the usual layout of a quality procedure under TCVN ISO
9001:2015 in the framework model of Decision 101/QĐ-BKHCN (2019): purpose,
scope, references, definitions, the procedure (documents, fee, time, steps
and responsibilities), forms, records to keep. NOT VERIFIED: the fixed
wording below (purpose, scope, abbreviations, the forms of Circular
01/2018/TT-VPCP, retention) is a plausible default kept as data here, to
be checked against the province's own model before it is relied on.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from egov.onestop.procedures.fees import fee_quote
from egov.onestop.procedures.models import Process
from egov.onestop.procedures.processes import format_hours

# Section 4: the abbreviations every quality procedure of the one-stop desk uses.
DEFINITIONS = [
    ["TTHC", "Thủ tục hành chính"],
    ["UBND", "Ủy ban nhân dân"],
    ["TTPVHCC", "Trung tâm Phục vụ hành chính công"],
    ["HTQLCL", "Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015"],
]
# Section 6: the one-stop desk's own forms (Circular 01/2018/TT-VPCP, annex).
DESK_FORMS = [
    "Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "Mẫu số 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "Mẫu số 05: Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "Mẫu số 06: Sổ theo dõi hồ sơ",
]
# Section 7: the records, kept in the platform itself (linked, not copied).
RECORDS = [
    ["Hồ sơ đề nghị giải quyết TTHC và kết quả giải quyết", "Hồ sơ điện tử trên hệ thống"],
    ["Phiếu kiểm soát quá trình giải quyết hồ sơ", "Nhật ký xử lý của hồ sơ trên hệ thống"],
    ["Sổ theo dõi hồ sơ", "Sổ theo dõi trên hệ thống"],
]
RETENTION = "Theo quy định về thời hạn lưu trữ hồ sơ của cơ quan (chưa kiểm chứng)"


def _amount(value: int | None) -> str:
    if value is None:
        return "Theo mức do HĐND tỉnh quyết định (chưa nhập)"
    return f"{value:,} đồng".replace(",", ".")


def _days(value: Decimal | None) -> str:
    return "" if value is None else format_hours(value)


def build_content(process: Process) -> dict[str, Any]:
    """The seven sections for `process`'s procedure at its agency (plain JSON)."""
    procedure, agency = process.procedure, process.agency
    quote = fee_quote(procedure, online=False, agency=agency)
    steps = [
        {
            "position": step.position,
            "name": step.name,
            "unit": step.unit.name if step.unit is not None else "Trung tâm tiếp nhận hồ sơ",
            "role": str(step.get_role_display()),
            "hours": format_hours(step.allowance_hours),
        }
        for step in process.steps.select_related("unit").order_by("position")
    ]
    return {
        "purpose": (
            f"Quy định trình tự, cách thức và trách nhiệm giải quyết thủ tục "
            f"“{procedure.name}” tại {agency.name}, bảo đảm đúng quy định và đúng hạn."
        ),
        "scope": (
            f"Áp dụng đối với tổ chức, cá nhân có yêu cầu giải quyết thủ tục và cán bộ, "
            f"công chức của {agency.name} tham gia giải quyết."
        ),
        "references": [line.strip() for line in procedure.legal_basis.splitlines() if line.strip()]
        + ["TCVN ISO 9001:2015"],
        "definitions": DEFINITIONS,
        "procedure": {
            "code": procedure.code,
            "name": procedure.name,
            "conditions": procedure.conditions,
            "documents": [
                {
                    "name": doc.name,
                    "originals": doc.originals,
                    "copies": doc.copies,
                    "required": doc.required,
                }
                for doc in procedure.documents.order_by("position", "pk")
            ],
            "fee": _amount(quote.fee_vnd),
            "charge": _amount(quote.charge_vnd),
            "processing_days": _days(procedure.processing_days),
            "processing_hours": _days(procedure.processing_hours),
            "result": procedure.result_type,
            "steps": steps,
            "total_hours": format_hours(
                sum((s.allowance_hours for s in process.steps.all()), Decimal(0))
            ),
        },
        "forms": [
            doc.form_template
            for doc in procedure.documents.order_by("position", "pk")
            if doc.form_template
        ]
        + DESK_FORMS,
        "records": [[name, where, RETENTION] for name, where in RECORDS],
    }


def fingerprint(content: dict[str, Any]) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
