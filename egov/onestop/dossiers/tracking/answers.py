"""Public tracking answers, kept in the shared cache until the dossier changes.

A lookup is counted against the address's budget and, in the same Redis
round trip (`throttling.count_lookup`), reads the answer stored for this
dossier, language and proof, with the dossier's *generation*. Only a found
answer to a right proof is stored, under a key that is an HMAC of the code
(the keys give away no code), next to an HMAC of the proof that found it:
a wrong proof never reaches a stored answer, it reads the database and gets
None like an unknown code, after the same query.

Freshness. Every change of a dossier is published as `DossierChanged`
(egov/onestop/events.py), whose listener calls `forget_public_answers`
(egov/onestop/dossiers/subscribers.py): once the change commits, the
dossier's generation gets a new random value. An answer is served only
while the generation it was read under is still the current one. The
generation is read *before* the database, so an answer read from a
snapshot older than a change carries the generation before the change and
is never served after it: a reader that raced the writer cannot leave a
stale answer behind (a plain delete after the commit could be followed by
that reader's write). Renamed units or procedures show in answers within
`ANSWER_SECONDS` at the latest.

The cache is Django's default one: Redis when EGOV_CACHE_URL is set, which
every process shares; otherwise each process's memory (one process, as in
`make demo`, sees every change; several processes without Redis see another
process's changes within `ANSWER_SECONDS`).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from egov.onestop.dossiers.tracking.masking import normalise_phone
from egov.onestop.dossiers.tracking.selectors import PublicDossier, public_view
from egov.onestop.dossiers.tracking.throttling import count_lookup

# How long an answer is kept when its dossier does not change; the
# generation outlives every answer read under it.
ANSWER_SECONDS = 600
GENERATION_SECONDS = 2 * ANSWER_SECONDS
_NO_GENERATION = ""


class TooManyLookups(Exception):
    """The address has used up its lookup budget (`throttling`)."""


@dataclass(frozen=True)
class _Stored:
    generation: str
    proof: str  # HMAC of the code and the proof that found the answer
    answer: object  # what `prepare` made of the public view


_Answer = TypeVar("_Answer")


def _digest(purpose: str, message: str) -> str:
    return salted_hmac(f"egov.tracking.{purpose}", message, algorithm="sha256").hexdigest()


def _code_digest(code: str) -> str:
    return _digest("code", code)


def _answer_key(code_digest: str, language: str, form: str) -> str:
    return f"tracking:answer:{form}:{language}:{code_digest}"


def _generation_key(code_digest: str) -> str:
    return f"tracking:generation:{code_digest}"


def _proof(code: str, secret: str | None, phone: str | None) -> str | None:
    """The proof as compared (the secret wins over the phone, as in `public_view`)."""
    if secret and secret.strip():
        return _digest("proof", f"{code}\x00secret:{secret.strip().upper()}")
    if phone and (normalised := normalise_phone(phone)):
        return _digest("proof", f"{code}\x00phone:{normalised}")
    return None


def track(
    request: HttpRequest, code: str, *, secret: str | None = None, phone: str | None = None
) -> PublicDossier | None:
    """Count the lookup and answer it: the public view, or None for any miss.

    Raises TooManyLookups past the address's budget (answers from the cache
    are counted like the others).
    """
    return _track(request, code, secret, phone, "view", _as_is)


def track_rendered(
    request: HttpRequest,
    code: str,
    *,
    secret: str | None = None,
    phone: str | None = None,
    render: Callable[[PublicDossier], bytes],
) -> bytes | None:
    """`track`, with the answer rendered by `render` and kept rendered.

    The API keeps its JSON body: a repeated lookup then costs the round trip
    and no serialisation. `render` must depend only on the public view and
    the active language.
    """
    return _track(request, code, secret, phone, "rendered", render)


def _as_is(found: PublicDossier) -> PublicDossier:
    return found


def _track(
    request: HttpRequest,
    code: str,
    secret: str | None,
    phone: str | None,
    form: str,
    prepare: Callable[[PublicDossier], _Answer],
) -> _Answer | None:
    # As `public_view` reads it: the cache key of "td-…" is that of "TD-…",
    # so `forget_public_answers` retires what either spelling stored.
    code = code.strip().upper()
    proof = _proof(code, secret, phone) if code and "\x00" not in code else None
    if proof is None:
        # Nothing can be stored for it: count, then read the database.
        allowed, _values = count_lookup(request)
        if not allowed:
            raise TooManyLookups
        found = public_view(code, secret=secret, phone=phone)
        return None if found is None else prepare(found)
    digest, language = _code_digest(code), get_language() or settings.LANGUAGE_CODE
    answer_key, generation_key = _answer_key(digest, language, form), _generation_key(digest)
    allowed, (generation, stored) = count_lookup(request, [generation_key, answer_key])
    if not allowed:
        raise TooManyLookups
    current = generation if isinstance(generation, str) else _NO_GENERATION
    if (
        isinstance(stored, _Stored)
        and stored.generation == current
        and hmac.compare_digest(stored.proof, proof)
    ):
        return cast(_Answer, stored.answer)
    found = public_view(code, secret=secret, phone=phone)
    if found is None:
        return None
    answer = prepare(found)
    cache.set(answer_key, _Stored(current, proof, answer), timeout=ANSWER_SECONDS)
    return answer


def forget_public_answers(*codes: str | None) -> None:
    """Retire the dossier's cached answers once the current transaction commits.

    `codes`: every name it is looked up by (its code, its tracking reference).
    Called for every change of a dossier (`DossierChanged`); outside a
    transaction it runs at once.
    """
    for code in codes:
        if not code:
            continue
        # Robust: the change has committed; if the cache is down, its answers
        # age out within ANSWER_SECONDS.
        key = _generation_key(_code_digest(code.upper()))
        transaction.on_commit(RetireAnswers(key), robust=True)


@dataclass(frozen=True)
class RetireAnswers:
    """The after-commit step of `forget_public_answers`: a new generation."""

    generation_key: str

    def __call__(self) -> None:
        cache.set(self.generation_key, secrets.token_hex(8), timeout=GENERATION_SECONDS)
