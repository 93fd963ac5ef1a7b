"""JSON lines that keep microseconds: the format `egov backup` writes.

Django's JSON encoder cuts times to milliseconds (ECMA-262's format), which
would change every stored timestamp, and with them the audit trail's hashes
(`egov/platform/audit/chain.py` hashes the time to the microsecond). This
serialiser writes the full ISO 8601 time; the dump is still plain JSON lines,
and Django's own `jsonl` deserialiser reads it back (`loaddata database.jsonl`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder

NAME = "egov-jsonl"


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        self.options["cls"] = ExactJSONEncoder
        super()._init_options()  # type: ignore[misc]


Deserializer = jsonl.Deserializer
