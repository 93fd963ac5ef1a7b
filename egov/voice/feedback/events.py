"""What feedback publishes (egov.platform.core.events): others subscribe.

Feedback never imports its listeners (later: a search index, the
statistics, the national portal's feedback sync).
"""

from __future__ import annotations

from dataclasses import dataclass

from egov.voice.feedback.models import Feedback


@dataclass(frozen=True)
class FeedbackChanged:
    """A feedback item changed state; `step` is the audit event's short name."""

    feedback: Feedback
    step: str
