from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "egov.organisation"
    label = "organisation"
    verbose_name = "Tổ chức"
