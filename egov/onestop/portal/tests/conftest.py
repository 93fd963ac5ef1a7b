"""The birth registration of egov/onestop/dossiers/tests offered online.

And a citizen who lives in Long An.

`online` makes the desk's procedure an online one ("toàn trình", 8.000 đồng
of charges) with a small e-form; `citizen` is the cast's citizen with a
profile address in Phường Long An; `other` is a second citizen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pytest_django.fixtures import Settings

from egov.conftest import PASSWORD, Cast, Province
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.services import accept_dossier, move_on, record_result
from egov.onestop.dossiers.tests.conftest import Desk, desk  # noqa: F401 - the fixture
from egov.onestop.dossiers.tests.samples import image_bytes, pdf_bytes
from egov.onestop.eforms.models import FormDefinition
from egov.onestop.eforms.services import save_form_definition
from egov.onestop.portal.services import save_and_submit
from egov.onestop.procedures.models import OnlineClass
from egov.platform.accounts.models import AccountKind, User
from egov.platform.accounts.services import create_account
from egov.platform.citizens.services import update_profile

PDF = pdf_bytes()
RESULT = pdf_bytes("Giấy khai sinh số 125/2026")
PNG = image_bytes("PNG")

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "child_name": {"type": "string", "title": "Họ, chữ đệm, tên người được khai sinh"},
        "child_birth_date": {"type": "string", "format": "date", "title": "Ngày sinh"},
        "requester_name": {
            "type": "string",
            "title": "Họ tên người yêu cầu",
            "x-prefill": "full_name",
        },
        "requester_id": {
            "type": "string",
            "title": "Số định danh cá nhân",
            "pattern": r"^\d{12}$",
            "x-message": "Số định danh cá nhân gồm đúng 12 chữ số.",
            "x-prefill": "id_number",
        },
    },
    "required": ["child_name", "child_birth_date", "requester_name", "requester_id"],
}
LAYOUT: dict[str, Any] = {
    "sections": [
        {
            "title": "Tờ khai đăng ký khai sinh",
            "fields": ["child_name", "child_birth_date", "requester_name", "requester_id"],
        }
    ]
}
# What a correct form posts (the e-form's inputs are prefixed "f_").
FORM_POST = {
    "f_child_name": "Trần Gia Bảo",
    "f_child_birth_date": "2026-02-20",
    "f_requester_name": "Trần Văn An",
    "f_requester_id": "072090001234",
}
FORM_DATA = {
    "child_name": "Trần Gia Bảo",
    "child_birth_date": "2026-02-20",
    "requester_name": "Trần Văn An",
    "requester_id": "072090001234",
}


def pdf(name: str = "giay-chung-sinh.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class Online:
    desk: Desk
    form: FormDefinition


@pytest.fixture
def online(desk: Desk, province: Province) -> Online:  # noqa: F811 - the fixture above
    procedure = desk.procedure
    procedure.channel_online = True
    procedure.online_class = OnlineClass.FULL
    procedure.charge_vnd = 8000
    procedure.save()
    form = save_form_definition(actor=None, procedure=procedure, schema=SCHEMA, layout=LAYOUT)
    return Online(desk=desk, form=form)


@pytest.fixture
def citizen(cast: Cast, province: Province) -> User:
    user = cast.citizen
    User.objects.filter(pk=user.pk).update(phone="0912345678", email="an.tran@example.vn")
    user.refresh_from_db()
    update_profile(
        actor=user,
        user=user,
        full_name="Trần Văn An",
        date_of_birth=date(1990, 5, 1),
        address="Khu phố 1, Phường Long An, Tỉnh Tây Ninh",
        address_unit=province.long_an,
    )
    return user


@pytest.fixture
def other(db: None) -> User:
    return create_account(
        actor=None,
        username="congdan2",
        password=PASSWORD,
        full_name="Lê Thị Bình",
        kind=AccountKind.CITIZEN,
        id_number="072090005678",
    )


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.PAYMENT_GATEWAY = "sandbox"


def submit(online: Online, citizen: User, province: Province) -> Dossier:
    """An online application submitted through the service, as the page does."""
    documents = online.desk.documents
    return save_and_submit(
        actor=citizen,
        procedure=online.desk.procedure,
        application=None,
        agency=province.long_an,
        form_data=FORM_DATA,
        uploads={documents[0].pk: pdf("to-khai.pdf"), documents[1].pk: pdf()},
    )


def to_result(dossier: Dossier, cast: Cast, on: Desk, *, file: bool = True) -> Dossier:
    """Accept, process, approve and record the signed result (status 9)."""
    dossier = accept_dossier(actor=cast.reception, dossier=dossier)
    dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
    dossier = move_on(actor=on.commune_leader, dossier=dossier, action="approve")
    return record_result(
        actor=cast.reception,
        dossier=dossier,
        number="125/2026",
        signed_on=timezone.localdate(),
        signer="Trương Công Danh",
        file=pdf("giay-khai-sinh.pdf", RESULT) if file else None,
    )
