"""Login through OpenID Connect against a real provider on loopback.

The provider (oidc_provider.py) runs in a thread on 127.0.0.1; Django's test
client plays our side and `requests` plays the browser at the provider, each
redirect followed by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client
from joserfc.jwk import RSAKey
from pytest_django.fixtures import Settings

from egov.conftest import Cast, login
from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.models import AuditEvent
from egov.platform.citizens.models import CitizenProfile
from egov.platform.citizens.tests.oidc_provider import KEY_ID, Provider

CLIENT_ID = "egov-dvc"
CLIENT_SECRET = "bi-mat-cua-ung-dung"
CLAIMS = {
    "citizen_id": "079301000999",
    "name": "Nguyễn Văn Bình",
    "email": "binh@example.vn",
    "email_verified": True,
}


@pytest.fixture
def provider(settings: Settings) -> Iterator[Provider]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    running = Provider(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, claims=dict(CLAIMS))
    running.start()
    settings.OIDC_ISSUER = running.issuer
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    yield running
    running.stop()


def go_to_provider(client: Client) -> str:
    """Our start page → the provider approves → the callback URL it sends back."""
    start = client.get("/tai-khoan/vneid/")
    assert start.status_code == 302
    approved = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert approved.status_code == 302
    callback = urlsplit(approved.headers["Location"])
    assert (callback.scheme, callback.netloc, callback.path) == (
        "http",
        "testserver",
        "/tai-khoan/vneid/callback/",
    )
    return f"{callback.path}?{callback.query}"


def counts() -> tuple[int, int, int]:
    return User.objects.count(), AuditEvent.objects.count(), CitizenProfile.objects.count()


def test_the_whole_flow_creates_and_logs_in_a_citizen(
    db: None, provider: Provider, client: Client
) -> None:
    # Given the provider on loopback
    start = client.get("/tai-khoan/vneid/")
    # Then our redirect asks for a code with PKCE S256, state and nonce
    query = parse_qs(urlsplit(start["Location"]).query)
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["scope"] == ["openid profile"]
    assert query["state"] == [client.session["citizens_oidc"]["state"]]
    assert query["nonce"] == [client.session["citizens_oidc"]["nonce"]]
    # When the browser goes to the provider and comes back
    approved = requests.get(start["Location"], allow_redirects=False, timeout=10)
    back = urlsplit(approved.headers["Location"])
    done = client.get(f"{back.path}?{back.query}")
    # Then a citizen account exists from the claims and is logged in
    assert done.status_code == 302
    assert done["Location"] == "/trang-cua-toi/"
    user = User.objects.get(id_number="079301000999")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.kind, user.full_name, user.email, user.is_active) == (
        AccountKind.CITIZEN,
        "Nguyễn Văn Bình",
        "binh@example.vn",
        True,
    )
    assert user.has_usable_password() is False
    profile = CitizenProfile.objects.get(user=user)
    assert profile.id_verified_at is not None
    assert profile.email_confirmed_at is not None
    event = AuditEvent.objects.get(event_type="citizens.registered_by_identity")
    assert event.details == {"sub": "vneid-0001", "iss": provider.issuer}
    assert provider.tokens_issued == 1
    # and the state is spent: the same callback again is refused
    replay = client.get(f"{back.path}?{back.query}")
    assert replay.status_code == 400


def test_second_login_finds_the_same_account(db: None, provider: Provider, client: Client) -> None:
    client.get(go_to_provider(client))
    client.logout()

    again = client.get(go_to_provider(client))

    assert again["Location"] == "/trang-cua-toi/"
    assert User.objects.filter(id_number="079301000999").count() == 1
    assert AuditEvent.objects.filter(event_type="citizens.registered_by_identity").count() == 1


def test_an_account_entered_by_an_administrator_logs_in(
    cast: Cast, provider: Provider, client: Client
) -> None:
    provider.user.claims["citizen_id"] = cast.citizen.id_number
    before = counts()

    done = client.get(go_to_provider(client))

    assert done["Location"] == "/trang-cua-toi/"
    assert client.session["_auth_user_id"] == str(cast.citizen.pk)
    assert counts() == before


def test_a_self_registered_unverified_number_is_not_taken_over(
    by_email: User, provider: Provider, client: Client
) -> None:
    # Given an account whose holder typed 079301000123 at registration
    provider.user.claims["citizen_id"] = "079301000123"
    User.objects.filter(pk=by_email.pk).update(is_active=True)
    before = counts()

    done = client.get(go_to_provider(client))

    assert done.status_code == 409
    assert "Hãy đăng nhập bằng mật khẩu" in done.content.decode()
    assert "_auth_user_id" not in client.session
    assert counts() == before


def test_a_logged_in_citizen_links_the_identity(
    by_email: User, provider: Provider, client: Client
) -> None:
    provider.user.claims["citizen_id"] = "079301000123"
    User.objects.filter(pk=by_email.pk).update(is_active=True)
    login(client, User.objects.get(pk=by_email.pk))

    done = client.get(go_to_provider(client))

    assert done["Location"] == "/tai-khoan/ho-so/"
    assert CitizenProfile.objects.get(user=by_email).id_verified_at is not None
    assert AuditEvent.objects.filter(event_type="citizens.identity_linked").count() == 1
    client.logout()
    # and from now on the identity logs in to that account
    assert client.get(go_to_provider(client))["Location"] == "/trang-cua-toi/"
    assert client.session["_auth_user_id"] == str(by_email.pk)


def test_a_bad_state_is_refused(db: None, provider: Provider, client: Client) -> None:
    callback = go_to_provider(client)
    state = parse_qs(urlsplit(callback).query)["state"][0]
    before = counts()

    done = client.get(callback.replace(state, "gia-mao"))

    assert done.status_code == 400
    assert (
        "Phiên đăng nhập bằng định danh điện tử không hợp lệ hoặc đã hết hạn. Hãy thử lại."
        in done.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert counts() == before
    assert provider.tokens_issued == 0


def test_a_wrong_nonce_is_refused(db: None, provider: Provider, client: Client) -> None:
    provider.forced_nonce = "nonce-cua-phien-khac"
    before = counts()

    done = client.get(go_to_provider(client))

    assert done.status_code == 400
    assert (
        "Kết quả xác thực không thuộc phiên đăng nhập này (nonce sai). Hãy thử lại."
        in done.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert counts() == before
    assert provider.tokens_issued == 1


def test_a_token_signed_by_another_key_is_refused(
    db: None, provider: Provider, client: Client
) -> None:
    provider.rogue_key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
    before = counts()

    done = client.get(go_to_provider(client))

    assert done.status_code == 400
    assert "Kết quả xác thực từ hệ thống định danh không hợp lệ." in done.content.decode()
    assert "_auth_user_id" not in client.session
    assert counts() == before
    assert provider.tokens_issued == 1


def test_a_wrong_client_secret_is_refused(
    db: None, provider: Provider, client: Client, settings: Settings
) -> None:
    callback = go_to_provider(client)
    settings.OIDC_CLIENT_SECRET = "sai"
    before = counts()

    done = client.get(callback)

    assert done.status_code == 503
    assert "Không kết nối được với hệ thống định danh." in done.content.decode()
    assert counts() == before


def test_a_staff_number_is_refused(cast: Cast, provider: Provider, client: Client) -> None:
    User.objects.filter(pk=cast.specialist.pk).update(id_number="079301000999")
    before = counts()

    done = client.get(go_to_provider(client))

    assert done.status_code == 403
    assert "_auth_user_id" not in client.session
    assert counts() == before


def test_the_button_shows_only_when_configured(
    db: None, provider: Provider, client: Client, settings: Settings
) -> None:
    shown = client.get("/tai-khoan/dang-nhap/").content.decode()
    settings.OIDC_CLIENT_SECRET = ""
    hidden = client.get("/tai-khoan/dang-nhap/").content.decode()

    assert 'href="/tai-khoan/vneid/">Đăng nhập bằng VNeID</a>' in shown
    assert "Đăng nhập bằng VNeID" not in hidden
    assert client.get("/tai-khoan/vneid/").status_code == 404


def test_an_unreachable_provider_gives_a_message(
    db: None, client: Client, settings: Settings
) -> None:
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET

    response = client.get("/tai-khoan/vneid/")

    assert response.status_code == 503
    assert "Không kết nối được với hệ thống định danh." in response.content.decode()


def test_claims_from_the_userinfo_endpoint_when_the_id_token_has_only_sub(
    db: None, provider: Provider, client: Client
) -> None:
    # Given a provider that returns the claims from UserInfo (OIDC Core §5.4)
    provider.claims_in_userinfo_only = True
    # When the citizen logs in
    done = client.get(go_to_provider(client))
    # Then the identity number and name come from UserInfo and the citizen is in
    assert done.status_code == 302
    user = User.objects.get(id_number="079301000999")
    assert (user.full_name, user.email) == ("Nguyễn Văn Bình", "binh@example.vn")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert provider.userinfo_calls == 1


def test_userinfo_is_not_asked_when_the_id_token_has_the_number(
    db: None, provider: Provider, client: Client
) -> None:
    client.get(go_to_provider(client))
    assert User.objects.filter(id_number="079301000999").count() == 1
    assert provider.userinfo_calls == 0


def test_userinfo_about_another_subject_is_refused(
    db: None, provider: Provider, client: Client
) -> None:
    # Given UserInfo that answers for someone else (OIDC Core §5.3.2)
    provider.claims_in_userinfo_only = True
    provider.userinfo_sub = "vneid-9999"
    before = counts()
    # When the citizen comes back from the provider
    refused = client.get(go_to_provider(client))
    # Then nothing is created and nobody is logged in
    assert refused.status_code == 400
    assert "không hợp lệ" in refused.content.decode()
    assert counts() == before
    assert "_auth_user_id" not in client.session
