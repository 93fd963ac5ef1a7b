"""A file is public only once a published page uses it.

An editor uploads a document or an image while writing a page; until a
leader approves and the page goes live, the file is part of a draft, and
Wagtail would serve it to anyone who guesses /tep-cong/<id>/<name> (or, for
an image, its signed URL under /anh-cong/). So the document view (Wagtail's
`before_serve_document` hook, wagtail_hooks.py) and the image view
(images.py) answer 404 to anyone who may not change or choose the file in
its collection (the unit's editors) unless a live page of the portal uses
the file in its published content.

The reference index names the candidate pages; each candidate's stored row
is then read (the row holds the published content of a live page, while a
pending draft sits in a revision), so a link or an image added in an
unapproved draft of a live page does not publish the file either.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Page, ReferenceIndex


def _uses(page: Page, target: models.Model) -> bool:
    """Whether the page's stored row (its published content) refers to `target`:
    a foreign key holding it (an article's image), or a reference inside a
    rich text or stream field, read with Wagtail's own extraction of that field."""
    target_model = type(target)
    for field in page._meta.get_fields():
        if not hasattr(field, "attname"):
            continue
        value = getattr(page, field.attname)
        if field.many_to_one and field.related_model is not None:
            if issubclass(target_model, field.related_model) and value == target.pk:
                return True
            continue
        extract = getattr(field, "extract_references", None)
        if extract is None:
            continue
        for model, object_id, _path, _content_path in extract(value):
            if issubclass(model, target_model) and str(object_id) == str(target.pk):
                return True
    return False


def is_published(target: models.Model) -> bool:
    """True when a live page uses `target` (a document, an image) in its published content."""
    page_type = ContentType.objects.get_for_model(Page)
    candidates = (
        ReferenceIndex.get_references_to(target)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in candidates if pk.isdigit()])
    return any(_uses(page, target) for page in pages.specific())
