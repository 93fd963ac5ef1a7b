"""The document office's figures for a unit and a period (issue 11, item 8).

What the seeds quote (Chợ Gạo: 7,378 incoming documents received and handled
in the software, 100% routed by the leaders in the software, 6,066 outgoing)
and what a leader follows: per issuing body and per person, counted with one
grouped query each, so a page costs the same whatever the period.

Definitions, kept here so the page, the exports and the API agree:
- incoming in the period: arrived (arrived_at) in it; electronic or paper by
  the channel it arrived through;
- routed in the system: a leader assigned it on the platform (assigned_at);
- on time / late: completed no later / later than its handling deadline
  (a document without a deadline counts on time when completed);
- open: not completed at the time of the report; overdue: open and past its
  deadline;
- outgoing in the period: numbered and issued (issued_on) in it, whatever
  became of it later (corrected, recalled, replaced); issued electronically
  when every recipient receives it electronically (a unit of the deployment,
  or an agency of the exchange directory, sent as edXML), on paper when a
  recipient is named in free text, i.e. it goes by post;
- signed (issue 12): the file carries at least one valid digital signature
  (valid, or valid with a warning), as the background validation of the
  incoming document's file, or of the outgoing document's issued PDF, found
  (signatures.SignatureCheck); a file not yet validated is not counted.
  Chợ Đồn's seed: 90% of the documents it exchanges are signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from egov.office.documents.models import (
    ONCE_ISSUED,
    Channel,
    Holder,
    HolderRole,
    HolderStatus,
    IncomingDocument,
    IncomingStatus,
    OutgoingDocument,
    OutgoingRecipient,
    RecipientKind,
)
from egov.office.documents.signing import INCOMING_CHECK, OUTGOING_CHECK
from egov.office.exchange.roundtrips import RoundTrips, round_trips
from egov.office.statistics.errors import StatisticsError
from egov.platform.accounts import scopes
from egov.platform.accounts.models import Role, User
from egov.platform.organisation.models import Unit
from egov.platform.signatures.checks import signed_exists

# Who reads a unit's figures: its leaders and its clerks (they keep the
# registers, Decree 30/2020 art. 22), for the unit and every unit under it.
STATISTICS_ROLES = (Role.LEADER, Role.CLERK)


@dataclass
class Incoming:
    received: int = 0
    electronic: int = 0
    paper: int = 0
    routed: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    signed: int = 0

    @property
    def signed_percent(self) -> float | None:
        return _percent(self.signed, self.received)

    @property
    def routed_percent(self) -> float | None:
        return _percent(self.routed, self.received)

    @property
    def on_time_percent(self) -> float | None:
        return _percent(self.on_time, self.on_time + self.late)


@dataclass
class Outgoing:
    issued: int = 0
    electronic: int = 0
    paper: int = 0
    signed: int = 0

    @property
    def signed_percent(self) -> float | None:
        return _percent(self.signed, self.issued)

    @property
    def electronic_percent(self) -> float | None:
        return _percent(self.electronic, self.issued)


@dataclass
class UnitRow:
    unit: Unit
    incoming: Incoming
    outgoing: Outgoing


@dataclass
class PersonRow:
    user: User
    unit: Unit | None
    assigned: int
    on_time: int
    late: int
    open: int
    overdue: int


@dataclass
class Report:
    scope: Unit
    date_from: date
    date_to: date
    at: datetime
    units: list[UnitRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    # Documents sent through the exchange: statuses back and their delays.
    exchange: RoundTrips | None = None

    @property
    def incoming(self) -> Incoming:
        total = Incoming()
        for row in self.units:
            for name in total.__dataclass_fields__:
                setattr(total, name, getattr(total, name) + getattr(row.incoming, name))
        return total

    @property
    def outgoing(self) -> Outgoing:
        total = Outgoing()
        for row in self.units:
            for name in total.__dataclass_fields__:
                setattr(total, name, getattr(total, name) + getattr(row.outgoing, name))
        return total

    @property
    def filename(self) -> str:
        period = f"{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}"
        return f"thong-ke-van-ban-{self.scope.pk}-{period}"


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def scopes_for(user: User) -> list[Unit]:
    """The units whose figures `user` may read (a unit under another adds nothing)."""
    return scopes.scopes_for(user, STATISTICS_ROLES)


def scope_for(user: User, unit_id: int | None) -> Unit:
    """The unit asked for (the user's first by default), if `user` may read it."""
    return scopes.scope_for(
        user, unit_id, STATISTICS_ROLES, not_found=StatisticsError.UNIT_NOT_FOUND
    )


def period(date_from: date | None, date_to: date | None, today: date) -> tuple[date, date]:
    """This year to today by default; the start must not be after the end."""
    return scopes.period(date_from, date_to, today, invalid=StatisticsError.INVALID_PERIOD)


def _incoming_counts(documents: QuerySet[IncomingDocument], now: datetime) -> dict[int, Incoming]:
    done = Q(status=IncomingStatus.COMPLETED)
    in_time = Q(due_at__isnull=True) | Q(completed_at__lte=F("due_at"))
    rows = (
        documents.annotate(signed_file=signed_exists(INCOMING_CHECK))
        .values("body_id")
        .annotate(
            received=Count("pk"),
            electronic=Count("pk", filter=Q(channel=Channel.ELECTRONIC)),
            paper=Count("pk", filter=Q(channel=Channel.PAPER)),
            routed=Count("pk", filter=Q(assigned_at__isnull=False)),
            on_time=Count("pk", filter=done & in_time),
            late=Count("pk", filter=done & ~in_time),
            open=Count("pk", filter=~done),
            overdue=Count("pk", filter=~done & Q(due_at__lt=now)),
            signed=Count("pk", filter=Q(signed_file=True)),
        )
    )
    return {row.pop("body_id"): Incoming(**row) for row in rows.order_by()}


def _outgoing_counts(documents: QuerySet[OutgoingDocument]) -> dict[int, Outgoing]:
    by_post = OutgoingRecipient.objects.filter(document=OuterRef("pk"), kind=RecipientKind.EXTERNAL)
    rows = (
        documents.annotate(by_post=Exists(by_post), signed_file=signed_exists(OUTGOING_CHECK))
        .values("body_id")
        .annotate(
            issued=Count("pk"),
            electronic=Count("pk", filter=Q(by_post=False)),
            paper=Count("pk", filter=Q(by_post=True)),
            signed=Count("pk", filter=Q(signed_file=True)),
        )
    )
    return {row.pop("body_id"): Outgoing(**row) for row in rows.order_by()}


def _people(scope: Unit, start: date, end: date, now: datetime) -> list[PersonRow]:
    """Each person who led the handling of a document of the period, with their results."""
    holders = Holder.objects.filter(
        document__body__path__startswith=scope.path,
        document__arrived_at__date__gte=start,
        document__arrived_at__date__lte=end,
        role=HolderRole.LEAD,
        user__isnull=False,
        status__in=[HolderStatus.OPEN, HolderStatus.DONE],
    )
    done = Q(status=HolderStatus.DONE)
    in_time = Q(due_at__isnull=True) | Q(done_at__lte=F("due_at"))
    rows = (
        holders.values("user_id", "unit_id")
        .annotate(
            assigned=Count("pk"),
            on_time=Count("pk", filter=done & in_time),
            late=Count("pk", filter=done & ~in_time),
            open=Count("pk", filter=~done),
            overdue=Count("pk", filter=~done & Q(due_at__lt=now)),
        )
        .order_by()
    )
    found = list(rows)
    users = User.objects.in_bulk([row["user_id"] for row in found])
    units = Unit.objects.in_bulk([row["unit_id"] for row in found if row["unit_id"]])
    people = [
        PersonRow(
            user=users[row["user_id"]],
            unit=units.get(row["unit_id"]),
            assigned=row["assigned"],
            on_time=row["on_time"],
            late=row["late"],
            open=row["open"],
            overdue=row["overdue"],
        )
        for row in found
    ]
    return sorted(people, key=lambda p: (p.unit.path if p.unit else "", p.user.display_name))


def report(*, scope: Unit, date_from: date, date_to: date, now: datetime | None = None) -> Report:
    """The figures of `scope` and every issuing body under it for the period."""
    now = now or timezone.now()
    in_scope = Q(body__path__startswith=scope.path)
    incoming = _incoming_counts(
        IncomingDocument.objects.filter(
            in_scope, arrived_at__date__gte=date_from, arrived_at__date__lte=date_to
        ),
        now,
    )
    outgoing = _outgoing_counts(
        OutgoingDocument.objects.filter(
            in_scope,
            status__in=ONCE_ISSUED,
            issued_on__gte=date_from,
            issued_on__lte=date_to,
        )
    )
    bodies = Unit.objects.in_bulk(set(incoming) | set(outgoing))
    units = [
        UnitRow(
            unit=unit,
            incoming=incoming.get(pk, Incoming()),
            outgoing=outgoing.get(pk, Outgoing()),
        )
        for pk, unit in sorted(bodies.items(), key=lambda item: item[1].path)
    ]
    return Report(
        scope=scope,
        date_from=date_from,
        date_to=date_to,
        at=now,
        units=units,
        people=_people(scope, date_from, date_to, now),
        exchange=round_trips(scope=scope, date_from=date_from, date_to=date_to),
    )
