"""Settings for the test suite: the real settings with test-only defaults."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("EGOV_SECRET_KEY", "test-only-secret-key-0123456789abcdefghijklmnop")
# Tests pay at the loopback sandbox bank, never a real one.
os.environ.setdefault("EGOV_PAYMENT_GATEWAY", "sandbox")
os.environ.setdefault("EGOV_ALLOW_SANDBOX_PAYMENTS", "1")

from egov.settings import *  # noqa: E402, F403
from egov.settings import DATA_DIR, DATABASES  # noqa: E402

# Two-factor authentication is required in production; its own tests turn
# it on (egov/platform/web/tests/test_twofactor.py).
EGOV_REQUIRE_2FA = False

# A cheap hasher keeps the suite fast; production uses Django's default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's shared in-memory database: the in-memory one locks
    # whole tables without honouring the busy timeout, so tests of concurrent
    # desks would fail where production (a WAL file) queues writers.
    # One file per test process, so parallel runs never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-egov-{os.getpid()}.sqlite3")}

# Uploaded scans and results of the tests go to a throwaway folder.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="egov-test-media-"))
# load_demo's CA and seal key (egov/platform/signatures/testing/demo.py).
EGOV_DEMO_SIGNATURES_DIR = Path(tempfile.mkdtemp(prefix="egov-test-demo-signatures-"))

# Audit trail (issue 16): PostgreSQL's trigger refuses TRUNCATE on the audit
# table; the test runner empties tables with TRUNCATE between transactional
# tests, so its connections may (the trigger's test turns this off again).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c egov.audit_allow_truncate=on"

# The tests read the OpenAPI document (schema tests, the fuzzing); that it is
# private in production is tested with API_DOCS off.
API_DOCS = True

# Request figures are written only when a test asks (servicelevel tests call
# flush()): a write inside a request would change the pinned query counts.
SERVICE_METRICS_FLUSH_SECONDS = 10**9
SERVICE_METRICS_FLUSH_AT_EXIT = False
