from __future__ import annotations

from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from egov.onestop.procedures.importers import import_procedures
from egov.onestop.procedures.models import Procedure
from egov.onestop.procedures.tests.factories import birth_row, copy_row, write_json
from egov.platform.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _documents(code: str) -> list[tuple[int, str, int, int, bool, str]]:
    return list(
        Procedure.objects.get(code=code)
        .documents.order_by("position")
        .values_list("position", "name", "originals", "copies", "required", "form_template")
    )


def _events() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True))


def test_json_import_creates_procedures_with_documents_and_audit(tmp_path: Path) -> None:
    path = write_json(tmp_path, [birth_row(), copy_row()])

    report = import_procedures(path)

    assert report.summary() == "created 2, updated 0, unchanged 0, rejected 0"
    birth = Procedure.objects.select_related("field").get(code="1.001193")
    assert (birth.name, birth.field.name, birth.level, birth.online_class) == (
        "Đăng ký khai sinh",
        "Hộ tịch",
        "commune",
        "full",
    )
    assert (birth.channel_direct, birth.channel_online, birth.channel_postal) == (True, True, False)
    assert (birth.processing_days, birth.processing_hours) == (None, Decimal("4.00"))
    assert birth.search_text == "1.001193 dang ky khai sinh"
    assert _documents("1.001193") == [
        (1, "Tờ khai đăng ký khai sinh", 1, 0, True, "Tờ khai"),
        (2, "Giấy chứng sinh", 1, 0, True, ""),
    ]
    assert _documents("2.000815") == [
        (1, "Bản chính giấy tờ", 1, 0, True, ""),
        (2, "Bản sao", 0, 1, True, ""),
    ]
    assert _events() == [
        "procedures.field_created",
        "procedures.procedure_created",
        "procedures.field_created",
        "procedures.procedure_created",
    ]
    created = (
        AuditEvent.objects.filter(event_type="procedures.procedure_created").order_by("id").first()
    )
    assert created is not None
    assert created.details == {
        "code": "1.001193",
        "documents": 2,
        "source": "import:catalogue.json",
    }


def test_csv_import_reads_documents_column(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_text(
        "code,name,field,level,implementing_agency,channels,processing_days,processing_hours,"
        "fee_vnd,charge_vnd,result_type,online_class,documents\n"
        "2.000884,Chứng thực chữ ký,Chứng thực,Cấp xã,UBND cấp xã,direct;postal,,4,"
        '10.000,0,Giấy tờ được chứng thực chữ ký,Một phần,"Giấy tờ tùy thân|1|0|có;'
        'Văn bản cần ký|1|0|có|Mẫu 01;Giấy ủy quyền|0|1|không"\n',
        encoding="utf-8",
    )

    report = import_procedures(path)

    assert report.summary() == "created 1, updated 0, unchanged 0, rejected 0"
    signature = Procedure.objects.get(code="2.000884")
    assert (signature.level, signature.online_class, signature.fee_vnd) == (
        "commune",
        "partial",
        10000,
    )
    assert (signature.channel_direct, signature.channel_online, signature.channel_postal) == (
        True,
        False,
        True,
    )
    assert _documents("2.000884") == [
        (1, "Giấy tờ tùy thân", 1, 0, True, ""),
        (2, "Văn bản cần ký", 1, 0, True, "Mẫu 01"),
        (3, "Giấy ủy quyền", 0, 1, False, ""),
    ]


def test_second_run_changes_nothing_and_writes_no_event(tmp_path: Path) -> None:
    path = write_json(tmp_path, [birth_row(), copy_row()])
    import_procedures(path)
    events, document_ids = (
        AuditEvent.objects.count(),
        sorted(Procedure.objects.values_list("documents__id", flat=True)),
    )

    report = import_procedures(path)

    assert report.summary() == "created 0, updated 0, unchanged 2, rejected 0"
    assert report.unchanged == ["1.001193", "2.000815"]
    assert AuditEvent.objects.count() == events == 4
    assert sorted(Procedure.objects.values_list("documents__id", flat=True)) == document_ids


def test_update_changes_fields_and_keeps_documents_when_equal(tmp_path: Path) -> None:
    import_procedures(write_json(tmp_path, [birth_row()]))
    document_ids = sorted(Procedure.objects.values_list("documents__id", flat=True))

    report = import_procedures(
        write_json(tmp_path, [birth_row(fee_vnd=5000, name="Đăng ký khai sinh mới")])
    )

    assert report.summary() == "created 0, updated 1, unchanged 0, rejected 0"
    assert sorted(Procedure.objects.values_list("documents__id", flat=True)) == document_ids
    event = AuditEvent.objects.get(event_type="procedures.procedure_updated")
    assert event.details == {
        "changes": {
            "name": {"from": "Đăng ký khai sinh", "to": "Đăng ký khai sinh mới"},
            "fee_vnd": {"from": 0, "to": 5000},
        },
        "documents_replaced": False,
        "source": "import:catalogue.json",
    }
    assert Procedure.objects.get(code="1.001193").search_text == "1.001193 dang ky khai sinh moi"


def test_update_replaces_documents_when_they_differ(tmp_path: Path) -> None:
    import_procedures(write_json(tmp_path, [birth_row()]))

    report = import_procedures(
        write_json(tmp_path, [birth_row(documents=[{"name": "Tờ khai", "copies": 2}])])
    )

    assert report.updated == ["1.001193"]
    assert _documents("1.001193") == [(1, "Tờ khai", 1, 2, True, "")]
    event = AuditEvent.objects.get(event_type="procedures.procedure_updated")
    assert event.details == {
        "changes": {},
        "documents_replaced": True,
        "source": "import:catalogue.json",
    }


def test_the_eform_flag_is_imported_and_a_template_file_survives_a_new_list(
    tmp_path: Path,
) -> None:
    import_procedures(
        write_json(tmp_path, [birth_row(documents=[{"name": "Tờ khai", "filled_by_eform": True}])])
    )
    declaration = Procedure.objects.get(code="1.001193").documents.get()
    declaration.template_file.save("mau.pdf", ContentFile(b"%PDF-1.4 mau"), save=True)
    stored = declaration.template_file.name

    import_procedures(
        write_json(
            tmp_path,
            [
                birth_row(
                    documents=[
                        {"name": "Tờ khai", "copies": 1, "filled_by_eform": "có"},
                        {"name": "Giấy chứng sinh"},
                    ]
                )
            ],
        )
    )

    rows = Procedure.objects.get(code="1.001193").documents.order_by("position")
    assert [(d.name, d.copies, d.filled_by_eform, d.template_file.name) for d in rows] == [
        ("Tờ khai", 1, True, stored),
        ("Giấy chứng sinh", 0, False, ""),
    ]


REJECTIONS: list[tuple[dict[str, Any], str]] = [
    ({"code": "1.0011"}, "Mã thủ tục không đúng dạng (ví dụ 1.001193)."),
    ({"name": "  "}, "Thiếu tên thủ tục."),
    ({"field": ""}, "Thiếu lĩnh vực."),
    (
        {"level": "huyện"},
        "Cấp thực hiện không hợp lệ: “huyện” (dùng province, commune hoặc central).",
    ),
    (
        {"processing_days": 1},
        "Chỉ ghi thời hạn giải quyết theo ngày hoặc theo giờ, không ghi cả hai.",
    ),
    ({"processing_hours": None}, "Thiếu thời hạn giải quyết."),
    ({"processing_hours": "bốn"}, "Thời hạn giải quyết không phải là số: “bốn”."),
    ({"fee_vnd": -1000}, "Phí, lệ phí không được âm."),
    ({"charge_vnd": "10k"}, "Phí, lệ phí phải là số nguyên đồng: “10k”."),
    ({"implementing_agency": ""}, "Thiếu cơ quan thực hiện."),
    ({"result_type": ""}, "Thiếu kết quả thực hiện."),
    ({"channels": ["fax"]}, "Cách thức thực hiện không hợp lệ (dùng direct, online, postal)."),
    (
        {"online_class": "level4"},
        "Mức dịch vụ công trực tuyến không hợp lệ: “level4” (dùng full, partial hoặc none).",
    ),
    ({"documents": [{"name": ""}]}, "Thành phần hồ sơ thứ 1 thiếu tên giấy tờ."),
    (
        {"documents": [{"name": "Tờ khai", "copies": -1}]},
        "Thành phần hồ sơ thứ 1 có số bản chính hoặc bản sao âm.",
    ),
    ({"fees": 0}, "Trường không được hỗ trợ: fees."),
]


@pytest.mark.parametrize(("changes", "reason"), REJECTIONS, ids=[r[1][:30] for r in REJECTIONS])
def test_each_rejection_is_reported_and_other_rows_still_import(
    tmp_path: Path, changes: dict[str, Any], reason: str
) -> None:
    bad = birth_row(**changes)
    path = write_json(tmp_path, [copy_row(), bad])

    report = import_procedures(path)

    assert report.summary() == "created 1, updated 0, unchanged 0, rejected 1"
    assert [(r.row, r.code, r.reason) for r in report.rejected] == [(2, bad["code"], reason)]
    assert list(Procedure.objects.values_list("code", flat=True)) == ["2.000815"]
    assert _events() == ["procedures.field_created", "procedures.procedure_created"]


def test_duplicate_code_in_one_file_is_rejected(tmp_path: Path) -> None:
    path = write_json(tmp_path, [birth_row(), copy_row(), birth_row(name="Khác")])

    report = import_procedures(path)

    assert [str(r) for r in report.rejected] == [
        "row 3 (1.001193): Mã thủ tục lặp lại trong tệp (đã có ở dòng 1)."
    ]
    assert Procedure.objects.get(code="1.001193").name == "Đăng ký khai sinh"


def test_command_prints_summary_and_rejections_and_fails(tmp_path: Path) -> None:
    path = write_json(tmp_path, [copy_row(), birth_row(code="x"), birth_row(fee_vnd=-1)])
    out = StringIO()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_procedures", str(path), stdout=out)

    assert excinfo.value.returncode == 2
    assert out.getvalue().splitlines() == [
        "created 1, updated 0, unchanged 0, rejected 2",
        "row 2 (x): Mã thủ tục không đúng dạng (ví dụ 1.001193).",
        "row 3 (1.001193): Phí, lệ phí không được âm.",
    ]


def test_command_succeeds_silently_on_a_clean_file(tmp_path: Path) -> None:
    path = write_json(tmp_path, [copy_row()])
    out = StringIO()

    call_command("import_procedures", str(path), stdout=out)

    assert out.getvalue() == "created 1, updated 0, unchanged 0, rejected 0\n"


def test_command_refuses_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.xlsx"
    path.write_bytes(b"")

    with pytest.raises(CommandError, match="unsupported_format: Chỉ nhận tệp .json hoặc .csv."):
        call_command("import_procedures", str(path), stdout=StringIO())
    assert Procedure.objects.count() == 0
