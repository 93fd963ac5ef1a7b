"""Reads of the weekly schedule."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from egov.platform.accounts.models import Membership, User
from egov.platform.organisation.models import Unit

from .access import EDITORS
from .models import ScheduleEntry, WeeklySchedule


def week(unit: Unit, monday: date) -> WeeklySchedule | None:
    return WeeklySchedule.objects.filter(unit=unit, week_start=monday).first()


def entries(schedule: WeeklySchedule | None) -> list[ScheduleEntry]:
    if schedule is None:
        return []
    return list(schedule.entries.all())


def published_week(unit: Unit, monday: date) -> WeeklySchedule | None:
    return WeeklySchedule.objects.filter(
        unit=unit, week_start=monday, status=WeeklySchedule.Status.PUBLISHED
    ).first()


def editable_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    """The units whose schedule `user` prepares: those where they hold an editing role."""
    if not isinstance(user, User) or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.filter(parent__isnull=True)
    ids = Membership.objects.filter(user=user, role__in=EDITORS).values("unit_id")
    return Unit.objects.filter(pk__in=ids).order_by("path")


def public_unit(unit_id: int) -> Unit | None:
    return Unit.objects.filter(pk=unit_id, is_active=True).first()
