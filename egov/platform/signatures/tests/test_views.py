"""The signature settings page: one's own image and account, a unit's seal."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.signatures.models import SignerProfile, UnitSeal
from egov.platform.signatures.services import read_image

from .images import opaque_png, seal_png, signature_png

pytestmark = pytest.mark.django_db
URL = "/chu-ky-so/"


def _client(user: object) -> Client:
    client = Client()
    login(client, user)  # type: ignore[arg-type]
    return client


def png(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("anh.png", data, content_type="image/png")


def test_a_leader_uploads_their_image_and_account(cast: Cast) -> None:
    client = _client(cast.leader)
    assert "Chưa có ảnh chữ ký." in client.get(URL).content.decode()
    data = signature_png()

    uploaded = client.post(URL, {"action": "image", "image": png(data)}, follow=True)
    saved = client.post(URL, {"action": "account", "account": "hung.pv"}, follow=True)

    assert "Đã có ảnh chữ ký." in uploaded.content.decode()
    assert "Đã lưu." in saved.content.decode()
    profile = SignerProfile.objects.get(user=cast.leader)
    assert (read_image(profile.signature_image), profile.remote_account) == (data, "hung.pv")


def test_an_opaque_image_is_refused_in_vietnamese(cast: Cast) -> None:
    response = _client(cast.leader).post(URL, {"action": "image", "image": png(opaque_png())})

    assert response.status_code == 422
    assert "Ảnh phải có nền trong suốt (PNG có kênh alpha)." in response.content.decode()
    assert SignerProfile.objects.count() == 0


def test_an_administrator_uploads_a_seal_only_for_their_unit(
    cast: Cast, province: Province
) -> None:
    admin = _client(cast.admin)
    assert "Ảnh con dấu của cơ quan" in admin.get(URL).content.decode()
    assert "Ảnh con dấu của cơ quan" not in _client(cast.clerk).get(URL).content.decode()

    refused = admin.post(
        URL, {"action": "seal", "unit": province.province.pk, "image": png(seal_png())}
    )
    assert refused.status_code == 422
    assert UnitSeal.objects.count() == 0

    admin.post(URL, {"action": "seal", "unit": province.long_an.pk, "image": png(seal_png())})
    assert list(UnitSeal.objects.values_list("unit_id", "uploaded_by_id")) == [
        (province.long_an.pk, cast.admin.pk)
    ]
