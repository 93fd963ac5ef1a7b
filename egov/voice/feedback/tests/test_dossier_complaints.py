"""Feedback naming a dossier: the one-stop satisfaction indicator subtracts that dossier."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.organisation.indicators import complained_dossiers
from egov.voice.feedback import services
from egov.voice.feedback.models import Feedback
from egov.voice.feedback.tests.conftest import VN, send
from egov.voice.feedback.tests.test_pages import _form

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 5, 4, 9, 0, tzinfo=VN)
CODE = "001.01.30.H53-260301-0003"


def test_the_codes_named_before_a_moment_go_to_the_indicator_set_refused_ones_left_out(
    province: Province, cast: Cast
) -> None:
    with time_machine.travel(MONDAY, tick=False) as clock:
        # Typed in small letters and with a space: kept as the receipt prints it.
        named = send(province, dossier_code=" 001.01.30.h53-260301- 0003 ")
        refused = send(
            province,
            dossier_code="001.01.30.H53-260301-0004",
            sender_email="khac@example.vn",
            client_address="203.0.113.20",
        )
        services.refuse_feedback(actor=cast.specialist, feedback=refused, reason="Là khiếu nại.")
        send(province, sender_email="ba@example.vn", client_address="203.0.113.21")
        clock.shift(timedelta(days=1))
        send(
            province,
            dossier_code="001.01.30.H53-260301-0005",
            sender_email="sau@example.vn",
            client_address="203.0.113.22",
        )

    assert named.dossier_code == CODE
    # Through the platform's interface, as the one-stop indicator set asks.
    assert complained_dossiers(before=MONDAY + timedelta(hours=1)) == {CODE}
    assert complained_dossiers(before=MONDAY + timedelta(days=2)) == {
        CODE,
        "001.01.30.H53-260301-0005",
    }


def test_the_form_takes_the_dossier_code_and_staff_see_it(province: Province, cast: Cast) -> None:
    response = Client().post(
        "/y-kien/gui/", _form(province, dossier_code=CODE), REMOTE_ADDR="198.51.100.30"
    )
    feedback = Feedback.objects.get()
    staff = login(Client(), cast.specialist)

    assert response.status_code == 302
    assert feedback.dossier_code == CODE
    assert (
        f'<dd id="dossier-code">{CODE}</dd>'
        in staff.get(f"/y-kien/{feedback.pk}/").content.decode()
    )
