from django.apps import AppConfig


class VoiceFeedbackConfig(AppConfig):
    name = "egov.voice.feedback"
    label = "voice_feedback"
    verbose_name = "Phản ánh, kiến nghị"
