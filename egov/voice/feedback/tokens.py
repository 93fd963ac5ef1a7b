"""The secret link an anonymous sender rates the answer with.

An anonymous sender has no account to prove they sent the item, and the
code they were given is no secret (they may share it to show the status).
The link carries an HMAC of the code under the site's secret key: nothing
to store, and only the e-mail with the answer (or the page shown when
sending) carries it.
"""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

from egov.voice.feedback.models import Feedback

SALT = "egov.voice.feedback.rating"


def rating_token(feedback: Feedback) -> str:
    return salted_hmac(SALT, feedback.code, algorithm="sha256").hexdigest()[:32]


def token_matches(feedback: Feedback, token: str) -> bool:
    return constant_time_compare(rating_token(feedback), token)
