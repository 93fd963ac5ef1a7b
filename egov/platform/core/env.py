"""Typed readers for EGOV_* environment variables.

Every setting accepts `<NAME>_FILE` as well, naming a file that holds the value,
so that secrets can come from mounted files rather than the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

PREFIX = "EGOV_"


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the process must not start."""


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name)


def env_str(name: str, default: str, *, prefixed: bool = True) -> str:
    value = _raw(PREFIX + name if prefixed else name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(PREFIX + name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{PREFIX}{name} must be a boolean, got {value!r}")


def env_int(name: str, default: int) -> int:
    value = _raw(PREFIX + name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigError(f"{PREFIX}{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(PREFIX + name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
