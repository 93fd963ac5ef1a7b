"""Import a province and its communes from the official lists.

The lists are `provinces-2025.csv` (915/CTK-CSCL: Stt, Mã số, Tên) and
`communes-2025.csv` (1027/CTK-CSCL: code, name, province) under
`<EGOV_REFERENCE_DIR>/admin-units/`. Units are matched by kind and statistical
code, so importing twice changes nothing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.core.errors import InvalidInput
from egov.platform.organisation.errors import OrganisationError
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.services import _create_unit, _update_unit

SOURCE = "1027/CTK-CSCL"
_PREFIXES = ("Thành phố ", "Tỉnh ")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def _bare(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InvalidInput(
            OrganisationError.REFERENCE_MISSING, _("Không tìm thấy tệp danh mục: %s") % path
        )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def import_province(
    *, province_code: str, source_dir: Path, actor: User | None = None
) -> ImportReport:
    code = province_code.strip().zfill(2)
    provinces = _read(source_dir / "provinces-2025.csv")
    row = next((r for r in provinces if r["Mã số"].strip() == code), None)
    if row is None:
        raise InvalidInput(
            OrganisationError.UNKNOWN_PROVINCE, _("Không có tỉnh/thành phố mã %s.") % code
        )
    bare = _bare(row["Tên 34 tỉnh sau sáp nhập"].strip())
    communes = [r for r in _read(source_dir / "communes-2025.csv") if _bare(r["province"]) == bare]
    full_name = communes[0]["province"].strip() if communes else row["Tên 34 tỉnh sau sáp nhập"]

    report = ImportReport()
    province = _upsert(
        report, actor=actor, kind=UnitKind.PROVINCE, code=code, name=full_name, parent=None
    )
    for commune in sorted(communes, key=lambda r: r["code"]):
        _upsert(
            report,
            actor=actor,
            kind=UnitKind.COMMUNE,
            code=commune["code"].strip(),
            name=commune["name"].strip(),
            parent=province,
        )
    return report


def _upsert(
    report: ImportReport,
    *,
    actor: User | None,
    kind: UnitKind,
    code: str,
    name: str,
    parent: Unit | None,
) -> Unit:
    existing = Unit.objects.filter(kind=kind, stat_code=code).first()
    if existing is None:
        unit = _create_unit(
            actor=actor,
            name=name,
            kind=kind,
            parent=parent,
            stat_code=code,
            agency_code=None,
            source=SOURCE,
        )
        report.created.append(f"{code} {name}")
        return unit
    changes: dict[str, object] = {}
    if existing.name != name:
        changes["name"] = name
    if existing.parent_id != (parent.pk if parent else None):
        changes["parent"] = parent
    if not changes:
        report.unchanged += 1
        return existing
    unit = _update_unit(actor=actor, unit=existing, changes=changes, source=SOURCE)
    report.updated.append(f"{code} {name}")
    return unit
