"""GeoReport v2 answers in JSON or XML, from the same list of dictionaries.

The XML follows the specification's examples: a root element named for the
list (`services`, `service_requests`, `errors`), one child per item
(`service`, `request`, `error`), and one element per key; None is an empty
element, True/False are `true`/`false`. Built with ElementTree, so text is
escaped and nothing a client sent can inject markup.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree as ET  # noqa: S405 - only writing, never parsing

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

Item = dict[str, Any]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _element(parent: ET.Element, key: str, value: Any) -> None:
    child = ET.SubElement(parent, key)
    if isinstance(value, list):
        # Nested lists: attributes and their values in a service definition.
        singular = {"attributes": "attribute", "values": "value"}.get(key, "item")
        for entry in value:
            node = ET.SubElement(child, singular)
            for sub_key, sub_value in entry.items():
                _element(node, sub_key, sub_value)
        return
    child.text = _text(value)


def to_xml(root: str, item_name: str, items: Sequence[Item]) -> bytes:
    top = ET.Element(root)
    for item in items:
        node = ET.SubElement(top, item_name)
        for key, value in item.items():
            _element(node, key, value)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="unicode").encode()
    )


def single_xml(root: str, item: Item) -> bytes:
    top = ET.Element(root)
    for key, value in item.items():
        _element(top, key, value)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="unicode").encode()
    )


def respond(
    fmt: str, *, root: str, item_name: str, items: Sequence[Item], status: int = 200
) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(
            to_xml(root, item_name, items), content_type="text/xml; charset=utf-8", status=status
        )
    return HttpResponse(
        json.dumps(list(items), cls=DjangoJSONEncoder, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
        status=status,
    )


def respond_single(fmt: str, *, root: str, item: Item) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(single_xml(root, item), content_type="text/xml; charset=utf-8")
    return HttpResponse(
        json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )


def errors(fmt: str, status: int, description: str) -> HttpResponse:
    """The specification's error answer: a list of {code, description}."""
    return respond(
        fmt,
        root="errors",
        item_name="error",
        items=[{"code": status, "description": description}],
        status=status,
    )
