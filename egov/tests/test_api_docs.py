from __future__ import annotations

import os
import subprocess
import sys

from django.test import Client
from django.test.utils import override_settings
from ninja import Schema


@override_settings(API_DOCS=False)
def test_schema_and_docs_are_private_when_api_docs_is_off(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json")
    docs = client.get("/api/v1/docs")

    assert schema.status_code == 404
    assert docs.status_code == 404


@override_settings(API_DOCS=True)
def test_schema_and_docs_are_served_when_api_docs_is_on(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json")
    docs = client.get("/api/v1/docs")

    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "egov API"
    assert docs.status_code == 200


def _api_docs_with(**env: str) -> str:
    base = {k: v for k, v in os.environ.items() if not k.startswith("EGOV_")}
    code = "import django; django.setup(); from django.conf import settings as s; print(s.API_DOCS)"
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "egov.settings",
            "EGOV_SECRET_KEY": "a-production-like-secret-key-0123456789abcdef",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_api_docs_default_follows_debug_and_can_be_set() -> None:
    assert _api_docs_with() == "False"
    assert _api_docs_with(EGOV_DEBUG="1") == "True"
    assert _api_docs_with(EGOV_API_DOCS="1") == "True"
    assert _api_docs_with(EGOV_DEBUG="1", EGOV_API_DOCS="0") == "False"


def test_every_api_schema_has_a_name_of_its_own() -> None:
    """OpenAPI keys its components by class name: two schemas of one name show as one.

    The feedback and the dossier API each had an `AnswerIn`, so the published
    document described one with the other's fields.
    """
    import egov.api  # noqa: F401 - every router and its schemas

    modules: dict[str, set[str]] = {}

    def walk(cls: type[Schema]) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("egov."):
                modules.setdefault(sub.__name__, set()).add(sub.__module__)
            walk(sub)

    walk(Schema)
    assert {name: places for name, places in modules.items() if len(places) > 1} == {}
    assert "FeedbackAnswerIn" in modules
