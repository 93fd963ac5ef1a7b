"""The admin speaks Vietnamese throughout (issue 17): names, labels and Django's own chrome.

Every model of the project names itself and its fields explicitly (an
unnamed one shows "daily sequence" or "prefix" in the admin), and every
changelist and add page, opened by the superuser, shows no English in its
headings, labels, links and buttons. The words of Django's admin and of
django-axes that their own Vietnamese catalogues lack are translated in
egov/locale/vi.
"""

from __future__ import annotations

import re

from axes.models import AccessLog
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils.text import camel_case_to_spaces

from egov.conftest import Province, login
from egov.platform.accounts.models import User

# Words of the admin's chrome as Django and django-axes write them in English.
ENGLISH = re.compile(
    r"\b(Add|Change|Delete|View|Filter|Search|Save|History|Home|Action|Go|Select|All|Yes|No|"
    r"Unknown|Today|Now|Clear|Show|Hide|Choose|Remove|Log out|Password|Users|Groups|"
    r"Permissions|Date|Time|Name|Enabled|Disabled|Toggle|Skip|Model|link|Access|Username|"
    r"Path|Address|Agent|by|of|the|and|or|selected|Run|Close|entry|entries)\b"
)
HIDDEN = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S)
ATTRIBUTE = re.compile(r'\b(title|aria-label|placeholder|value)="([^"]*)"')


def _project_models() -> list[type[models.Model]]:
    # Models declared by test modules (e.g. the outbox's test parcel) are not
    # the project's: they exist only when those tests were imported first.
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("egov.") and ".tests." not in f"{m.__module__}."
    ]


def test_every_project_model_and_field_is_named_in_vietnamese() -> None:
    unnamed = []
    for model in _project_models():
        meta = model._meta
        if meta.verbose_name == camel_case_to_spaces(meta.object_name or ""):
            unnamed.append(f"{meta.label}: verbose_name")
        if "verbose_name_plural" not in meta.original_attrs:
            unnamed.append(f"{meta.label}: verbose_name_plural")
        inherited = {
            field.name
            for parent in meta.get_parent_list()
            if not parent.__module__.startswith("egov.")
            for field in parent._meta.get_fields()
        }
        for field in meta.get_fields():
            if not isinstance(field, models.Field) or field.auto_created:
                continue
            # The portal's pages inherit Wagtail's Page (a parent table):
            # its fields, and the relations it gives each subclass, are
            # Wagtail's, named by its own catalogue.
            if field.name in inherited:
                continue
            if str(field.verbose_name) == field.name.replace("_", " "):
                unnamed.append(f"{meta.label}.{field.name}")

    assert unnamed == []


def _visible_text(html: str) -> list[str]:
    html = ATTRIBUTE.sub(lambda m: f">{m.group(2)}<", HIDDEN.sub("", html))
    texts = (" ".join(part.split()) for part in re.split(r"<[^>]+>", html))
    return [text for text in texts if text]


def test_every_admin_page_is_in_vietnamese(
    client: Client, superuser: User, province: Province
) -> None:
    login(client, superuser)
    AccessLog.objects.all().delete()  # its rows read "Access Log for root @ ..."
    statuses: dict[str, int] = {}
    english: dict[str, list[str]] = {}
    for model in admin.site._registry:
        meta = model._meta
        for view in ("changelist", "add"):
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}")
            response = client.get(url)
            statuses[url] = response.status_code
            found = [t for t in _visible_text(response.content.decode()) if ENGLISH.search(t)]
            if found:
                english[url] = found

    request = client.get("/admin/").wsgi_request
    expected = {
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_{view}"): (
            403 if view == "add" and not a.has_add_permission(request) else 200
        )
        for m, a in admin.site._registry.items()
        for view in ("changelist", "add")
    }
    assert statuses == expected
    assert english == {}
