"""Second-time complaints (khiếu nại lần hai), Law on Complaints 2011 art. 33 and 36-37.

A complainant who disagrees with the first-time decision, or got none
within the settling time, may complain again to the direct superior of
whoever settled the first time (art. 18-21 name them by level: in the
platform, a unit above the first body). The second-time petition points at
the first one; its clocks are its own (deadlines.py: 10 days to accept,
45/60 to settle, 60/70 in remote areas).

Art. 33 bounds when the second complaint may be made: within 30 days (45 in
remote areas, as the first complaint was classified) from the end of the
first-time settling period without a decision, or from receiving the
first-time decision. The platform does not know when the complainant
received the decision, so it counts from the decision's date, the earliest
the complainant can have had it. Art. 9(2) leaves out of the time the days
lost to illness, disaster, travel or another objective obstacle: staff who
record the petition and judge such a reason write it (`delay_reason`), and
the petition is then taken in with the reason kept in its history. A
citizen's account online cannot give one (the proof is checked at the desk).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.core.errors import Conflict, InvalidInput
from egov.platform.organisation.models import Unit
from egov.voice.complaints import deadlines
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import Kind, Petition


def last_day(first: Petition) -> date | None:
    """The last day (inclusive, calendar days) to complain a second time after `first`."""
    start = first.decided_at or first.settle_due
    if start is None:
        return None
    clock = (
        deadlines.Clock.SECOND_WINDOW_REMOTE if first.remote_area else deadlines.Clock.SECOND_WINDOW
    )
    return timezone.localdate(start) + timedelta(days=deadlines.days(clock))


def first_instance(
    code: str, *, kind: str, addressed_to: Unit, received: datetime, delay_reason: str = ""
) -> Petition:
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
    last = last_day(first)
    if last is not None and timezone.localdate(received) > last and not delay_reason.strip():
        raise InvalidInput(
            ComplaintError.SECOND_TIME_TOO_LATE,
            _(
                "Đã quá thời hạn khiếu nại lần hai (Điều 33 Luật Khiếu nại 2011): hạn cuối là "
                "ngày %(day)s. Nếu có trở ngại khách quan (ốm đau, thiên tai, đi công tác xa...), "
                "cán bộ tiếp nhận ghi lý do chậm để vào sổ."
            )
            % {"day": f"{last:%d/%m/%Y}"},
        )
    return first
