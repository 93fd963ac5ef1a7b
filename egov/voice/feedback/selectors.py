"""Reads of feedback: the staff inbox, the sender's own list, the dialogue page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from egov.platform.accounts.access import memberships
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import NotFound
from egov.platform.core.text import fold
from egov.platform.organisation.models import Unit
from egov.voice.feedback import access
from egov.voice.feedback.errors import FeedbackError
from egov.voice.feedback.models import Feedback, Status, Topic


def _not_found() -> NotFound:
    return NotFound(FeedbackError.NOT_FOUND, _("Không tìm thấy phản ánh."))


def _under(paths: list[str], field: str = "") -> Q:
    """Rows whose unit (`field`, or the Unit itself) is in one of the subtrees of `paths`."""
    key = f"{field}__path__startswith" if field else "path__startswith"
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{key: path})
    return condition


def _paths(user: User, roles: tuple[Role, ...]) -> list[str]:
    if user.is_superuser:
        return [""]
    wanted = {str(role) for role in roles}
    return sorted({path for path, role in memberships(user) if role in wanted})


def for_staff(user: User) -> QuerySet[Feedback]:
    """The items `user` may see as staff: sent to, or handled by, a unit of their subtree."""
    paths = _paths(user, access.STAFF_ROLES)
    return (
        Feedback.objects.filter(_under(paths, "addressed_to") | _under(paths, "unit"))
        .select_related("addressed_to", "unit", "topic")
        .order_by("-received_at", "-pk")
    )


def feedback_for_staff(user: User, pk: int) -> Feedback:
    """One item for a staff page or API call; NotFound for anyone else (no hint that it exists)."""
    feedback = (
        Feedback.objects.select_related("addressed_to", "unit", "topic", "account")
        .filter(pk=pk)
        .first()
    )
    if feedback is None or not access.may_see(user, feedback):
        raise _not_found()
    return feedback


def feedback_of_sender(user: User, pk: int) -> Feedback:
    feedback = Feedback.objects.select_related("unit", "topic").filter(pk=pk, account=user).first()
    if feedback is None:
        raise _not_found()
    return feedback


def sent_by(user: User) -> QuerySet[Feedback]:
    return Feedback.objects.filter(account=user).select_related("unit", "topic")


@dataclass(frozen=True)
class Inbox:
    to_classify: list[Feedback]
    to_answer: list[Feedback]
    to_approve: list[Feedback]
    to_publish: list[Feedback]


def inbox(user: User) -> Inbox:
    """What waits on `user`: by their roles over the body sent to or the handling unit."""
    classify = _paths(user, access.CLASSIFIERS)
    draft = _paths(user, access.DRAFTERS)
    approve = _paths(user, access.APPROVERS)
    base = Feedback.objects.select_related("addressed_to", "unit", "topic")
    return Inbox(
        to_classify=list(
            base.filter(_under(classify, "addressed_to"), status=Status.RECEIVED).order_by(
                "classify_due_at", "pk"
            )
        ),
        to_answer=list(
            base.filter(_under(draft, "unit"), status=Status.HANDLING).order_by(
                "answer_due_at", "pk"
            )
        ),
        to_approve=list(
            base.filter(_under(approve, "unit"), status=Status.AWAITING_APPROVAL).order_by(
                "answer_due_at", "pk"
            )
        ),
        to_publish=list(
            base.filter(
                _under(approve, "unit"), status=Status.ANSWERED, published_at__isnull=True
            ).order_by("publish_due_at", "pk")
        ),
    )


def by_code(code: str) -> Feedback:
    """For the public follow page: the status only, no personal data is shown there."""
    feedback = (
        Feedback.objects.select_related("unit", "topic")
        .filter(code=code.strip().upper()[:12])
        .first()
    )
    if feedback is None:
        raise _not_found()
    return feedback


def published(
    *,
    query: str = "",
    topic_id: int | None = None,
    unit_id: int | None = None,
    frequently_asked: bool = False,
) -> QuerySet[Feedback]:
    """The dialogue page: published questions matching every word of `query`, diacritics ignored."""
    items = Feedback.objects.filter(published_at__isnull=False).select_related("unit", "topic")
    # `search_text` is folded the same way as the words (platform/core/text.fold).
    for word in fold(query).split()[:10]:
        items = items.filter(search_text__contains=word)
    if topic_id is not None:
        items = items.filter(topic_id=topic_id)
    if unit_id is not None:
        items = items.filter(unit_id=unit_id)
    if frequently_asked:
        items = items.filter(frequently_asked=True)
    return items.order_by("-frequently_asked", "-published_at", "-pk")


def published_one(pk: int) -> Feedback:
    feedback = (
        Feedback.objects.filter(pk=pk, published_at__isnull=False)
        .select_related("unit", "topic")
        .first()
    )
    if feedback is None:
        raise _not_found()
    return feedback


def dialogue_topics() -> list[Topic]:
    return list(Topic.objects.filter(feedback__published_at__isnull=False).distinct())


def dialogue_units() -> list[Unit]:
    return list(
        Unit.objects.filter(voice_handled__published_at__isnull=False).distinct().order_by("path")
    )


def may_enter_at_desk(user: User) -> bool:
    """Whether `user` may enter desk feedback for some unit (no query beyond memberships)."""
    return bool(_paths(user, access.CLASSIFIERS))


def desk_units(user: User) -> list[Unit]:
    """The units `user` may enter desk feedback for: where they classify, and below (first 300)."""
    paths = _paths(user, access.CLASSIFIERS)
    if not paths:
        return []
    return list(Unit.objects.filter(_under(paths), is_active=True).order_by("path")[:300])


def receiving_units() -> list[Unit]:
    """The bodies a citizen may address: the active units at the top two levels."""
    return list(Unit.objects.filter(is_active=True, depth__lte=1).order_by("path"))
