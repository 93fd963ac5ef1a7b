"""Tests that need LibreOffice or ocrmypdf skip, saying why, on a machine
without them; CI sets EGOV_REQUIRE_TOOLS=1 and then they fail instead."""

from __future__ import annotations

import os

import pytest


def require_tool(available: bool, packages: str) -> None:
    if available:
        return
    message = f"needs Debian packages {packages} (deploy/debian-packages.txt)"
    if os.environ.get("EGOV_REQUIRE_TOOLS", "") not in ("", "0"):
        pytest.fail(f"EGOV_REQUIRE_TOOLS is set but the tool is missing: {message}")
    pytest.skip(message)
