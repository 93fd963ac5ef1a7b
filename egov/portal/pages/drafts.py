"""A file is public only once a published page links to it.

An editor uploads a document while writing a page; until a leader approves
and the page goes live, the document is part of a draft, and Wagtail would
serve it to anyone who guesses /tep-cong/<id>/<name>. So the document view
(Wagtail's `before_serve_document` hook, wagtail_hooks.py) answers 404 to
anyone without access to the portal's admin unless a live page of the
portal links to the document in its published content.

The reference index names the candidate pages; each candidate's stored row
is then read (the row holds the published content of a live page, while a
pending draft sits in a revision), so a link added in an unapproved draft of
a live page does not publish the file either.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page, ReferenceIndex


def _links_to(page: Page, document: AbstractDocument) -> bool:
    """Whether the page's stored row (its published content) refers to `document`,
    read with Wagtail's own reference extraction of each field."""
    for field in page._meta.get_fields():
        extract = getattr(field, "extract_references", None)
        if extract is None or not hasattr(field, "attname"):
            continue
        for model, object_id, _path, _content_path in extract(getattr(page, field.attname)):
            if issubclass(model, AbstractDocument) and str(object_id) == str(document.pk):
                return True
    return False


def is_published(document: AbstractDocument) -> bool:
    """True when a live page links to `document` in its published content."""
    page_type = ContentType.objects.get_for_model(Page)
    candidates = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in candidates if pk.isdigit()])
    return any(_links_to(page, document) for page in pages.specific())
