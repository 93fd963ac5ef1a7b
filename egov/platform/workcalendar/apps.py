from django.apps import AppConfig


class WorkCalendarConfig(AppConfig):
    name = "egov.platform.workcalendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"
