from django.apps import AppConfig


class VoiceFeedbackConfig(AppConfig):
    name = "egov.voice.feedback"
    label = "voice_feedback"
    verbose_name = "Phản ánh, kiến nghị"

    def ready(self) -> None:
        # The one-stop desk's indicator set (Decision 766) reads these by name.
        from egov.platform.core import public_search
        from egov.platform.core.events import Moment, subscribe
        from egov.platform.organisation import indicators
        from egov.voice.feedback import public_search as dialogue_search
        from egov.voice.feedback import statistics
        from egov.voice.feedback.events import FeedbackChanged

        indicators.register("feedback_on_time", statistics.on_time_figure)
        indicators.register("feedback_satisfaction", statistics.satisfaction_figure)
        indicators.register_complaints("voice_feedback", statistics.complained_dossiers)
        indicators.register_first_complaints("voice_feedback", statistics.first_complaints)
        # The statistics rollups hear of a complaint about a dossier in its transaction.
        subscribe(FeedbackChanged, statistics.on_feedback_changed, moment=Moment.IN_TRANSACTION)
        # The portal's search shows the dialogue's published answers.
        public_search.register(dialogue_search.SECTION)
