from django.apps import AppConfig


class WorkCalendarConfig(AppConfig):
    name = "egov.workcalendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"
