"""Second-time complaints (khiếu nại lần hai), Law on Complaints 2011 art. 33 and 36-37.

A complainant who disagrees with the first-time decision, or got none
within the settling time, may complain again to the direct superior of
whoever settled the first time (art. 18-21 name them by level: in the
platform, a unit above the first body). The second-time petition points at
the first one; its clocks are its own (deadlines.py: 10 days to accept,
45/60 to settle, 60/70 in remote areas). Art. 33 also bounds when the
second complaint may be made (30 days, 45 in remote areas) but admits
good reasons for a delay: a person judges that, so it is not enforced here.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from egov.platform.core.errors import Conflict, InvalidInput
from egov.platform.organisation.models import Unit
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import Kind, Petition


def first_instance(code: str, *, kind: str, addressed_to: Unit, received: datetime) -> Petition:
    """The first-time complaint `code` names, if a second one to `addressed_to` may follow it."""
    if kind != Kind.COMPLAINT:
        raise InvalidInput(
            ComplaintError.INVALID_FIELD, _("Chỉ đơn khiếu nại mới được giải quyết lần hai.")
        )
    first = (
        Petition.objects.filter(
            code=code.strip().upper(), kind=Kind.COMPLAINT, first_instance__isnull=True
        )
        .select_related("addressed_to")
        .first()
    )
    if first is None:
        raise InvalidInput(
            ComplaintError.INVALID_FIELD, _("Không tìm thấy đơn khiếu nại lần đầu số này.")
        )
    below = first.addressed_to.path
    if below == addressed_to.path or not below.startswith(addressed_to.path):
        raise InvalidInput(
            ComplaintError.INVALID_FIELD,
            _("Khiếu nại lần hai gửi đến cấp trên của cơ quan đã giải quyết lần đầu."),
        )
    if first.decided_at is None and (first.settle_due is None or received <= first.settle_due):
        raise Conflict(
            ComplaintError.STATE_NOT_ALLOWED,
            _("Khiếu nại lần đầu chưa có quyết định và chưa hết thời hạn giải quyết."),
        )
    return first
