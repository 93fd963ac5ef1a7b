from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.services import accept_dossier
from egov.onestop.portal.services import save_draft
from egov.onestop.portal.tests.conftest import Online, submit
from egov.platform.accounts.models import User


def _draft(online: Online, user: User, province: Province) -> None:
    save_draft(
        actor=user,
        procedure=online.desk.procedure,
        application=None,
        agency=province.long_an,
        form_data={},
    )


def test_my_dossiers_lists_drafts_and_dossiers_with_status_and_appointment(
    client: Client, online: Online, citizen: User, other: User, cast: Cast, province: Province
) -> None:
    accepted = accept_dossier(actor=cast.reception, dossier=submit(online, citizen, province))
    waiting = submit(online, citizen, province)
    _draft(online, citizen, province)
    theirs = submit(online, other, province)
    login(client, citizen)

    html = client.get("/dich-vu-cong/").content.decode()

    assert f"<code>{accepted.code}</code>" in html
    assert accepted.appointment_at is not None
    assert html.count("Được tiếp nhận") == 1
    assert html.count("Mới đăng ký") == 1
    assert f"/dich-vu-cong/ho-so/{waiting.pk}/" in html
    assert f"/dich-vu-cong/ho-so/{theirs.pk}/" not in html
    assert html.count("/dich-vu-cong/nhap/") == 1


def test_my_dossiers_query_count_does_not_grow_with_the_list(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    login(client, citizen)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dich-vu-cong/").status_code == 200
        return len(queries)

    submit(online, citizen, province)
    _draft(online, citizen, province)
    small = count()
    for _i in range(3):
        submit(online, citizen, province)
        _draft(online, citizen, province)

    # session, user, drafts, dossiers; then the session's idle-expiry save
    # (an UPDATE between SAVEPOINT and RELEASE)
    assert (small, count()) == (8, 8)
