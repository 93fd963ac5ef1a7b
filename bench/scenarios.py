"""Running wrk against the platform and reading its results.

Each scenario is a Lua script (bench/lua/) appended to common.lua, which
prints one `BENCH_JSON {...}` line with the request count, the duration,
the errors (socket errors, timeouts, and answers other than 2xx/3xx) and
the p50/p95/p99 latencies from wrk's own histogram.
"""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

LUA = Path(__file__).resolve().parent / "lua"


@dataclass(frozen=True)
class Session:
    cookie: str  # the Cookie header
    csrf: str  # the X-CSRFToken header


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _sep, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def login(port: int, username: str, password: str) -> Session:
    """Log in through the login page, as a browser would: CSRF cookie, form, session."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/dang-nhap/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise RuntimeError("login page without a CSRF token")
    body = urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    )
    conn.request(
        "POST",
        "/dang-nhap/",
        body,
        headers={
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    response = conn.getresponse()
    response.read()
    cookies.update(_cookies(response))
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed: HTTP {response.status}")
    conn.close()
    return Session(
        "; ".join(f"{k}={v}" for k, v in cookies.items() if k in ("sessionid", "csrftoken")),
        cookies["csrftoken"],
    )


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wrk(
    port: int,
    script: str,
    path: str,
    *,
    duration: float,
    connections: int,
    threads: int,
    args: list[str] | None = None,
) -> dict[str, Any]:
    """Run one scenario; returns wrk's figures plus throughput and errors."""
    source = (LUA / "common.lua").read_text() + "\n" + (LUA / script).read_text()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(source)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(int(duration), 1)}s",
        "--timeout",
        "5s",
        "-s",
        handle.name,
        f"http://127.0.0.1:{port}{path}",
    ]
    if args:
        command += ["--", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    Path(handle.name).unlink()
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{done.stdout}\n{done.stderr}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in raw if k.startswith("errors_"))
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "requests_per_s": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
        "errors_detail": {
            k.removeprefix("errors_"): raw[k] for k in raw if k.startswith("errors_")
        },
        "connections": connections,
        "threads": threads,
    }
