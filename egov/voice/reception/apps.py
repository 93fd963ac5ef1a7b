from django.apps import AppConfig


class VoiceReceptionConfig(AppConfig):
    name = "egov.voice.reception"
    label = "voice_reception"
    verbose_name = "Tiếp công dân"

    def ready(self) -> None:
        from egov.platform.core import week_items
        from egov.voice.reception.week_items import reception_days

        week_items.register("reception_days", reception_days)
