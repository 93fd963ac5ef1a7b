"""Unicode NFC: one spelling for every name (issue 16, item 6).

Vietnamese letters have two encodings: composed (NFC, "ễ" as one code point)
and decomposed (NFD, "e" + circumflex + tilde). macOS, some phone keyboards
and copy-paste from PDFs send NFD. The two look identical but compare
unequal, so an officer searching "Nguyễn" typed in NFC would not find a name
stored in NFD. Everything stored is NFC (the W3C Character Model's
recommendation for the web): `InputGuardMiddleware` normalises what arrives
over HTTP, the data migrations normalise what was stored before.

Passwords are left as typed: their hashes were computed over the raw bytes,
and normalising them now would lock out whoever typed an NFD password.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any, Final, Literal

from django.db import models

FORM: Final[Literal["NFC"]] = "NFC"


def nfc(value: str) -> str:
    """The NFC form of a text; the same object when it already is NFC."""
    if value.isascii() or unicodedata.is_normalized(FORM, value):
        return value
    return unicodedata.normalize(FORM, value)


def is_secret_key(key: str) -> bool:
    """A field whose value is compared byte for byte against a hash."""
    return "password" in key.lower()


def nfc_json(value: Any) -> Any:
    """A parsed JSON value with every string NFC, passwords left as typed."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc_json(item) for item in value]
    if isinstance(value, dict):
        return {
            nfc(key): (item if is_secret_key(key) else nfc_json(item))
            for key, item in value.items()
        }
    return value


def normalise_rows(model: type[models.Model], fields: Iterable[str], batch: int = 2000) -> int:
    """Rewrite the rows whose `fields` are not NFC; return how many changed.

    For data migrations (pass the historical model). Reads only the key and
    the fields, and writes only the rows that change.
    """
    names = list(fields)
    changed: list[models.Model] = []
    count = 0
    rows = model._default_manager.values_list("pk", *names).order_by("pk")
    for pk, *values in rows.iterator(chunk_size=batch):
        normal = [nfc(v) if isinstance(v, str) else v for v in values]
        if normal == values:
            continue
        changed.append(model(pk=pk, **dict(zip(names, normal, strict=True))))
        count += 1
        if len(changed) >= batch:
            model._default_manager.bulk_update(changed, names)
            changed = []
    if changed:
        model._default_manager.bulk_update(changed, names)
    return count


def fold(text: str) -> str:
    """Text for diacritic-insensitive search: no marks, đ as d, lower case, single spaces.

    Stored in a column beside the text and applied to the query the same way,
    so "phan anh" finds "Phản ánh" by a plain substring test on SQLite and
    PostgreSQL alike (the one-stop catalogue folds the same way).
    """
    # "đ"/"Đ" are letters of their own, not "d" plus a mark: NFD keeps them.
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.lower().split())
