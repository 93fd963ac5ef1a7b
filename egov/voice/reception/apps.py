from django.apps import AppConfig


class VoiceReceptionConfig(AppConfig):
    name = "egov.voice.reception"
    label = "voice_reception"
    verbose_name = "Tiếp công dân"
