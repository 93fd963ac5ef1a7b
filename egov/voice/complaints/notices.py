"""The notices printed as PDF (Circular 05/2021/TT-TTCP's forms, in substance).

- `accept`: Thông báo thụ lý (Complaints art. 27, Denunciations art. 29),
  to the petitioner;
- `forward`: Phiếu chuyển đơn, to the competent body; for a denunciation
  without the denouncer's identity (Law on Denunciations 2018 art. 24, 47:
  the identity is removed when the letter is passed on);
- `file`: Thông báo không thụ lý, with the reason.

Whoever may see the petition may print; the petitioner appears only when
`identity.read_identity` gives it (a handler; the read is audited).
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.core.errors import InvalidInput
from egov.platform.printing import PdfRenderer
from egov.voice.complaints import identity
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import Kind, Petition, Status

TEMPLATE_DIR = Path(__file__).resolve().parent / "printing"
renderer = PdfRenderer(TEMPLATE_DIR)

# Which notice may be printed in which state.
NOTICES = {
    "thu-ly": (
        "accept.html",
        (Status.ACCEPTED, Status.INVESTIGATING, Status.DECIDED, Status.CLOSED),
    ),
    "chuyen-don": ("forward.html", (Status.FORWARDED,)),
    "khong-thu-ly": ("file.html", (Status.FILED,)),
}


def context(user: User, petition: Petition, notice: str) -> dict[str, object]:
    if notice not in NOTICES or petition.status not in NOTICES[notice][1]:
        raise InvalidInput(ComplaintError.UNKNOWN_NOTICE, _("Không có thông báo này cho đơn."))
    who: identity.Identity | None
    if notice == "chuyen-don" and petition.kind == Kind.DENUNCIATION:
        who = identity.masked()
    else:
        who = identity.read_identity(user, petition, purpose=f"notice:{notice}")
    return {
        "petition": petition,
        "who": who or identity.masked(),
        "today": timezone.localdate(),
    }


def render(user: User, petition: Petition, notice: str) -> bytes:
    return renderer.pdf(NOTICES[notice][0], context(user, petition, notice))
