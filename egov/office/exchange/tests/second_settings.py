"""Settings of the second deployment that test_two_deployments.py starts.

The test settings, with the files in one folder the second deployment's server
and worker processes share (the test settings make a new folder per process).
Its database comes from DATABASE_URL, its hub from EGOV_EXCHANGE_HUB_*.
"""

from __future__ import annotations

import os
from pathlib import Path

from egov.settings_test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["EXCHANGE_SECOND_MEDIA"])
