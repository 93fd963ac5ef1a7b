"""Personal data removed before a question and its answer are published.

Decree 20/2008 (as amended) has the answer published; Decree 13/2023/NĐ-CP
on personal data protection forbids publishing the sender's identity
without consent. What the sender gave (name, phone, e-mail, address) is
removed wherever it occurs, and so is anything that looks like a phone
number, an e-mail address or an identity number, whoever it belongs to.
The leader sees the result before approving and may edit it.
"""

from __future__ import annotations

import re

MASK = "[đã ẩn]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese phone numbers, with spaces, dots or dashes between groups.
_PHONE = re.compile(r"(?<!\d)(?:\+84|0)(?:[\s.-]?\d){8,10}(?!\d)")
# Identity numbers: 9 (old card) or 12 (CCCD) digits, and tax codes of 10 or 13.
_NUMBER = re.compile(r"(?<!\d)(?:\d{9}|\d{10}|\d{12}|\d{13})(?!\d)")


def remove_personal_data(text: str, *, known: list[str]) -> str:
    """`text` without the sender's `known` details and without contact-like strings."""
    result = text
    # Longest first, so a full name goes before the given name inside it.
    for value in sorted({v.strip() for v in known if len(v.strip()) >= 3}, key=len, reverse=True):
        result = re.sub(re.escape(value), MASK, result, flags=re.IGNORECASE)
    result = _EMAIL.sub(MASK, result)
    result = _PHONE.sub(MASK, result)
    return _NUMBER.sub(MASK, result)
