"""Two-factor authentication of staff: enrol, log in with a code, recovery, the gate."""

from __future__ import annotations

import re
from binascii import unhexlify

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from egov.conftest import PASSWORD, Cast
from egov.platform.accounts.models import User
from egov.platform.accounts.twofactor import enrol_totp, new_secret, reset_two_factor
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import PermissionDenied

SETUP = "/xac-thuc-hai-lop/"
CODE = "/xac-thuc-hai-lop/nhap-ma/"
RESET = "/xac-thuc-hai-lop/tat/"
WRONG = "Mã xác thực không đúng hoặc đã được dùng."


def code_for(key: str) -> str:
    """What the authenticator app shows now."""
    return f"{totp(unhexlify(key), step=30, t0=0, digits=6):06d}"


def enrolled(user: User) -> tuple[str, list[str]]:
    """`user` with an app (its key) and recovery codes."""
    key = new_secret()
    enrolment = enrol_totp(actor=user, key=key, token=code_for(key))
    return key, enrolment.recovery_codes


def events(kind: str) -> int:
    return AuditEvent.objects.filter(event_type=kind).count()


def test_enrolment_shows_the_secret_then_confirms_with_a_code(cast: Cast) -> None:
    # Given the leader signed in, without a device
    client = Client()
    client.force_login(cast.leader)

    # When the enrolment page is opened, then confirmed with the app's code
    page = client.get(SETUP)
    text = page.content.decode()
    key = client.session["egov_2fa_enrol_key"]
    done = client.post(SETUP, {"code": code_for(key)})

    # Then the page showed the QR code and the secret, and nothing was stored yet
    assert page.status_code == 200
    assert "<svg" in text and "Khóa bí mật:" in text
    assert re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", text) is not None
    # and the confirmation stored one confirmed app and 10 recovery codes, shown once
    assert done.status_code == 200
    device = TOTPDevice.objects.get(user=cast.leader)
    assert (device.confirmed, device.key) == (True, key)
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=cast.leader).values_list("token", flat=True)
    )
    assert events("accounts.2fa_enrolled") == 1
    # and the codes are not shown again
    again = client.get(SETUP).content.decode()
    assert codes[0] not in again
    assert "Còn 10 mã dự phòng chưa dùng." in again


def test_a_wrong_enrolment_code_stores_nothing(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.leader)
    client.get(SETUP)
    key = client.session["egov_2fa_enrol_key"]
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"code": wrong})

    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert TOTPDevice.objects.count() == 0
    assert StaticDevice.objects.count() == 0
    assert events("accounts.2fa_enrolled") == 0


def test_login_asks_for_the_code_after_the_password(cast: Cast) -> None:
    key, _codes = enrolled(cast.specialist)
    client = Client()

    first = client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    # Not logged in yet: the password alone opens nothing
    assert first.status_code == 302
    assert first["Location"] == CODE
    assert "_auth_user_id" not in client.session
    assert client.get("/ho-so/").status_code == 302

    second = client.post(CODE, {"code": code_for(key)})

    assert second.status_code == 302
    assert second["Location"] == "/ho-so/"
    assert client.session["_auth_user_id"] == str(cast.specialist.pk)
    assert client.get("/ho-so/").status_code == 200


def test_a_wrong_code_is_refused_and_nothing_changes(cast: Cast) -> None:
    key, _codes = enrolled(cast.specialist)
    client = Client()
    client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=cast.specialist)
    wrong = f"{(int(code_for(key)) + 5) % 1_000_000:06d}"

    response = client.post(CODE, {"code": wrong})

    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "otp_device_id" not in client.session
    assert StaticToken.objects.filter(device__user=cast.specialist).count() == 10
    after = TOTPDevice.objects.get(user=cast.specialist)
    assert (after.key, after.confirmed, after.last_t) == (device.key, True, device.last_t)
    assert events("accounts.2fa_recovery_used") == 0


def test_a_recovery_code_works_once(cast: Cast) -> None:
    _key, codes = enrolled(cast.specialist)

    def log_in(code: str) -> tuple[Client, str]:
        client = Client()
        client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
        page = client.post(CODE, {"code": code}).content.decode()
        return client, page

    first, _page = log_in(codes[3])
    second, refused = log_in(codes[3])

    assert first.session["_auth_user_id"] == str(cast.specialist.pk)
    assert "_auth_user_id" not in second.session
    assert WRONG in refused
    assert StaticToken.objects.filter(device__user=cast.specialist).count() == 9
    assert events("accounts.2fa_recovery_used") == 1


@pytest.mark.parametrize("who", ["leader", "head", "admin"])
def test_without_a_device_every_page_leads_to_enrolment_when_required(
    cast: Cast, settings: Settings, who: str
) -> None:
    settings.EGOV_REQUIRE_2FA = True
    client = Client()
    client.force_login(getattr(cast, who))

    answers = {
        path: client.get(path)
        for path in ["/thong-ke/", "/ho-so/", "/trang-cua-toi/", "/admin/", "/tai-khoan/ho-so/"]
    }
    api = client.get("/api/v1/me/")

    for path, response in answers.items():
        assert response.status_code == 302, path
        assert response["Location"] == f"{SETUP}?next={path.replace('/', '%2F')}", path
    assert api.status_code == 403
    assert api.json()["code"] == "otp_required"
    assert client.get(SETUP).status_code == 200
    assert client.post("/dang-xuat/").status_code == 302


def test_a_specialist_is_not_required_and_the_setting_off_requires_no_one(
    cast: Cast, settings: Settings
) -> None:
    settings.EGOV_REQUIRE_2FA = True
    specialist = Client()
    specialist.force_login(cast.specialist)
    settings.EGOV_REQUIRE_2FA = False
    leader = Client()
    leader.force_login(cast.leader)

    assert leader.get("/thong-ke/").status_code == 200
    settings.EGOV_REQUIRE_2FA = True
    assert specialist.get("/ho-so/").status_code == 200


def test_an_enrolled_leader_reaches_pages_only_after_the_code(
    cast: Cast, settings: Settings
) -> None:
    settings.EGOV_REQUIRE_2FA = True
    key, _codes = enrolled(cast.leader)
    client = Client()
    client.force_login(cast.leader)  # the password, as through the admin's login page

    gated = client.get("/thong-ke/")
    client.post(CODE, {"code": code_for(key)})

    assert gated["Location"] == f"{CODE}?next=%2Fthong-ke%2F"
    assert client.get("/thong-ke/").status_code == 200


def test_the_admin_needs_a_verified_session_from_a_user_with_a_device(
    cast: Cast, superuser: User
) -> None:
    # Even with the requirement off, the admin's own login asks no code
    key, _codes = enrolled(superuser)
    client = Client()
    client.force_login(superuser)

    gated = client.get("/admin/")
    client.post(CODE, {"code": code_for(key)})

    assert gated.status_code == 302
    assert gated["Location"] == f"{CODE}?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 200


def test_one_user_cannot_reset_another_users_device(cast: Cast) -> None:
    enrolled(cast.leader)
    before = list(TOTPDevice.objects.values_list("pk", "key"))

    with pytest.raises(PermissionDenied) as refused:
        reset_two_factor(actor=cast.admin, user=cast.leader, verified=True)

    assert refused.value.code == "permission_denied"
    assert list(TOTPDevice.objects.values_list("pk", "key")) == before
    assert StaticToken.objects.filter(device__user=cast.leader).count() == 10
    assert events("accounts.2fa_reset") == 0


def test_another_users_pages_show_only_their_own_state(cast: Cast) -> None:
    # Given the leader's device; the specialist has none
    enrolled(cast.leader)
    client = Client()
    client.force_login(cast.specialist)

    # When the specialist opens the page and posts the reset
    page = client.get(SETUP).content.decode()
    reset = client.post(RESET)

    # Then he sees his own enrolment, and the leader's device is untouched
    assert "Bật xác thực hai lớp" in page
    assert reset.status_code == 302
    assert TOTPDevice.objects.filter(user=cast.leader).count() == 1
    assert StaticToken.objects.filter(device__user=cast.leader).count() == 10
    assert events("accounts.2fa_reset") == 0


def test_an_unverified_session_cannot_reset_its_own_device(cast: Cast) -> None:
    enrolled(cast.specialist)
    client = Client()
    client.force_login(cast.specialist)

    client.post(RESET)

    assert TOTPDevice.objects.filter(user=cast.specialist).count() == 1
    assert events("accounts.2fa_reset") == 0


def test_a_verified_owner_resets_and_can_enrol_again(cast: Cast) -> None:
    key, _codes = enrolled(cast.specialist)
    client = Client()
    client.post("/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})
    client.post(CODE, {"code": code_for(key)})

    client.post(RESET)

    assert TOTPDevice.objects.filter(user=cast.specialist).count() == 0
    assert StaticDevice.objects.filter(user=cast.specialist).count() == 0
    assert events("accounts.2fa_reset") == 1
    assert "Bật xác thực hai lớp" in client.get(SETUP).content.decode()


def test_citizens_have_no_enrolment_page(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.citizen)

    assert client.get(SETUP).status_code == 404
    assert TOTPDevice.objects.count() == 0


def test_the_citizens_login_page_also_asks_an_enrolled_officer_for_the_code(
    cast: Cast, settings: Settings
) -> None:
    # The citizens' page accepts a username too (ModelBackend)
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    key, _codes = enrolled(cast.specialist)
    client = Client()

    first = client.post("/tai-khoan/dang-nhap/", {"username": "chuyenvien", "password": PASSWORD})

    assert first["Location"] == CODE
    assert "_auth_user_id" not in client.session
    client.post(CODE, {"code": code_for(key)})
    assert client.session["_auth_user_id"] == str(cast.specialist.pk)
