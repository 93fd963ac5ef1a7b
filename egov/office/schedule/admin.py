from django.contrib import admin

from egov.platform.audit.admin_support import ReadOnly

from .models import ScheduleEntry, WeeklySchedule

# Read only: the schedule changes through its pages and API, audited.


@admin.register(WeeklySchedule)
class WeeklyScheduleAdmin(ReadOnly, admin.ModelAdmin[WeeklySchedule]):
    list_display = ("unit", "week_start", "status", "revision", "published_at")
    list_filter = ("status",)


@admin.register(ScheduleEntry)
class ScheduleEntryAdmin(ReadOnly, admin.ModelAdmin[ScheduleEntry]):
    list_display = ("day", "start_time", "content", "chair", "place", "cancelled")
    list_filter = ("cancelled", "changed_after_publication")
