"""The systemd units in deploy/systemd start what exists and restart on failure (issue 16, item 2).

Read with configparser, as systemd's INI dialect allows (keys case-sensitive,
no interpolation: systemd has its own % specifiers). The unit's executable is
the one the project's virtual environment installs (its name under .venv/bin,
the directory of the Python running the tests), and what it runs exists: the
WSGI module gunicorn imports, the management command `egov` runs.
"""

from __future__ import annotations

import configparser
import importlib.util
import shlex
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
VENV_BIN = Path(sys.executable).parent


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    with (UNITS / name).open(encoding="utf-8") as unit:
        parser.read_file(unit)
    return parser


def _exec_start(unit: configparser.ConfigParser) -> list[str]:
    return shlex.split(unit["Service"]["ExecStart"])


def test_the_units_are_the_two_services() -> None:
    assert sorted(p.name for p in UNITS.iterdir()) == ["egov-web.service", "egov-worker.service"]


@pytest.mark.parametrize("name", ["egov-web.service", "egov-worker.service"])
def test_a_unit_restarts_on_failure_with_its_environment_file(name: str) -> None:
    unit = _unit(name)

    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    assert service["EnvironmentFile"] == "/etc/egov/egov.env"
    assert service["User"] == "egov"
    assert service["WorkingDirectory"] == "/opt/egov"
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    assert "postgresql.service" in unit["Unit"]["After"].split()
    program = Path(_exec_start(unit)[0])
    assert program.parent == Path("/opt/egov/.venv/bin")
    # The same console script exists in this project's virtual environment.
    assert (VENV_BIN / program.name).is_file()


def test_the_web_unit_runs_gunicorn_on_the_wsgi_module() -> None:
    command = _exec_start(_unit("egov-web.service"))

    assert Path(command[0]).name == "gunicorn"
    assert command[1] == "egov.wsgi"
    assert importlib.util.find_spec(command[1]) is not None
    assert command[command.index("--bind") + 1] == "127.0.0.1:8000"


def test_the_worker_unit_runs_the_worker_command() -> None:
    command = _exec_start(_unit("egov-worker.service"))

    assert [Path(command[0]).name, *command[1:]] == ["egov", "worker"]
    assert get_commands()["worker"] == "egov.platform.jobs"
    # The worker finishes its job on SIGTERM; systemd must not use SIGKILL first.
    assert _unit("egov-worker.service")["Service"]["KillSignal"] == "SIGTERM"
