"""The denouncer's identity: shown only to the people assigned, every read logged.

Law on Denunciations 2018 art. 47-48 and Decree 31/2019/NĐ-CP: the name,
address, handwriting and other details that identify a denouncer are kept
secret; only the person settling the denunciation and those assigned to it
may know them. Here "assigned" is a `Handler` row: a head or leader who
assigns others sees the identity only by assigning themselves.

Everything that shows a petitioner goes through this module: lists,
exports, statistics, the API and the admin call `shown_name` (masked for
every denunciation), and the detail page, the API detail and the printed
notices call `read_identity`, which returns the identity only to a handler
and records an audit event (who, when, what for) for each read. Complaints,
recommendations and feedback carry no such secrecy: their petitioner shows
to the staff who see the petition.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.voice.complaints import access
from egov.voice.complaints.models import Kind, Petition

MASK = "[đã ẩn]"


@dataclass(frozen=True)
class Identity:
    name: str
    id_number: str
    address: str
    contact: str


def is_protected(petition: Petition) -> bool:
    return petition.kind == Kind.DENUNCIATION


def may_read(user: User | AnonymousUser, petition: Petition) -> bool:
    if is_protected(petition):
        return access.is_handler(user, petition)
    return access.may_see(user, petition)


def may_read_text(user: User | AnonymousUser, petition: Petition) -> bool:
    """Whether `user` may read what a petition says (its content, request and findings).

    A denunciation's text often tells who wrote it (what they saw, where,
    when): it is shown only to those handling it, the people assigned and
    the heads and leaders who accept and conclude it (Law on Denunciations
    2018 art. 47-48), not to every officer of the body. The register's
    one-line summary stays visible to the body's staff, who must be able to
    find the petition; it is written so as to name no one. Other petitions
    are read by the staff who see them.
    """
    if is_protected(petition):
        if access.is_handler(user, petition):
            return True
        # A platform operator is no one's head: as for the identity, not theirs to read.
        return not getattr(user, "is_superuser", False) and access.may_decide(user, petition)
    return access.may_see(user, petition)


def shown_name(petition: Petition) -> str:
    """The petitioner as lists, exports and the admin show it: never a denouncer."""
    return MASK if is_protected(petition) else petition.petitioner_name


def masked() -> Identity:
    return Identity(name=MASK, id_number=MASK, address=MASK, contact=MASK)


def read_identity(
    user: User | AnonymousUser, petition: Petition, *, purpose: str
) -> Identity | None:
    """The identity for `user`, or None; a denouncer's read is audited."""
    if not may_read(user, petition):
        return None
    if is_protected(petition):
        assert isinstance(user, User)  # noqa: S101 - may_read() accepts only accounts
        with transaction.atomic():
            record_event(
                event_type="voice.denouncer_identity_read",
                actor=user,
                target=petition,
                unit=petition.addressed_to,
                details={"code": petition.code, "purpose": purpose},
            )
    return Identity(
        name=petition.petitioner_name,
        id_number=petition.petitioner_id_number,
        address=petition.petitioner_address,
        contact=petition.petitioner_contact,
    )
