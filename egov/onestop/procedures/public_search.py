"""The procedure catalogue's section of the portal's search (platform/core/public_search.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egov.onestop.procedures.selectors import catalogue
from egov.platform.core import public_search


def search(*, query: str, limit: int) -> public_search.Found:
    procedures = catalogue(query=query)
    return public_search.Found(
        hits=[
            public_search.Hit(
                title=procedure.name,
                url=reverse("procedures:detail", args=[procedure.code]),
                summary=f"{procedure.code} · {procedure.field.name}",
            )
            for procedure in procedures[:limit]
        ],
        total=procedures.count(),
    )


def more_url(query: str) -> str:
    return f"{reverse('procedures:list')}?{urlencode({'q': query})}"


SECTION = public_search.Section(
    key="procedures", label=_("Thủ tục hành chính"), order=30, search=search, more_url=more_url
)
