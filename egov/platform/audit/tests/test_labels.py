"""Every audit event type written anywhere has a Vietnamese label (issue 17 item 10).

The types are collected from the source, so a new `record_event(event_type=…)`
without a label fails here rather than showing an officer a raw code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from egov.platform.audit.labels import EVENT_LABELS, event_label

ROOT = Path(__file__).resolve().parents[3]  # the egov package

_LITERAL = re.compile(r'event_type="([a-z_.]+)"')
_CONSTANT = re.compile(r'^[A-Z_]*EVENT = "([a-z_.]+)"', re.MULTILINE)
_ADMIN_PREFIX = re.compile(r'audit_prefix = "([a-z_.]+)"')


def _sources() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


def _dossier_events() -> set[str]:
    # services/common.py writes `dossiers.<DossierEvent value>`.
    tree = ast.parse((ROOT / "onestop" / "events.py").read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "DossierEvent")
    return {
        f"dossiers.{node.value.value}"
        for node in cls.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _used_event_types() -> set[str]:
    found: set[str] = set()
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        found.update(_LITERAL.findall(text))
        found.update(_CONSTANT.findall(text))
        for prefix in _ADMIN_PREFIX.findall(text):
            found.update(f"{prefix}_{action}" for action in ("created", "updated", "deleted"))
    return found | _dossier_events()


def test_collection_finds_the_known_kinds() -> None:
    used = _used_event_types()
    assert {
        "dossiers.accepted",
        "dossiers.forward",
        "citizens.registered",
        "outbox.gave_up",
        "worker.deadline_reminder",
        "eforms.formdefinition_deleted",
    } <= used
    assert len(used) >= 60


def test_every_event_type_written_has_a_label() -> None:
    missing = sorted(t for t in _used_event_types() if t not in EVENT_LABELS)
    assert missing == []


def test_labels_are_vietnamese_text_not_codes() -> None:
    assert event_label("dossiers.accepted") == "Tiếp nhận hồ sơ"
    assert event_label("eforms.formdefinition_field_added") == "Thêm mục chi tiết"
    assert event_label("unknown.kind") == "Thao tác khác"
    for event_type, label in EVENT_LABELS.items():
        assert "." not in str(label) and "_" not in str(label), event_type
