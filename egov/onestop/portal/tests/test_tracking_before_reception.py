"""A dossier submitted online can be tracked at once, before the desk accepts it
(issue 17 item 10).

The official code (mã hồ sơ) is still issued at acceptance, from the daily
sequence (egov/onestop/dossiers/codes.py); registration gives a separate
tracking reference (mã theo dõi, `TD-` + 10 characters) that the
confirmation page and the e-mail show with the secret.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from egov.conftest import Cast, Province, login
from egov.onestop.dossiers.codes import is_tracking_reference
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services import accept_dossier
from egov.onestop.dossiers.tracking.selectors import public_view
from egov.onestop.portal.tests.conftest import Online
from egov.onestop.portal.tests.test_applying import URL, _post
from egov.platform.accounts.models import User
from egov.platform.notifications.models import OutboundEmail

REFERENCE = re.compile(r"TD-[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}")


def _submit(client: Client, online: Online, citizen: User, province: Province) -> Dossier:
    login(client, citizen)
    client.post(URL, _post(online, province))
    return Dossier.objects.get()


def test_the_submission_shows_and_mails_the_reference_and_the_secret(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    # When a citizen submits an application online (then goes on to pay the fee)
    login(client, citizen)
    client.post(URL, _post(online, province))

    # Then the dossier has no code yet, but a tracking reference
    dossier = Dossier.objects.get()
    reference, secret = dossier.tracking_reference, dossier.tracking_secret
    assert dossier.code is None
    assert reference is not None and REFERENCE.fullmatch(reference)
    # shown on the confirmation page, with a link to the public tracking page
    page = client.get(reverse("portal:dossier", args=[dossier.pk])).content.decode()
    assert (
        f"Theo dõi hồ sơ ngay từ bây giờ với mã theo dõi {reference} và mã tra cứu {secret}."
    ) in page
    assert f'<code id="tracking-reference">{reference}</code>' in page
    assert f'href="/tra-cuu/?ma={reference}&amp;bi_mat={secret}"' in page
    # and in the e-mail of the submission
    mail = OutboundEmail.objects.get(to_address="an.tran@example.vn")
    assert f"Mã theo dõi hồ sơ: {reference}. Mã tra cứu: {secret}." in mail.body
    assert f"/tra-cuu/?ma={reference}&bi_mat={secret}" in mail.body


def test_anyone_with_the_reference_and_secret_tracks_the_new_dossier(
    client: Client, online: Online, citizen: User, province: Province
) -> None:
    dossier = _submit(client, online, citizen, province)
    reference, secret = dossier.tracking_reference or "", dossier.tracking_secret
    visitor = Client()

    # Typed in lower case, as people do
    found = visitor.get("/tra-cuu/", {"ma": reference.lower(), "bi_mat": secret.lower()})
    wrong = visitor.get("/tra-cuu/", {"ma": reference, "bi_mat": "ZZZZZZ"})

    page = found.content.decode()
    assert found.status_code == 200
    assert f"<code>{reference}</code>" in page
    assert '<p class="status">Mới đăng ký</p>' in page
    assert f"<code>{reference}</code>" not in wrong.content.decode()
    assert "Mới đăng ký" not in wrong.content.decode()


def test_after_acceptance_the_reference_finds_the_official_code(
    client: Client, online: Online, citizen: User, province: Province, cast: Cast
) -> None:
    dossier = _submit(client, online, citizen, province)
    reference, secret = dossier.tracking_reference or "", dossier.tracking_secret

    accepted = accept_dossier(actor=cast.reception, dossier=dossier)

    by_reference = public_view(reference, secret=secret)
    by_code = public_view(accepted.code or "", secret=secret)
    assert by_reference is not None and by_code is not None
    assert by_reference.code == by_code.code == accepted.code
    assert (by_reference.status, by_reference.status_label) == (2, "Được tiếp nhận")
    assert accepted.tracking_reference == reference


@pytest.mark.django_db
def test_references_are_told_apart_from_codes() -> None:
    assert is_tracking_reference("TD-7K3M9QPAWX")
    assert not is_tracking_reference("TD-7K3M9QPAW")  # too short
    assert not is_tracking_reference("TD-7K3M9QPAW0")  # 0 is not in the alphabet
    assert not is_tracking_reference("000.00.01.H53-250710-0001")
    assert public_view("TD-7K3M9QPAWX", secret="ABC123") is None
