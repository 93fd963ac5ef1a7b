from django.apps import AppConfig


class OutboxConfig(AppConfig):
    # No tables of its own: the abstract row, the helper and the admin's
    # summary of an outbox (its template).
    name = "egov.platform.outbox"
    label = "outbox"
    verbose_name = "Hộp thư đi"
