"""Digital signatures in the demo, working without configuration (issue 12).

The demo's CA, seal key and remote signing service come from
egov/platform/signatures/testing/demo.py; here the demo people get what a
real deployment's users set up themselves on /chu-ky-so/: the leader
(lanhdao) a handwritten signature image and their remote signing account,
the province an image of its red seal (uploaded by its administrator).
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw

from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.signatures.models import SignerProfile, UnitSeal
from egov.platform.signatures.services import (
    set_remote_account,
    upload_seal_image,
    upload_signature_image,
)
from egov.platform.signatures.testing.demo import DEMO_ACCOUNTS, demo_directory, prepare_demo


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def handwriting_png() -> bytes:
    """A blue flourish on a transparent background."""
    image = Image.new("RGBA", (360, 140), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(12, 110), (90, 24), (130, 100), (200, 30), (340, 72)], fill=(24, 48, 190), width=6)
    draw.line([(60, 120), (300, 112)], fill=(24, 48, 190), width=4)
    return _png(image)


def seal_png() -> bytes:
    """A red double ring with a star, as a seal's impression."""
    size = 240
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (210, 24, 24, 235)
    draw.ellipse([6, 6, size - 6, size - 6], outline=red, width=10)
    draw.ellipse([40, 40, size - 40, size - 40], outline=red, width=4)
    centre = size // 2
    draw.regular_polygon((centre, centre, 34), 5, fill=red)
    return _png(image)


def load_demo_signatures(*, public_url: str) -> None:
    """The CA and keys (kept from an earlier run), then the images and account."""
    prepare_demo(demo_directory(), public_url)
    for account in DEMO_ACCOUNTS:
        leader = User.objects.get(username=account)
        profile = SignerProfile.objects.filter(user=leader).first()
        if profile is None or not profile.signature_image:
            upload_signature_image(actor=leader, data=handwriting_png())
        if profile is None or profile.remote_account != account:
            set_remote_account(actor=leader, account=account)
    province = Unit.objects.get(kind=UnitKind.PROVINCE, stat_code="80")
    if not UnitSeal.objects.filter(unit=province).exists():
        upload_seal_image(
            actor=User.objects.get(username="quantri"), unit=province, data=seal_png()
        )
