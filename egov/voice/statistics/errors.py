"""The error codes of the citizens' voice statistics.

Stable: API clients and the tests rely on the values; add, never rename.
"""

from __future__ import annotations

from enum import StrEnum


class VoiceStatisticsError(StrEnum):
    UNIT_NOT_FOUND = "voice_statistics_unit_not_found"
    INVALID_PERIOD = "voice_statistics_invalid_period"
