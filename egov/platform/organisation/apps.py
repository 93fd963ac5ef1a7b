from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "egov.platform.organisation"
    label = "organisation"
    verbose_name = "Tổ chức"
