"""The handwritten signature image (per user) and the seal image (per unit):
real transparent PNGs within the limits, audited, nobody else's."""

from __future__ import annotations

import pytest

from egov.conftest import Cast, Province
from egov.platform.audit.models import AuditEvent
from egov.platform.signatures.errors import SignatureErrorCode, SigningError
from egov.platform.signatures.images import MAX_BYTES, checked_png
from egov.platform.signatures.models import SignerProfile, UnitSeal
from egov.platform.signatures.services import (
    read_image,
    set_remote_account,
    upload_seal_image,
    upload_signature_image,
)

from .images import jpeg, opaque_png, seal_png, signature_png

pytestmark = pytest.mark.django_db


def refused(data: bytes) -> tuple[str, str]:
    with pytest.raises(SigningError) as raised:
        checked_png(data)
    return raised.value.code, raised.value.message


def test_a_transparent_png_is_accepted_with_its_size() -> None:
    assert checked_png(signature_png(300, 120)) == (300, 120)


def test_a_jpeg_is_not_a_png() -> None:
    assert refused(jpeg()) == ("signature.image_not_png", "Ảnh phải là tệp PNG đọc được.")


def test_a_truncated_png_is_refused() -> None:
    assert refused(signature_png()[:60])[0] == SignatureErrorCode.IMAGE_NOT_PNG


def test_an_opaque_png_is_refused() -> None:
    assert refused(opaque_png()) == (
        "signature.image_not_transparent",
        "Ảnh phải có nền trong suốt (PNG có kênh alpha).",
    )


def test_too_many_bytes_or_pixels_are_refused() -> None:
    assert refused(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_BYTES)[0] == "signature.image_too_large"
    assert refused(signature_png(2001, 10)) == (
        "signature.image_too_large",
        "Ảnh quá lớn (tối đa 1 MB và 2000 × 2000 điểm ảnh).",
    )


def test_a_user_uploads_their_own_signature_image(cast: Cast) -> None:
    data = signature_png()

    profile = upload_signature_image(actor=cast.leader, data=data)

    assert (profile.user, read_image(profile.signature_image)) == (cast.leader, data)
    event = AuditEvent.objects.get(event_type="signatures.signature_image_uploaded")
    assert (event.actor, event.details) == (
        cast.leader,
        {"width": 300, "height": 120, "bytes": len(data)},
    )


def test_a_new_image_replaces_the_old_one(cast: Cast) -> None:
    upload_signature_image(actor=cast.leader, data=signature_png(300, 120))
    second = signature_png(200, 80)

    profile = upload_signature_image(actor=cast.leader, data=second)

    assert SignerProfile.objects.count() == 1
    assert read_image(profile.signature_image) == second


def test_a_refused_upload_changes_nothing(cast: Cast) -> None:
    with pytest.raises(SigningError):
        upload_signature_image(actor=cast.leader, data=opaque_png())

    assert SignerProfile.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="signatures.").count() == 0


def test_the_remote_account_is_the_users_own(cast: Cast) -> None:
    profile = set_remote_account(actor=cast.leader, account="  hung.pv  ")

    assert (profile.user, profile.remote_account) == (cast.leader, "hung.pv")
    with pytest.raises(SigningError) as raised:
        set_remote_account(actor=cast.leader, account="  ")
    assert raised.value.code == "signature.no_remote_account"


def test_an_administrator_uploads_the_units_seal(cast: Cast, province: Province) -> None:
    data = seal_png()

    seal = upload_seal_image(actor=cast.admin, unit=province.long_an, data=data)

    assert (seal.unit, seal.uploaded_by, read_image(seal.image)) == (
        province.long_an,
        cast.admin,
        data,
    )
    event = AuditEvent.objects.get(event_type="signatures.seal_image_uploaded")
    assert (event.actor, event.unit) == (cast.admin, province.long_an)


def test_nobody_else_uploads_a_seal_and_nothing_changes(cast: Cast, province: Province) -> None:
    for actor, unit in (
        (cast.clerk, province.province),
        (cast.leader, province.province),
        (cast.admin, province.tan_ninh),
    ):
        with pytest.raises(SigningError) as raised:
            upload_seal_image(actor=actor, unit=unit, data=seal_png())
        assert (raised.value.code, raised.value.message) == (
            "signature.not_allowed",
            "Chỉ quản trị của cơ quan mới được tải lên ảnh con dấu.",
        )

    assert UnitSeal.objects.count() == 0
    assert AuditEvent.objects.filter(event_type__startswith="signatures.").count() == 0
