from django.apps import AppConfig


class OfficeDocumentsConfig(AppConfig):
    name = "egov.office.documents"
    label = "office_documents"
    verbose_name = "Văn bản"
