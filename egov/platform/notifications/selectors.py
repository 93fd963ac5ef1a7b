"""Reads of notifications, always those of the asking user."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.core.errors import NotFound
from egov.platform.notifications.errors import NotificationError
from egov.platform.notifications.models import Notification


def notifications_for(user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_for_user(user: User, pk: int) -> Notification:
    """One of the user's own notifications; NotFound for anyone else's."""
    found = notifications_for(user).filter(pk=pk).first()
    if found is None:
        raise NotFound(NotificationError.NOTIFICATION_NOT_FOUND, _("Không tìm thấy thông báo."))
    return found


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
