"""Import the procedure catalogue from JSON or CSV (docs/procedures-import.md).

Procedures are matched by code, so importing the same file twice changes
nothing and writes no audit event. Each row is its own transaction: a bad row
is reported (row number, code, Vietnamese reason) and the others still land.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.onestop.procedures.errors import ProcedureError
from egov.onestop.procedures.models import OnlineClass, ProcedureLevel
from egov.onestop.procedures.services import (
    DocumentSpec,
    Outcome,
    ProcedureSpec,
    upsert_procedure,
)
from egov.onestop.procedures.text import fold
from egov.platform.accounts.models import User
from egov.platform.core.errors import DomainError, InvalidInput

DEMO_CATALOGUE = Path(__file__).resolve().parent / "demo_catalogue.json"

KEYS = (
    "code",
    "name",
    "field",
    "level",
    "implementing_agency",
    "channels",
    "processing_days",
    "processing_hours",
    "fee_vnd",
    "charge_vnd",
    "fee_online_vnd",
    "charge_online_vnd",
    "fee_set_by_council",
    "fee_note",
    "result_type",
    "legal_basis",
    "conditions",
    "online_class",
    "unverified",
    "documents",
)
DOCUMENT_KEYS = ("name", "originals", "copies", "required", "form_template", "filled_by_eform")

# Values may also be written as the Vietnamese labels, without diacritics or with.
_LEVELS = {fold(str(label)): value for value, label in ProcedureLevel.choices}
_ONLINE = {fold(str(label)): value for value, label in OnlineClass.choices}
_CHANNELS = {"truc tiep": "direct", "truc tuyen": "online", "buu chinh": "postal"}
_TRUE = {"1", "true", "yes", "co", "x"}
_FALSE = {"0", "false", "no", "khong", ""}


@dataclass(frozen=True)
class Rejection:
    row: int
    code: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row} ({self.code or '-'}): {self.reason}"


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"created {len(self.created)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, rejected {len(self.rejected)}"
        )


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidInput(
            ProcedureError.INVALID_VALUE, _("Trường “%s” phải là chuỗi ký tự.") % key
        )
    return str(value).strip()


def _decimal(row: Mapping[str, Any], key: str) -> Decimal | None:
    raw = _text(row, key).replace(",", ".")
    if raw == "":
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise InvalidInput(
            ProcedureError.INVALID_PROCESSING_TIME,
            _("Thời hạn giải quyết không phải là số: “%s”.") % raw,
        ) from exc
    if not value.is_finite():
        raise InvalidInput(
            ProcedureError.INVALID_PROCESSING_TIME,
            _("Thời hạn giải quyết không phải là số: “%s”.") % raw,
        )
    return value


def _money(row: Mapping[str, Any], key: str) -> int:
    value = row.get(key)
    if value is None or value == "":
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # "50.000" and "50 000" are how amounts in đồng are written in Vietnam.
    raw = str(value).strip().replace(".", "").replace(" ", "")
    if isinstance(value, str) and raw.lstrip("-").isdigit():
        return int(raw)
    raise InvalidInput(
        ProcedureError.INVALID_FEE,
        _("Phí, lệ phí phải là số nguyên đồng: “%s”.") % str(value).strip(),
    )


def _choice(raw: str, values: list[str], labels: Mapping[str, str], default: str = "") -> str:
    folded = fold(raw)
    if folded == "":
        return default
    if folded in values:
        return folded
    return labels.get(folded, raw)


def _channels(value: Any) -> frozenset[str]:
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise InvalidInput(
            ProcedureError.UNKNOWN_CHANNEL, _("Cách thức thực hiện phải là một danh sách.")
        )
    folded = [fold(str(item)) for item in items]
    return frozenset(_CHANNELS.get(item, item) for item in folded if item)


def _count(value: Any, what: str, number: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raw = str(value).strip()
    if raw.lstrip("-").isdigit():
        return int(raw)
    raise InvalidInput(
        ProcedureError.INVALID_DOCUMENT,
        _("Thành phần hồ sơ thứ %(number)d: %(what)s phải là số nguyên.")
        % {"number": number, "what": what},
    )


def _optional_money(row: Mapping[str, Any], key: str) -> int | None:
    """An online amount: empty means "as when submitted directly"."""
    value = row.get(key)
    if value is None or value == "":
        return None
    return _money(row, key)


def _council(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    folded = fold(str(value))
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise InvalidInput(
        ProcedureError.INVALID_FEE,
        _("“Mức thu do HĐND tỉnh quyết định” phải là có/không."),
    )


def _flag(value: Any, number: int) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(str(value))
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise InvalidInput(
        ProcedureError.INVALID_DOCUMENT,
        _("Thành phần hồ sơ thứ %d: “bắt buộc” phải là có/không.") % number,
    )


def _document(item: Any, number: int) -> DocumentSpec:
    if isinstance(item, str):
        # CSV: name|originals|copies|required|form_template|filled_by_eform,
        # trailing parts optional.
        item = dict(zip(DOCUMENT_KEYS, item.split("|"), strict=False))
    if not isinstance(item, Mapping):
        raise InvalidInput(
            ProcedureError.INVALID_DOCUMENT, _("Thành phần hồ sơ thứ %d không đúng dạng.") % number
        )
    unknown = sorted(set(item) - set(DOCUMENT_KEYS))
    if unknown:
        raise InvalidInput(
            ProcedureError.INVALID_DOCUMENT,
            _("Thành phần hồ sơ thứ %(number)d có trường không hỗ trợ: %(keys)s.")
            % {"number": number, "keys": ", ".join(unknown)},
        )
    return DocumentSpec(
        name=str(item.get("name") or "").strip(),
        originals=_count(item.get("originals", 1), _("số bản chính"), number),
        copies=_count(item.get("copies", 0), _("số bản sao"), number),
        required=_flag(item.get("required", True), number),
        form_template=str(item.get("form_template") or "").strip(),
        filled_by_eform=_flag(item.get("filled_by_eform", False), number),
    )


def _documents(value: Any) -> tuple[DocumentSpec, ...]:
    if value is None or value == "":
        return ()
    items = [part for part in value.split(";") if part.strip()] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise InvalidInput(
            ProcedureError.INVALID_DOCUMENT, _("Thành phần hồ sơ phải là một danh sách.")
        )
    return tuple(_document(item, number) for number, item in enumerate(items, start=1))


def spec_from_row(row: Mapping[str, Any]) -> ProcedureSpec:
    """Read one procedure object; raises InvalidInput with the reason."""
    unknown = sorted(set(row) - set(KEYS))
    if unknown:
        raise InvalidInput(
            ProcedureError.UNKNOWN_KEY, _("Trường không được hỗ trợ: %s.") % ", ".join(unknown)
        )
    return ProcedureSpec(
        code=_text(row, "code"),
        name=_text(row, "name"),
        field_name=_text(row, "field"),
        level=_choice(_text(row, "level"), ProcedureLevel.values, _LEVELS),
        implementing_agency=_text(row, "implementing_agency"),
        result_type=_text(row, "result_type"),
        channels=_channels(row.get("channels") or ["direct"]),
        processing_days=_decimal(row, "processing_days"),
        processing_hours=_decimal(row, "processing_hours"),
        fee_vnd=_money(row, "fee_vnd"),
        charge_vnd=_money(row, "charge_vnd"),
        fee_online_vnd=_optional_money(row, "fee_online_vnd"),
        charge_online_vnd=_optional_money(row, "charge_online_vnd"),
        fee_set_by_council=_council(row.get("fee_set_by_council")),
        fee_note=_text(row, "fee_note"),
        legal_basis=_text(row, "legal_basis"),
        conditions=_text(row, "conditions"),
        online_class=_choice(
            _text(row, "online_class"), OnlineClass.values, _ONLINE, OnlineClass.NONE
        ),
        unverified=_text(row, "unverified"),
        documents=_documents(row.get("documents")),
    )


def read_rows(path: Path) -> list[tuple[int, Mapping[str, Any]]]:
    """The numbered rows of a JSON (1 = first object) or CSV (1 = header) file."""
    if not path.is_file():
        raise InvalidInput(ProcedureError.FILE_MISSING, _("Không tìm thấy tệp: %s") % path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                ProcedureError.INVALID_FILE, _("Tệp JSON không hợp lệ: %s") % exc
            ) from exc
        if not isinstance(data, list):
            raise InvalidInput(
                ProcedureError.INVALID_FILE, _("Tệp JSON phải là một danh sách thủ tục.")
            )
        return [
            (number, item if isinstance(item, Mapping) else {"": item})
            for number, item in enumerate(data, start=1)
        ]
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            unknown = sorted(set(header) - set(KEYS))
            if "code" not in header or unknown:
                raise InvalidInput(
                    ProcedureError.INVALID_FILE,
                    _("Dòng tiêu đề CSV phải có cột code và chỉ các cột: %s.") % ", ".join(KEYS),
                )
            reader.fieldnames = header
            return [(number, row) for number, row in enumerate(reader, start=2)]
    raise InvalidInput(ProcedureError.UNSUPPORTED_FORMAT, _("Chỉ nhận tệp .json hoặc .csv."))


def import_rows(
    rows: Iterable[tuple[int, Mapping[str, Any]]], *, actor: User | None, source: str
) -> ImportReport:
    report = ImportReport()
    seen: dict[str, int] = {}
    for number, row in rows:
        code = str(row.get("code") or "").strip()
        if code in seen:
            reason = _("Mã thủ tục lặp lại trong tệp (đã có ở dòng %d).") % seen[code]
            report.rejected.append(Rejection(number, code, reason))
            continue
        if code:
            seen[code] = number
        try:
            spec = spec_from_row(row)
            # One savepoint per row: a failure rolls back only that row.
            with transaction.atomic():
                outcome = upsert_procedure(actor=actor, spec=spec, source=source)[1]
        except DomainError as exc:
            report.rejected.append(Rejection(number, code, exc.message))
            continue
        {
            Outcome.CREATED: report.created,
            Outcome.UPDATED: report.updated,
            Outcome.UNCHANGED: report.unchanged,
        }[outcome].append(code)
    return report


def import_procedures(path: Path, *, actor: User | None = None) -> ImportReport:
    return import_rows(read_rows(path), actor=actor, source=f"import:{path.name}")


def load_demo_catalogue() -> ImportReport:
    """Import the demo catalogue shipped with the code (idempotent)."""
    return import_procedures(DEMO_CATALOGUE)
