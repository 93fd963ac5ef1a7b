"""Masking personal data for public views (Decree 13/2023/NĐ-CP).

The applicant's name is shown so a citizen can recognise their own dossier,
but masked so a passer-by learns nothing useful:

* the name is normalised to NFC, so a Vietnamese letter typed as a base
  letter plus combining marks ("a" + "̂" + "̀") counts as one letter ("ầ");
* each word (split on whitespace) keeps its first letter as written, with its
  diacritics ("Đ", "Ấ"), and every further letter becomes one "*";
* words are joined by single spaces.

"Trần Văn An" → "T*** V** A*"; "Đỗ Thị Ánh" → "Đ* T** Á**".

Phone numbers are compared, never shown: `normalise_phone` reduces the forms
people type ("+84 912 345 678", "0912.345.678", "84912345678") to "0912345678".
"""

from __future__ import annotations

import re
import unicodedata

MASK = "*"

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


def _letters(word: str) -> list[str]:
    """Split a word into letters, keeping combining marks with their base."""
    letters: list[str] = []
    for char in word:
        if letters and unicodedata.combining(char):
            letters[-1] += char
        else:
            letters.append(char)
    return letters


def mask_name(name: str) -> str:
    words = unicodedata.normalize("NFC", name).split()
    masked = []
    for word in words:
        letters = _letters(word)
        masked.append(letters[0] + MASK * (len(letters) - 1))
    return " ".join(masked)


def normalise_phone(phone: str) -> str:
    """The national form of a Vietnamese number ("0" + 9-10 digits), or ""."""
    digits = _PHONE_SEPARATORS.sub("", phone.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isascii() or not digits.isdigit() or not digits.startswith("0"):
        return ""
    if len(digits) not in (10, 11):
        return ""
    return digits
