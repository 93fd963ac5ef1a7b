"""The yearly announcement of conformity (công bố HTQLCL phù hợp TCVN ISO 9001; issue 19 item 4).

Decision 19/2014/QĐ-TTg has the head of an agency announce that its quality
system conforms to TCVN ISO 9001 and announce it again when its scope
changes; the issue asks for it each year. NOT VERIFIED: the article (Art. 4-5
of Decision 19/2014/QĐ-TTg, read from secondary sources) and the model
wording in the ANNOUNCEMENT_ constants, kept here as data to be checked against the
decision's annex before it is relied on.

What is announced is read, not typed: the quality procedures of the agency
(and its offices) with the edition in force on the day of the announcement,
the last day of a past year or today in the current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from egov.onestop.quality.models import DocumentKind, Edition, EditionStatus
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.organisation.models import Unit

# NOT VERIFIED: the model wording (Decision 19/2014/QĐ-TTg, annex), kept as data.
ANNOUNCEMENT_TEXT = {
    "title": "QUYẾT ĐỊNH",
    "subject": (
        "Về việc công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn quốc gia TCVN ISO 9001:2015"
    ),
    "article_2": "Quyết định này có hiệu lực kể từ ngày ký.",
}
ANNOUNCEMENT_BASIS = [
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ về việc "
    "áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001 vào hoạt "
    "động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;",
]
ANNOUNCEMENT_ARTICLE_1 = (
    "Công bố Hệ thống quản lý chất lượng của {agency} phù hợp Tiêu chuẩn quốc gia "
    "TCVN ISO 9001:2015 đối với các quy trình giải quyết thủ tục hành chính "
    "tại Danh mục kèm theo Quyết định này."
)


@dataclass(frozen=True)
class AnnouncedProcedure:
    code: str
    procedure: str
    agency: str
    number: int
    issued_on: date


@dataclass(frozen=True)
class Announcement:
    agency: Unit
    year: int
    # The day the editions listed were in force.
    as_of: date
    entries: list[AnnouncedProcedure]
    # The agency's head(s) (Role.HEAD in the agency itself), who sign; empty: signed by hand.
    heads: list[User]

    @property
    def signer(self) -> str:
        return ", ".join(h.display_name for h in self.heads)


def as_of_day(year: int, today: date | None = None) -> date:
    """The last day of `year`, or `today` when the year is not over."""
    today = today or timezone.localdate()
    return min(date(year, 12, 31), today)


def announcement_of(agency: Unit, year: int, today: date | None = None) -> Announcement:
    day = as_of_day(year, today)
    # Superseded after `day` (local time): still in force on it.
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    editions = (
        Edition.objects.filter(
            document__agency__path__startswith=agency.path,
            document__kind=DocumentKind.PROCEDURE,
            status__in=[EditionStatus.APPROVED, EditionStatus.SUPERSEDED],
            issued_on__lte=day,
        )
        .filter(Q(superseded_at__isnull=True) | Q(superseded_at__gte=end))
        .select_related("document__procedure", "document__agency")
        .order_by("document__agency__path", "document__code")
    )
    entries = [
        AnnouncedProcedure(
            code=e.document.code,
            procedure=e.document.name,
            agency=e.document.agency.name,
            number=e.number,
            issued_on=e.issued_on,
        )
        for e in editions
        if e.issued_on is not None
    ]
    heads = list(
        User.objects.filter(
            pk__in=Membership.objects.filter(unit=agency, role=Role.HEAD).values("user"),
            is_active=True,
        ).order_by("username")
    )
    return Announcement(agency=agency, year=year, as_of=day, entries=entries, heads=heads)
