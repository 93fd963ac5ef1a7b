"""The directory of agencies: the deployment's units and an imported list."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from egov.conftest import Province
from egov.office.exchange.directory import Agency, directory, import_agencies
from egov.office.exchange.errors import ExchangeError
from egov.office.exchange.models import OutsideAgency
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput
from egov.platform.organisation.models import Unit

HEADER = "ma_dinh_danh,ten_co_quan,dia_chi,email,dien_thoai\n"
LIST = (
    HEADER
    + '000.00.00.G22,Văn phòng Chính phủ,"Số 1 Hoàng Hoa Thám, Ba Đình, Hà Nội",'
    + "vpcp@gov.vn,8043100\n"
    + '000.00.00.H41,UBND tỉnh Nghệ An,"Số 03 Trường Thi, Vinh",nghean@gov.vn,0383840418\n'
)


def run(tmp_path: Path, text: str) -> str:
    path = tmp_path / "co-quan.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_agencies", str(path), stdout=out)
    return out.getvalue()


def test_importing_twice_changes_nothing_the_second_time(db: None, tmp_path: Path) -> None:
    assert run(tmp_path, LIST) == "Thêm 2, cập nhật 0, không đổi 0 cơ quan.\n"
    assert run(tmp_path, LIST) == "Thêm 0, cập nhật 0, không đổi 2 cơ quan.\n"

    agency = OutsideAgency.objects.get(organ_id="000.00.00.G22")
    assert (agency.name, agency.address, agency.email, agency.telephone) == (
        "Văn phòng Chính phủ",
        "Số 1 Hoàng Hoa Thám, Ba Đình, Hà Nội",
        "vpcp@gov.vn",
        "8043100",
    )
    assert list(AuditEvent.objects.order_by("pk").values_list("event_type", flat=True)) == [
        "exchange.agency_added",
        "exchange.agency_added",
    ]


def test_a_changed_row_updates_the_agency(db: None, tmp_path: Path) -> None:
    run(tmp_path, LIST)

    output = run(tmp_path, LIST.replace("UBND tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An"))

    assert output == "Thêm 0, cập nhật 1, không đổi 1 cơ quan.\n"
    assert (
        OutsideAgency.objects.get(organ_id="000.00.00.H41").name == "Ủy ban nhân dân tỉnh Nghệ An"
    )
    assert AuditEvent.objects.filter(event_type="exchange.agency_changed").count() == 1


def test_a_file_with_bad_rows_is_refused_whole_with_every_reason(
    province: Province, tmp_path: Path
) -> None:
    Unit.objects.filter(pk=province.province.pk).update(agency_code="000.00.00.H59")
    bad = (
        LIST
        + "12345,Cơ quan sai mã,,,\n"
        + "000.00.00.H14,,,,\n"
        + "000.00.00.G22,Văn phòng Chính phủ lần hai,,,\n"
        + "000.00.00.H59,UBND tỉnh Tây Ninh,,,\n"
    )

    with pytest.raises(InvalidInput) as caught:
        import_agencies(actor=None, data=bad.encode())

    assert caught.value.code == ExchangeError.DIRECTORY_INVALID
    assert caught.value.message == (
        "Danh sách cơ quan không được nhập: 4 lỗi. Không có dòng nào được ghi."
    )
    assert caught.value.details["problems"] == [
        "Dòng 4: mã định danh «12345» không đúng dạng (ví dụ 000.00.00.H41).",
        "Dòng 5: thiếu tên cơ quan.",
        "Dòng 6: mã định danh 000.00.00.G22 đã có ở dòng 2.",
        "Dòng 7: mã định danh 000.00.00.H59 là của một đơn vị trong hệ thống.",
    ]
    assert OutsideAgency.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="exchange.").count() == 0


def test_the_command_says_why_in_vietnamese(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        run(tmp_path, "ten,ma\nx,y\n")

    assert str(caught.value) == (
        "Danh sách cơ quan không được nhập: 1 lỗi. Không có dòng nào được ghi.\n"
        "Thiếu cột ma_dinh_danh, ten_co_quan ở dòng tiêu đề."
    )
    with pytest.raises(CommandError) as missing:
        call_command("import_agencies", str(tmp_path / "khong-co.csv"))
    assert str(missing.value).startswith("Không đọc được tệp ")


def test_the_directory_lists_own_units_then_outside_agencies(
    province: Province, tmp_path: Path
) -> None:
    Unit.objects.filter(pk=province.province.pk).update(agency_code="000.00.00.H59")
    Unit.objects.filter(pk=province.long_an.pk).update(agency_code="000.00.59.H59")
    run(tmp_path, LIST)

    listed = directory()

    own = [agency for agency in listed if agency.own]
    # Every unit with an identifier (the fixture gives several), by name, then the outside ones.
    assert own == sorted(own, key=lambda agency: agency.name)
    assert {agency.organ_id for agency in own} == set(
        Unit.objects.filter(agency_code__isnull=False).values_list("agency_code", flat=True)
    )
    assert Agency(organ_id="000.00.59.H59", name=province.long_an.name, own=True) in own
    assert listed[len(own) :] == [
        Agency(organ_id="000.00.00.H41", name="UBND tỉnh Nghệ An", own=False),
        Agency(organ_id="000.00.00.G22", name="Văn phòng Chính phủ", own=False),
    ]
    assert directory("Nghệ") == [
        Agency(organ_id="000.00.00.H41", name="UBND tỉnh Nghệ An", own=False)
    ]
    assert directory("000.00.00.G") == [
        Agency(organ_id="000.00.00.G22", name="Văn phòng Chính phủ", own=False)
    ]
