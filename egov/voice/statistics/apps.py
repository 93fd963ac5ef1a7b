from django.apps import AppConfig


class VoiceStatisticsConfig(AppConfig):
    name = "egov.voice.statistics"
    label = "voice_statistics"
    verbose_name = "Thống kê tiếp công dân, phản ánh, đơn thư"
