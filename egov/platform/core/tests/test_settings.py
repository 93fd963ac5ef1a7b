from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EGOV_")}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "egov.settings"
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _import_settings({})

    assert result.returncode == 1
    assert "EGOV_SECRET_KEY (or EGOV_SECRET_KEY_FILE) must be set" in result.stderr


def test_production_refuses_a_weak_secret_key() -> None:
    result = _import_settings({"EGOV_SECRET_KEY": "short"})

    assert result.returncode == 1
    assert "EGOV_SECRET_KEY is too weak" in result.stderr


def test_secret_key_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t-" * 8, encoding="utf-8")

    result = _import_settings({"EGOV_SECRET_KEY_FILE": str(secret)})

    assert result.stdout.strip() == "started"


def test_debug_starts_without_a_key_and_is_off_by_default() -> None:
    debug = _import_settings({"EGOV_DEBUG": "1"})

    assert debug.stdout.strip() == "started"
    from django.conf import settings

    assert settings.DEBUG is False


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_malformed_boolean_is_refused(value: str) -> None:
    result = _import_settings({"EGOV_DEBUG": value})

    assert result.returncode == 1
    assert "EGOV_DEBUG must be a boolean" in result.stderr


def test_sandbox_payments_are_refused_in_production() -> None:
    result = _import_settings({"EGOV_SECRET_KEY": "s3cr3t-" * 8, "EGOV_PAYMENT_GATEWAY": "sandbox"})

    assert result.returncode == 1
    assert "EGOV_PAYMENT_GATEWAY=sandbox is for the demo only." in result.stderr
