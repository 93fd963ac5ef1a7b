"""Issuing the yearly announcement of conformity: who may, and its audit event."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.onestop.quality.announcement.models import IssuedAnnouncement
from egov.onestop.quality.announcement.numbering import number_announcement
from egov.onestop.quality.announcement.selectors import Announcement, announcement_of
from egov.onestop.quality.errors import QualityError
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.organisation.models import Unit

# The head signs; a leader or the agency's administrator may prepare the print.
ISSUERS = (Role.HEAD, Role.LEADER, Role.ADMINISTRATOR)


def check_year(year: int, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if not 2000 <= year <= today.year:
        raise InvalidInput(
            QualityError.INVALID_YEAR,
            _("Năm công bố phải từ 2000 đến năm nay."),
            details={"fields": {"year": [_("Năm không hợp lệ.")]}},
        )


@transaction.atomic
def issue_announcement(
    *, actor: User, agency: Unit, year: int, today: date | None = None
) -> tuple[Announcement, IssuedAnnouncement]:
    """The announcement of `agency` for `year`, numbered and recorded as issued by `actor`."""
    if not has_role_over(actor, agency, ISSUERS):
        raise PermissionDenied(
            QualityError.PERMISSION_DENIED,
            _("Chỉ lãnh đạo hoặc quản trị của cơ quan được lập bản công bố."),
        )
    check_year(year, today)
    announcement = announcement_of(agency, year, today)
    if not announcement.entries:
        raise Conflict(
            QualityError.NOTHING_TO_ANNOUNCE,
            _("Cơ quan chưa có quy trình ISO nào được ban hành để công bố."),
        )
    issued, new = number_announcement(actor=actor, announcement=announcement, at=timezone.now())
    record_event(
        event_type="quality.announcement_issued",
        actor=actor,
        target=agency,
        unit=agency,
        details={
            "year": year,
            "as_of": announcement.as_of.isoformat(),
            "editions": [[e.code, e.number] for e in announcement.entries],
            "signer": announcement.signer,
            "number": issued.number,
            "notation": issued.notation,
            "new_number": new,
        },
    )
    return announcement, issued
