from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "egov.office.schedule"
    label = "office_schedule"
    verbose_name = "Lịch công tác tuần"
