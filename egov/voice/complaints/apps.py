from django.apps import AppConfig


class VoiceComplaintsConfig(AppConfig):
    name = "egov.voice.complaints"
    label = "voice_complaints"
    verbose_name = "Khiếu nại, tố cáo"
