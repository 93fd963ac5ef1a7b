"""Vietnamese alphabetical order, the same on SQLite and PostgreSQL.

The databases order names by code point (or by a locale the server happens
to have), which puts "Đ" after "Z" or mixes it with "D". The Vietnamese
alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, and
the tones come second: a word differs first by its letters, then by its
tones in the order ngang, huyền, hỏi, ngã, sắc, nặng (the dictionary order
of the Vietnamese Encyclopedic Dictionary; TCVN 5712:1993 does not fix a
collation, so this order is kept as data in `TONES`).

Lists shown to people (communes, units, fields) are short, so they are
sorted in Python with `vietnamese_key`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"
# Marks that make another letter of the alphabet (ă â ê ô ơ ư).
LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# The five tone marks, in dictionary order after the level tone (ngang).
TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]

_RANK = {letter: index for index, letter in enumerate(ALPHABET)}


def _letters(text: str) -> tuple[list[tuple[int, str]], list[int], list[int]]:
    """Primary (letter ranks), secondary (tones) and tertiary (case) keys."""
    primary: list[tuple[int, str]] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = next((TONES.index(m) + 1 for m in marks if m in TONES), 0)
        letter = unicodedata.normalize(
            "NFC", base.lower() + "".join(m for m in marks if m in LETTER_MARKS)
        )
        # Anything outside the alphabet (digits, spaces, punctuation) sorts
        # before letters, by code point, as in a dictionary.
        primary.append((_RANK[letter] + 1000, "") if letter in _RANK else (0, letter))
        tones.append(tone)
        cases.append(0 if base.islower() else 1)
    return primary, tones, cases


def vietnamese_key(text: str) -> tuple[list[tuple[int, str]], list[int], list[int]]:
    """A sort key that orders `text` as a Vietnamese dictionary does."""
    return _letters(unicodedata.normalize("NFC", text))


def sorted_vietnamese(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    return sorted(items, key=lambda item: vietnamese_key(key(item)))
