from django.apps import AppConfig


class VoiceOpen311Config(AppConfig):
    name = "egov.voice.open311"
    label = "voice_open311"
    verbose_name = "Open311 (GeoReport v2)"
