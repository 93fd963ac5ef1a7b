"""Schemathesis over the whole OpenAPI document: no input gives a server error.

Every operation of the API is called in process (through Django's WSGI
handler, inside the test's transaction) with cases generated from its schema
and fixed seeds (`derandomize`), as a specialist of Phường Long An signed in
with a session and a CSRF token, so the calls reach the code behind the
checks. A case passes when the answer is not a 5xx. Run with `-s` to see how
many cases were sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, settings

from egov.api import api
from egov.conftest import Cast
from egov.onestop.dossiers.tests.conftest import Desk, desk  # noqa: F401 - the fixture
from egov.onestop.portal.tests.conftest import citizen, media, online, other  # noqa: F401
from egov.tests.test_permission_matrix import Target, target  # noqa: F401

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()

# Cases per operation; the operation count is pinned below so the total is known.
EXAMPLES = 40
SENT = {"cases": 0, "server_errors": 0}


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    print(f"\nfuzz: {SENT['cases']} cases, {SENT['server_errors']} server errors")


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    # The WSGI handler closes the database connection when a request starts
    # and ends, which would end the test's transaction; Django's test client
    # keeps it open the same way, by disconnecting this receiver.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def signed_in(_connection_kept: None, target: Target, cast: Cast) -> dict[str, str]:  # noqa: F811
    client = Client()
    client.force_login(cast.specialist, backend="django.contrib.auth.backends.ModelBackend")
    request = RequestFactory().get("/")
    token = get_token(request)
    cookie = (
        f"sessionid={client.cookies['sessionid'].value}; csrftoken={request.META['CSRF_COOKIE']}"
    )
    return {"Cookie": cookie, "X-CSRFToken": token}


def test_the_fuzz_covers_every_operation() -> None:
    assert len(list(schema.get_all_operations())) == 107


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_no_input_gives_a_server_error(case: Any, signed_in: dict[str, str]) -> None:
    response = case.call(headers=signed_in)
    SENT["cases"] += 1
    if response.status_code >= 500:
        SENT["server_errors"] += 1
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:500]}"
    )
    if response.status_code != 405:  # Django's answer to a method the path has not
        assert response.headers["content-type"][0].startswith("application/json"), (
            f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
        )
