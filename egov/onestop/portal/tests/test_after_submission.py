from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, DossierDocument, DossierStatus, ReturnMethod
from egov.onestop.dossiers.services import (
    accept_dossier,
    move_on,
    request_supplement,
    request_supplement_at_reception,
    return_result,
    withdraw,
)
from egov.onestop.portal.models import WithdrawalRequest
from egov.onestop.portal.tests.conftest import PDF, Online, pdf, submit
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _page(pk: int) -> str:
    return f"/dich-vu-cong/ho-so/{pk}/"


def test_the_citizen_sees_their_dossier_with_steps_but_no_officer_names(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    dossier = submit(online, citizen, province)
    dossier = accept_dossier(actor=cast.reception, dossier=dossier)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    login(client, citizen)

    html = client.get(_page(dossier.pk)).content.decode()

    assert f"<code>{dossier.code}</code>" in html
    assert '<span class="tag status-4" id="status">Đang xử lý</span>' in html
    assert "Tiếp nhận hồ sơ" in html
    assert "Thẩm định hồ sơ" in html
    assert cast.reception.full_name not in html
    assert "Phí, lệ phí" in html
    assert "Thanh toán phí, lệ phí 8.000 đồng" in html
    assert "<dt>Họ, chữ đệm, tên người được khai sinh</dt><dd>Trần Gia Bảo</dd>" in html
    assert "<dt>Ngày sinh</dt><dd>20/02/2026</dd>" in html
    # The officer sees the same answers on the desk's page
    login(client, cast.reception)
    staff_page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "Tờ khai trực tuyến" in staff_page
    assert "<dt>Họ, chữ đệm, tên người được khai sinh</dt><dd>Trần Gia Bảo</dd>" in staff_page


def test_someone_elses_dossier_is_not_found_and_reveals_nothing(
    client: Client, online: Online, citizen: User, other: User, cast: Cast, province: Province
) -> None:
    dossier = submit(online, citizen, province)
    dossier = request_supplement_at_reception(
        actor=cast.reception, dossier=dossier, items=["Giấy chứng sinh bản rõ nét"]
    )
    login(client, other)
    document = DossierDocument.objects.filter(dossier=dossier).first()
    assert document is not None

    for url in ("", "ket-qua/"):
        response = client.get(_page(dossier.pk) + url)
        assert response.status_code == 404
        assert "Trần Văn An" not in response.content.decode()
    for url, data in (
        ("bo-sung/", {f"tep_{document.pk}": pdf()}),
        ("rut/", {"ly_do": "Không cần nữa"}),
        ("danh-gia/", {"muc_do": "satisfied"}),
    ):
        assert client.post(_page(dossier.pk) + url, data).status_code == 404

    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.SUPPLEMENT
    assert WithdrawalRequest.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="portal.", actor=other).count() == 0


def test_the_online_supplement_restarts_the_clock(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    # Given a dossier accepted Mon 2 Mar 2026 08:00 (5 working days: Mon 9 Mar 08:00)
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=VN), tick=False):
        dossier = submit(online, citizen, province)
        dossier = accept_dossier(actor=cast.reception, dossier=dossier)
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    assert dossier.deadline_at == datetime(2026, 3, 9, 8, 0, tzinfo=VN)
    # and a supplement asked for at 09:00
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        request_supplement(
            actor=cast.specialist, dossier=dossier, items=["Giấy chứng sinh bản rõ nét"]
        )
    login(client, citizen)
    html = client.get(_page(dossier.pk)).content.decode()
    assert "Giấy chứng sinh bản rõ nét" in html
    assert "Gửi bổ sung" in html
    second = DossierDocument.objects.get(dossier=dossier, name="Giấy chứng sinh")
    # When the citizen uploads it a working day later, Tue 3 Mar 09:00
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=VN), tick=False):
        response = client.post(
            _page(dossier.pk) + "bo-sung/",
            {f"tep_{second.pk}": pdf("ro-net.pdf", PDF + b"ro net")},
        )
    # Then processing resumes and the deadline moves by the 7.5 office hours waited
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.deadline_at == datetime(2026, 3, 10, 8, 0, tzinfo=VN)
    assert dossier.appointment_at == datetime(2026, 3, 10, 8, 0, tzinfo=VN)
    second.refresh_from_db()
    assert second.scan.read() == PDF + b"ro net"
    request = dossier.supplements.get()
    assert (request.received_at, request.received_by) == (
        datetime(2026, 3, 3, 9, 0, tzinfo=VN),
        citizen,
    )
    assert list(
        AuditEvent.objects.filter(actor=citizen, event_type__contains="supplement")
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == ["portal.supplement_uploaded", "dossiers.supplement_received"]


def test_a_supplement_with_a_wrong_file_changes_nothing(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    dossier = submit(online, citizen, province)
    request_supplement_at_reception(actor=cast.reception, dossier=dossier, items=["Tờ khai"])
    first = DossierDocument.objects.get(dossier=dossier, name="Tờ khai đăng ký khai sinh")
    before = first.scan.name
    login(client, citizen)

    response = client.post(
        _page(dossier.pk) + "bo-sung/",
        {f"tep_{first.pk}": SimpleUploadedFile("to-khai.pdf", b"<html>", "application/pdf")},
        follow=True,
    )

    assert "Tệp «to-khai.pdf» không phải PDF, JPEG hoặc PNG." in response.content.decode()
    first.refresh_from_db()
    assert first.scan.name == before
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.SUPPLEMENT
    assert AuditEvent.objects.filter(event_type="portal.supplement_uploaded").count() == 0


def test_a_supplement_at_reception_returns_the_dossier_to_the_desk(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    dossier = submit(online, citizen, province)
    request_supplement_at_reception(actor=cast.reception, dossier=dossier, items=["Tờ khai"])
    document = DossierDocument.objects.get(dossier=dossier, name="Văn bản ủy quyền")
    login(client, citizen)

    client.post(_page(dossier.pk) + "bo-sung/", {f"tep_{document.pk}": pdf("uy-quyen.pdf")})

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW
    document.refresh_from_db()
    assert (document.received, document.originals) == (True, 1)


def test_a_withdrawal_request_waits_for_the_officer(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    dossier = accept_dossier(actor=cast.reception, dossier=submit(online, citizen, province))
    login(client, citizen)
    assert client.post(_page(dossier.pk) + "rut/", {"ly_do": "  "}).status_code == 302
    assert WithdrawalRequest.objects.count() == 0

    client.post(_page(dossier.pk) + "rut/", {"ly_do": "Đã nộp nhầm thủ tục"})

    request = WithdrawalRequest.objects.get()
    assert (request.dossier, request.user, request.reason, request.handled_at) == (
        dossier,
        citizen,
        "Đã nộp nhầm thủ tục",
        None,
    )
    assert AuditEvent.objects.filter(event_type="portal.withdrawal_requested").count() == 1
    second = client.post(_page(dossier.pk) + "rut/", {"ly_do": "Lần nữa"}, follow=True)
    assert "Yêu cầu rút hồ sơ đã được gửi, đang chờ cán bộ xử lý." in second.content.decode()
    assert WithdrawalRequest.objects.count() == 1
    # The officer sees it on the dossier page, and accepts it with the desk's action
    login(client, cast.reception)
    staff_page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    assert "Công dân yêu cầu rút hồ sơ" in staff_page
    assert "Đã nộp nhầm thủ tục" in staff_page
    withdraw(actor=cast.reception, dossier=dossier, reason="Công dân rút hồ sơ")
    request.refresh_from_db()
    assert request.handled_at is not None
    assert "Đã nộp nhầm thủ tục" not in client.get(f"/ho-so/{dossier.pk}/").content.decode()


def test_the_result_is_downloaded_by_its_owner_only_and_kept_in_the_store(
    client: Client, online: Online, citizen: User, other: User, cast: Cast, province: Province
) -> None:
    from egov.onestop.portal.models import StoredResult
    from egov.onestop.portal.tests.conftest import RESULT, to_result

    dossier = to_result(submit(online, citizen, province), cast, online.desk)
    login(client, citizen)

    response = client.get(_page(dossier.pk) + "ket-qua/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == RESULT  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment;")
    stored = StoredResult.objects.get()
    assert (stored.user, stored.dossier, stored.title) == (
        citizen,
        dossier,
        "Giấy khai sinh số 125/2026",
    )
    store = client.get("/dich-vu-cong/kho-ket-qua/").content.decode()
    assert "Giấy khai sinh số 125/2026" in store
    kept = client.get(f"/dich-vu-cong/kho-ket-qua/{stored.pk}/tai/")
    assert b"".join(kept.streaming_content) == RESULT  # type: ignore[attr-defined]
    login(client, other)
    assert client.get(_page(dossier.pk) + "ket-qua/").status_code == 404
    assert client.get(f"/dich-vu-cong/kho-ket-qua/{stored.pk}/tai/").status_code == 404


def test_a_partly_online_result_is_collected_at_the_desk_unless_returned_online(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    from egov.onestop.portal.models import StoredResult
    from egov.onestop.portal.tests.conftest import to_result

    online.desk.procedure.online_class = "partial"
    online.desk.procedure.save()
    dossier = to_result(submit(online, citizen, province), cast, online.desk)
    login(client, citizen)

    assert client.get(_page(dossier.pk) + "ket-qua/").status_code == 404
    assert StoredResult.objects.count() == 0
    assert (
        "Mời bạn nhận kết quả tại nơi tiếp nhận hồ sơ."
        in client.get(_page(dossier.pk)).content.decode()
    )

    return_result(actor=cast.reception, dossier=dossier, method=ReturnMethod.ONLINE)

    assert client.get(_page(dossier.pk) + "ket-qua/").status_code == 200
    assert StoredResult.objects.get().dossier == dossier


def test_a_desk_dossier_of_the_same_person_is_not_on_their_pages(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    from egov.onestop.dossiers.tests.conftest import receive

    desk_dossier = receive(online.desk, cast, province)
    login(client, citizen)

    assert client.get(_page(desk_dossier.pk)).status_code == 404
