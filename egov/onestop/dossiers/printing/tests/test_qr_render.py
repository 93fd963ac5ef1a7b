"""The QR code's address, the offline fetcher, the Vietnamese dates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.printing.forms import moment_text, place_name
from egov.onestop.dossiers.printing.qr import qr_svg, tracking_url
from egov.onestop.dossiers.printing.render import RefusedURL, html_to_pdf, renderer
from egov.onestop.dossiers.printing.tests.pdf import text

DEJAVU = "file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def test_tracking_url_defaults_to_the_local_site(accepted: Dossier) -> None:
    assert tracking_url(accepted) == (
        "http://127.0.0.1:8000/tra-cuu/?ma=001.01.30.H53-260209-0001"
        f"&bi_mat={accepted.tracking_secret}"
    )


@override_settings(PUBLIC_URL="https://dichvucong.tayninh.gov.vn/")
def test_tracking_url_on_the_public_site(accepted: Dossier) -> None:
    assert tracking_url(accepted) == (
        "https://dichvucong.tayninh.gov.vn/tra-cuu/?ma=001.01.30.H53-260209-0001"
        f"&bi_mat={accepted.tracking_secret}"
    )


def test_qr_svg_is_an_inline_vector_drawing() -> None:
    svg = qr_svg("http://127.0.0.1:8000/tra-cuu/?ma=X-260209-0001&bi_mat=ABCDEF")

    assert svg.startswith('<svg viewBox="0 0 37 37" class="qr-code">')
    assert svg.count("<path ") == 1
    assert "http" not in svg.removeprefix("<svg")  # no external reference to fetch


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/style.css",
        "https://fonts.googleapis.com/css?family=Roboto",
        "ftp://example.com/font.ttf",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file:///usr/share/fonts/../../../etc/passwd",
        "file://evil.example/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
)
def test_fetcher_refuses_everything_but_local_fonts(url: str) -> None:
    with pytest.raises(RefusedURL):
        renderer.fetcher().fetch(url)


def test_fetcher_reads_a_local_font() -> None:
    response = renderer.fetcher().fetch(DEJAVU)

    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    response.close()


def test_pdf_ignores_remote_resources(caplog: pytest.LogCaptureFixture) -> None:
    pdf = html_to_pdf(
        '<link rel="stylesheet" href="http://203.0.113.9/x.css">'
        '<p>Chữ Việt <img src="https://203.0.113.9/x.png"></p>'
    )

    assert text(pdf) == "Chữ Việt"
    assert "Only local files may be loaded" in caplog.text


def test_moment_in_vietnam_time() -> None:
    utc = datetime(2026, 2, 23, 1, 5, tzinfo=ZoneInfo("UTC"))

    assert moment_text(utc) == "08 giờ 05 phút, ngày 23 tháng 02 năm 2026"


def test_place_name_drops_the_administrative_prefix(province: Province, cast: Cast) -> None:
    assert [place_name(u) for u in (province.long_an_centre, province.centre)] == [
        "Long An",
        "Tây Ninh",
    ]
