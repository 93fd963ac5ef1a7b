"""Procedure objects as the import file holds them, for the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def birth_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "level": "commune",
        "implementing_agency": "Ủy ban nhân dân cấp xã",
        "channels": ["direct", "online"],
        "processing_hours": 4,
        "fee_vnd": 0,
        "charge_vnd": 0,
        "fee_note": "",
        "result_type": "Giấy khai sinh",
        "legal_basis": "Luật Hộ tịch 2014",
        "conditions": "",
        "online_class": "full",
        "unverified": "",
        "documents": [
            {
                "name": "Tờ khai đăng ký khai sinh",
                "originals": 1,
                "copies": 0,
                "required": True,
                "form_template": "Tờ khai",
            },
            {"name": "Giấy chứng sinh", "originals": 1, "copies": 0, "required": True},
        ],
    }
    row.update(changes)
    return row


def copy_row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "code": "2.000815",
        "name": "Chứng thực bản sao từ bản chính",
        "field": "Chứng thực",
        "level": "commune",
        "implementing_agency": "Ủy ban nhân dân cấp xã",
        "channels": ["direct"],
        "processing_days": "1",
        "fee_vnd": 2000,
        "result_type": "Bản sao được chứng thực",
        "online_class": "partial",
        "documents": [
            {"name": "Bản chính giấy tờ"},
            {"name": "Bản sao", "originals": 0, "copies": 1},
        ],
    }
    row.update(changes)
    return row


def write_json(directory: Path, rows: list[dict[str, Any]], name: str = "catalogue.json") -> Path:
    path = directory / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path
