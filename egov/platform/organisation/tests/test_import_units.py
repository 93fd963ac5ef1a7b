from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from egov.platform.audit.models import AuditEvent
from egov.platform.organisation.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("import_units", *args, stdout=out)
    return out.getvalue().strip()


def test_import_creates_tay_ninh_and_its_96_communes() -> None:
    output = _run("--province", "80")

    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    assert province.name == "Tỉnh Tây Ninh"
    assert province.parent is None
    assert output == "created 97, updated 0, unchanged 0"
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, parent=province)
    assert communes.count() == 96
    hung_dien = communes.get(stat_code="27727")
    assert hung_dien.name == "Xã Hưng Điền"
    assert hung_dien.path == f"{province.path}{hung_dien.pk}/"
    assert hung_dien.depth == 1
    assert AuditEvent.objects.filter(event_type="organisation.unit_created").count() == 97


def test_import_twice_changes_nothing() -> None:
    _run("--province", "80")
    before = list(Unit.objects.order_by("pk").values())
    events = AuditEvent.objects.count()

    output = _run("--province", "80")

    assert output == "created 0, updated 0, unchanged 97"
    assert list(Unit.objects.order_by("pk").values()) == before
    assert AuditEvent.objects.count() == events


def test_import_restores_a_renamed_commune() -> None:
    _run("--province", "80")
    Unit.objects.filter(stat_code="27727", kind=UnitKind.COMMUNE).update(name="Tên sai")

    output = _run("--province", "80")

    assert output == "created 0, updated 1, unchanged 96"
    assert Unit.objects.get(stat_code="27727", kind=UnitKind.COMMUNE).name == "Xã Hưng Điền"
    event = AuditEvent.objects.get(event_type="organisation.unit_updated")
    assert event.details == {
        "changes": {"name": {"from": "Tên sai", "to": "Xã Hưng Điền"}},
        "source": "1027/CTK-CSCL",
    }


def test_import_a_city_keeps_its_full_name() -> None:
    _run("--province", "01")

    hanoi = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="01")
    assert hanoi.name == "Thành phố Hà Nội"
    assert hanoi.children.get(stat_code="00070").name == "Phường Hoàn Kiếm"


def test_unknown_province_is_refused_and_nothing_written() -> None:
    with pytest.raises(CommandError, match="unknown_province: Không có tỉnh/thành phố mã 99."):
        _run("--province", "99")

    assert Unit.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_missing_reference_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="reference_missing"):
        _run("--province", "80", "--source", str(tmp_path))

    assert Unit.objects.count() == 0


def test_reference_dir_setting_points_at_shared_lists() -> None:
    assert (Path(settings.REFERENCE_DIR) / "admin-units" / "communes-2025.csv").is_file()
