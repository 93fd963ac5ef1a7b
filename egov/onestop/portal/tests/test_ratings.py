from __future__ import annotations

import re

import pytest
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.models import Dossier, ReturnMethod
from egov.onestop.dossiers.services import return_result
from egov.onestop.portal.models import Rating, RatingValue
from egov.onestop.portal.ratings import percent, ratings_report
from egov.onestop.portal.services import rate_dossier
from egov.onestop.portal.tests.conftest import Online, submit, to_result
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import Conflict, NotFound


def _returned(online: Online, citizen: User, cast: Cast, province: Province) -> Dossier:
    dossier = to_result(submit(online, citizen, province), cast, online.desk)
    return return_result(actor=cast.reception, dossier=dossier, method=ReturnMethod.ONLINE)


def test_the_citizen_rates_once_after_the_return(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    dossier = _returned(online, citizen, cast, province)
    login(client, citizen)
    assert (
        "Bạn có hài lòng với việc giải quyết hồ sơ?"
        in client.get(f"/dich-vu-cong/ho-so/{dossier.pk}/").content.decode()
    )

    client.post(
        f"/dich-vu-cong/ho-so/{dossier.pk}/danh-gia/",
        {"muc_do": "satisfied", "gop_y": "Nhanh, gọn"},
    )
    again = client.post(
        f"/dich-vu-cong/ho-so/{dossier.pk}/danh-gia/", {"muc_do": "unsatisfied"}, follow=True
    )

    rating = Rating.objects.get()
    assert (rating.dossier, rating.user, rating.value, rating.comment) == (
        dossier,
        citizen,
        RatingValue.SATISFIED,
        "Nhanh, gọn",
    )
    html = again.content.decode()
    assert "Bạn đã đánh giá hồ sơ này." in html
    assert "Bạn đã đánh giá: <strong>Hài lòng</strong>" in html
    assert AuditEvent.objects.filter(event_type="portal.rated").count() == 1


def test_no_rating_before_the_return_nor_of_someone_elses_dossier(
    online: Online, citizen: User, other: User, cast: Cast, province: Province
) -> None:
    dossier = to_result(submit(online, citizen, province), cast, online.desk)

    with pytest.raises(Conflict) as early:
        rate_dossier(actor=citizen, dossier=dossier, value="satisfied")
    return_result(actor=cast.reception, dossier=dossier, method=ReturnMethod.ONLINE)
    with pytest.raises(NotFound):
        rate_dossier(actor=other, dossier=dossier, value="unsatisfied")

    assert early.value.code == "not_returned"
    assert Rating.objects.count() == 0


def test_percentages_round_half_up_with_a_decimal_comma() -> None:
    assert [percent(1, 3), percent(2, 3), percent(1, 8), percent(1, 1), percent(0, 0)] == [
        "33,3 %",
        "66,7 %",
        "12,5 %",
        "100 %",
        "0 %",
    ]


def test_ratings_per_unit_and_per_officer_for_staff_who_see_the_units(
    client: Client, online: Online, citizen: User, cast: Cast, province: Province
) -> None:
    # Given three returned online dossiers of Phường Long An, rated 2 satisfied, 1 not
    for value in ("satisfied", "satisfied", "unsatisfied"):
        dossier = _returned(online, citizen, cast, province)
        rate_dossier(actor=citizen, dossier=dossier, value=value)

    # When the commune's leader reads the figures
    report = ratings_report(online.desk.commune_leader)

    # Then the unit and each officer who touched the dossiers have 2/0/1
    expected = [
        ("Hài lòng", 2, "66,7 %"),
        ("Bình thường", 0, "0 %"),
        ("Không hài lòng", 1, "33,3 %"),
    ]
    assert [(t.name, t.cells, t.total) for t in report.units] == [("Phường Long An", expected, 3)]
    assert [(t.name, t.total) for t in report.officers] == [
        ("Lý Văn Tài", 3),
        ("Nguyễn Thị Thu Hà", 3),
        ("Trương Công Danh", 3),
    ]
    assert report.officers[0].cells == expected
    login(client, online.desk.commune_leader)
    html = client.get("/dich-vu-cong/danh-gia/").content.decode()
    assert re.search(r"Phường Long An</td>\s*<td[^>]*>2 \(66,7 %\)</td>", html)
    # An officer of another commune sees none of them
    assert ratings_report(cast.outsider).units == []
    login(client, cast.outsider)
    assert "Chưa có đánh giá." in client.get("/dich-vu-cong/danh-gia/").content.decode()


def test_citizens_do_not_see_the_ratings_page(client: Client, citizen: User) -> None:
    login(client, citizen)

    assert client.get("/dich-vu-cong/danh-gia/").status_code == 403
