"""The profile page /tai-khoan/ho-so/."""

from __future__ import annotations

import datetime

from django.core import mail
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent
from egov.platform.citizens.models import CitizenProfile
from egov.platform.citizens.profile import profile_values
from egov.platform.citizens.tests.conftest import Commit, deliver, email_link


def test_citizen_edits_the_profile(cast: Cast, province: Province, client: Client) -> None:
    login(client, cast.citizen)
    page = client.get("/tai-khoan/ho-so/").content.decode()
    assert f'<option value="{province.long_an.pk}">Phường Long An – Tỉnh Tây Ninh</option>' in page
    assert f'value="{province.centre.pk}"' not in page

    response = client.post(
        "/tai-khoan/ho-so/",
        {
            "full_name": "Trần Văn Ân",
            "date_of_birth": "1990-04-30",
            "address": "12 Hùng Vương",
            "address_unit": str(province.long_an.pk),
        },
    )

    assert response["Location"] == "/tai-khoan/ho-so/"
    assert profile_values(User.objects.get(pk=cast.citizen.pk)) == {
        "full_name": "Trần Văn Ân",
        "date_of_birth": "1990-04-30",
        "id_number": "072090001234",
        "address": "12 Hùng Vương",
        "address_unit_id": str(province.long_an.pk),
        "phone": "",
        "email": "",
    }
    event = AuditEvent.objects.get(event_type="citizens.profile_updated")
    assert event.details == {"fields": ["full_name", "date_of_birth", "address", "address_unit"]}
    assert event.actor == cast.citizen


def test_a_birth_date_in_the_future_is_refused(cast: Cast, client: Client) -> None:
    login(client, cast.citizen)

    response = client.post(
        "/tai-khoan/ho-so/", {"full_name": "Trần Văn An", "date_of_birth": "2999-01-01"}
    )

    assert "Ngày sinh không được sau hôm nay." in response.content.decode()
    assert not CitizenProfile.objects.filter(user=cast.citizen).exists()


def test_the_id_number_cannot_be_changed_once_set(cast: Cast, client: Client) -> None:
    login(client, cast.citizen)

    client.post("/tai-khoan/ho-so/", {"full_name": "Trần Văn An", "id_number": "079999999999"})

    cast.citizen.refresh_from_db()
    assert cast.citizen.id_number == "072090001234"


def test_staff_have_no_citizen_profile_page(cast: Cast, client: Client) -> None:
    login(client, cast.specialist)

    assert client.get("/tai-khoan/ho-so/").status_code == 404
    response = client.post("/tai-khoan/ho-so/", {"full_name": "X"})
    assert response.status_code == 404
    cast.specialist.refresh_from_db()
    assert cast.specialist.full_name == "Lý Văn Tài"


def test_anonymous_visitor_is_sent_to_the_citizen_login(client: Client) -> None:
    response = client.get("/tai-khoan/ho-so/")

    assert response["Location"] == "/tai-khoan/dang-nhap/?next=/tai-khoan/ho-so/"


def test_a_new_email_replaces_the_old_only_once_confirmed(
    cast: Cast, client: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    cast.citizen.email = "cu@example.vn"
    cast.citizen.save()
    login(client, cast.citizen)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tai-khoan/ho-so/lien-lac/", {"contact": "moi@example.vn"})

    assert response["Location"] == "/tai-khoan/ho-so/"
    cast.citizen.refresh_from_db()
    assert cast.citizen.email == "cu@example.vn"
    assert mail.outbox == []
    deliver()
    assert mail.outbox[-1].to == ["moi@example.vn"]
    client.post(email_link())
    cast.citizen.refresh_from_db()
    assert cast.citizen.email == "moi@example.vn"
    assert CitizenProfile.objects.get(user=cast.citizen).email_confirmed_at is not None


def test_profile_values_of_a_registered_account(by_email: User) -> None:
    CitizenProfile.objects.filter(user=by_email).update(date_of_birth=datetime.date(2001, 1, 9))

    assert profile_values(by_email)["date_of_birth"] == "2001-01-09"
