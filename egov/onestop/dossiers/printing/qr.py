"""The QR code on the receipt (form 01): it opens the public tracking page."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.conf import settings

from egov.onestop.dossiers.models import Dossier

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def public_url() -> str:
    """The site's address as citizens reach it (setting PUBLIC_URL, EGOV_PUBLIC_URL)."""
    return str(getattr(settings, "PUBLIC_URL", DEFAULT_PUBLIC_URL)).rstrip("/")


def tracking_url(dossier: Dossier) -> str:
    """The tracking page for this dossier, with its code and printed secret.

    Before the desk gives the code, the tracking reference stands for it.
    """
    name = dossier.code or dossier.tracking_reference or ""
    query = urlencode({"ma": name, "bi_mat": dossier.tracking_secret})
    return f"{public_url()}/tra-cuu/?{query}"


def qr_svg(data: str) -> str:
    """`data` as an inline SVG QR code: vector paths, nothing to fetch.

    Error correction M survives a crease or a coffee stain on a paper slip;
    the size comes from the stylesheet, so no width/height are written.
    """
    code = segno.make(data, error="m", boost_error=False)
    return str(code.svg_inline(border=2, omitsize=True, svgclass="qr-code", lineclass=None))
