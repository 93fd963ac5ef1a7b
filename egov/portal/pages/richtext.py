"""Rich text is cleaned to the portal's whitelist whenever a page is saved.

Wagtail's editor (Draftail) only produces the features a field allows, but a
page made in code, by an import or through the API stores whatever HTML it
is given, and the `richtext` filter prints the stored HTML as it is. So
every page of the portal passes its rich text through this whitelist before
it is stored (PortalPage.clean and PortalPage.save): the elements of
RICH_TEXT_FEATURES, Wagtail's page and document links, links whose scheme
is http(s), mailto or tel; no script, no style, no event handler attribute,
no embed (Circular 22/2023/TT-BTTTT asks for safe, accessible pages).
"""

from __future__ import annotations

from typing import Any

from wagtail.fields import RichTextField
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

# Wagtail's own link types in its stored format (<a linktype="page" id="3">).
_LINK_TYPES = frozenset({"page", "document"})


def _link_type(value: str) -> str | None:
    return value if value in _LINK_TYPES else None


def _object_id(value: str) -> str | None:
    return value if value.isdigit() else None


# Draftail keeps a key on each block; harmless, and kept so editing round-trips.
_block = attribute_rule({"data-block-key": True})


class PortalWhitelister(Whitelister):
    element_rules = {
        "[document]": allow_without_attributes,
        "p": _block,
        "h2": _block,
        "h3": _block,
        "ol": _block,
        "ul": _block,
        "li": _block,
        "b": allow_without_attributes,
        "strong": allow_without_attributes,
        "i": allow_without_attributes,
        "em": allow_without_attributes,
        "br": allow_without_attributes,
        "hr": allow_without_attributes,
        "a": attribute_rule({"href": check_url, "linktype": _link_type, "id": _object_id}),
    }

    def clean_tag_node(self, doc: Any, tag: Any) -> None:
        # A script's or a style's text is code, not content: dropped with it
        # (the base class keeps the text of elements it does not know).
        if tag.name in ("script", "style", "template", "iframe", "object", "noscript"):
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


_WHITELISTER = PortalWhitelister()


def clean_rich_text(html: str) -> str:
    if not html:
        return html
    cleaned: str = _WHITELISTER.clean(html)
    return cleaned


def clean_rich_text_fields(page: Any) -> None:
    """Clean every rich text field of `page` in place."""
    for field in page._meta.get_fields():
        if isinstance(field, RichTextField):
            value = getattr(page, field.attname, "")
            if value:
                setattr(page, field.attname, clean_rich_text(value))
