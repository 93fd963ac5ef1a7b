"""API keys: issued by an administrator of the receiving body, stored hashed, revocable."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command

from egov.conftest import Cast, Province
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import PermissionDenied
from egov.voice.open311.keys import client_for_key, issue_key, revoke_key
from egov.voice.open311.models import ApiClient


@pytest.mark.django_db
def test_only_an_administrator_of_the_body_issues_and_revokes_keys(
    province: Province, cast: Cast
) -> None:
    events = AuditEvent.objects.count()
    for who in (cast.specialist, cast.leader, cast.outsider, cast.citizen):
        with pytest.raises(PermissionDenied):
            issue_key(actor=who, name="Ứng dụng", unit=province.long_an)
    assert (ApiClient.objects.count(), AuditEvent.objects.count()) == (0, events)

    client, key = issue_key(actor=cast.admin, name="  Ứng dụng  phường ", unit=province.long_an)

    assert client.name == "Ứng dụng phường"
    assert client.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(list(ApiClient.objects.values()))
    assert client_for_key(key) == client
    with pytest.raises(PermissionDenied):
        revoke_key(actor=cast.outsider, client=client)
    assert client_for_key(key) == client
    revoke_key(actor=cast.admin, client=client)
    assert client_for_key(key) is None
    assert list(
        AuditEvent.objects.filter(event_type__startswith="voice.")
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == ["voice.api_client_created", "voice.api_client_revoked"]


@pytest.mark.django_db
def test_the_command_prints_the_key_once_and_revokes_by_prefix(province: Province) -> None:
    out = StringIO()
    call_command("open311_key", name="Zalo OA", unit=province.long_an.pk, stdout=out)
    name, key = out.getvalue().strip().split(": ")

    assert (name, client_for_key(key)) == ("Zalo OA", ApiClient.objects.get())
    call_command("open311_key", revoke=key[:8], stdout=StringIO())
    assert client_for_key(key) is None
