from __future__ import annotations

from collections.abc import Iterator

import pytest

from egov.platform.servicelevel import recorder


@pytest.fixture(autouse=True)
def fresh_recorder() -> Iterator[None]:
    """Each test counts only its own requests (the recorder lives in the process)."""
    recorder.discard()
    yield
    recorder.discard()
