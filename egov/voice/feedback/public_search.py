"""The dialogue's published answers as a section of the portal's search
(platform/core/public_search.py): only what the dialogue page shows."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from egov.platform.core import public_search
from egov.voice.feedback.selectors import published


def search(*, query: str, limit: int) -> public_search.Found:
    answers = published(query=query)
    return public_search.Found(
        hits=[
            public_search.Hit(
                title=feedback.public_title,
                url=reverse("voice:question", args=[feedback.pk]),
                summary=Truncator(feedback.public_answer).words(40),
                date=timezone.localdate(feedback.published_at) if feedback.published_at else None,
            )
            for feedback in answers[:limit]
        ],
        total=answers.count(),
    )


def more_url(query: str) -> str:
    return f"{reverse('voice:dialogue')}?{urlencode({'q': query})}"


SECTION = public_search.Section(
    key="answers", label=_("Hỏi đáp"), order=40, search=search, more_url=more_url
)
