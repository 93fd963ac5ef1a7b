from django.apps import AppConfig


class OfficeWorkfilesConfig(AppConfig):
    name = "egov.office.workfiles"
    label = "office_workfiles"
    verbose_name = "Hồ sơ công việc"
