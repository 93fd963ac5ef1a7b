"""Gapless yearly numbers of an agency's announcements (Decree 30/2020/NĐ-CP art. 15).

The same way as the document office's registers (egov/office/documents/
numbering.py): the counter is a row, locked with SELECT ... FOR UPDATE in
the transaction that issues the announcement, so concurrent issues wait for
each other and a rollback gives the number back. Why not the office's own
outgoing register: it numbers a document the clerk issues (`issue_number`
requires the body's clerk and the office's draft-sign-issue flow), and the
announcement is printed by the head, a leader or the administrator; an
interface from the office for that flow would let it move there.

NOT VERIFIED: the notation's form, "<number>/QĐ-<the body's abbreviation>"
as Decree 30's annex III writes a decision's, kept here as data.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.db import IntegrityError, transaction

from egov.office.interfaces import body_abbreviation
from egov.onestop.quality.announcement.models import AnnouncementSeries, IssuedAnnouncement
from egov.onestop.quality.announcement.selectors import Announcement
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit

NOTATION = "{number:02d}/QĐ-{abbreviation}"
NOTATION_WITHOUT_ABBREVIATION = "{number:02d}/QĐ"


def fingerprint(announcement: Announcement) -> str:
    listed = "\n".join(f"{e.code}#{e.number}" for e in announcement.entries)
    return hashlib.sha256(listed.encode()).hexdigest()


def _series(agency: Unit, year: int) -> AnnouncementSeries:
    """The agency's counter for `year`, locked until the caller commits."""
    try:
        with transaction.atomic():
            AnnouncementSeries.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass  # another issue created it first: lock theirs
    return AnnouncementSeries.objects.select_for_update().get(agency=agency, year=year)


def number_announcement(
    *, actor: User, announcement: Announcement, at: datetime
) -> tuple[IssuedAnnouncement, bool]:
    """The announcement's number: the last one again for the same editions, else the next.

    Returns it and whether it is new. Call it inside the issuing transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_announcement must run in the transaction that issues it")
    agency, year = announcement.agency, announcement.year
    series = _series(agency, year)
    # Read under the lock: two issues of the same list cannot both take a number.
    mark = fingerprint(announcement)
    last = IssuedAnnouncement.objects.filter(agency=agency, year=year).order_by("-number").first()
    if last is not None and last.fingerprint == mark:
        return last, False
    series.last_number += 1
    series.save(update_fields=["last_number"])
    abbreviation = body_abbreviation(body_id=agency.pk)
    pattern = NOTATION if abbreviation else NOTATION_WITHOUT_ABBREVIATION
    issued = IssuedAnnouncement.objects.create(
        agency=agency,
        year=year,
        number=series.last_number,
        notation=pattern.format(number=series.last_number, abbreviation=abbreviation),
        fingerprint=mark,
        issued_at=at,
        issued_by=actor,
    )
    return issued, True
