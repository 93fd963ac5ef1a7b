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


# The production environment the README documents (its "HTTPS in production"
# paragraph): behind a TLS-terminating proxy that sets X-Forwarded-Proto.
PRODUCTION = {
    "EGOV_SECRET_KEY": "q7Vn2xR9pL4tW8mZ1cH6yB3kD5fJ0sG-aE_uYiOoNrTlMvXwCbQhPjKzSdFgU",
    "EGOV_ALLOWED_HOSTS": "dichvucong.tayninh.gov.vn",
    "EGOV_CSRF_TRUSTED_ORIGINS": "https://dichvucong.tayninh.gov.vn",
    "EGOV_PUBLIC_URL": "https://dichvucong.tayninh.gov.vn",
    "EGOV_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    "EGOV_SSL_REDIRECT": "1",
    "EGOV_HSTS_SECONDS": "31536000",
    "EGOV_HSTS_INCLUDE_SUBDOMAINS": "1",
    "EGOV_HSTS_PRELOAD": "1",
}


def _deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EGOV_")}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = "egov.settings"
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_documented_production_environment_passes_the_deploy_check() -> None:
    result = _deploy_check(PRODUCTION)

    # axes.W006 is the one silenced check (settings.SILENCED_SYSTEM_CHECKS)
    assert result.stdout == "System check identified no issues (1 silenced).\n"
    assert result.stderr == ""
    assert result.returncode == 0


def test_without_the_https_settings_the_deploy_check_warns() -> None:
    # Given the production environment without the HTTPS settings
    https = {"EGOV_SSL_REDIRECT", "EGOV_HSTS_SECONDS", "EGOV_PROXY_SSL_HEADER"}
    partial = {k: v for k, v in PRODUCTION.items() if k not in https}
    partial.update(EGOV_HSTS_INCLUDE_SUBDOMAINS="0", EGOV_HSTS_PRELOAD="0")

    result = _deploy_check(partial)

    # Then Django names exactly the missing HSTS header and HTTPS redirect
    ids = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("?: ")]
    assert ids == ["(security.W004)", "(security.W008)"]
    assert result.stderr.endswith("System check identified 2 issues (1 silenced).\n")


def test_a_malformed_proxy_ssl_header_is_refused() -> None:
    result = _import_settings({**PRODUCTION, "EGOV_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO"})

    assert result.returncode == 1
    assert "EGOV_PROXY_SSL_HEADER must be 'HEADER,value'" in result.stderr


def test_the_https_settings_are_read_from_the_environment() -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EGOV_")}
    clean.update(PRODUCTION, DJANGO_SETTINGS_MODULE="egov.settings")
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        env=clean,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.stdout == (
        "True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https') True True\n"
    )
