"""The W3C Nu HTML checker (vnu) as a local service, for the browser tests.

``vnu.jar`` is the checker behind validator.w3.org/nu. It comes from the npm package
``vnu-jar`` at ``VNU_VERSION``: ``python scripts/fetch_vnu.py`` puts it in the user's cache
(or at ``$TREPART_VNU_JAR``), where :func:`jar_path` finds it. It is never part of Trepart's
static files or wheel. Java takes several seconds to start, so a test run starts the checker
once as an HTTP service on a free port of 127.0.0.1, posts each page's HTML to it, and stops
it at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

# Pinned: a new release may add rules; bump it on purpose and fix what it finds.
VNU_VERSION = "26.9.27"
START_TIMEOUT_S = 180.0  # Java's start-up on a busy two-core machine
CHECK_TIMEOUT_S = 60.0
_PROBE = b"<!doctype html><html lang=en><title>probe</title>"


def jar_path() -> Path:
    """Where ``scripts/fetch_vnu.py`` puts vnu.jar (``$TREPART_VNU_JAR`` if set)."""
    override = os.environ.get("TREPART_VNU_JAR")
    if override:
        return Path(override)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "trepart" / f"vnu-jar-{VNU_VERSION}" / "vnu.jar"


def unavailable_reason() -> str | None:
    """Why the checker cannot run here, or None when Java and the jar are both present."""
    if shutil.which("java") is None:
        return "the Nu HTML checker needs Java (apt-get install default-jre-headless)"
    if not jar_path().is_file():
        return f"the Nu HTML checker is missing at {jar_path()} (python scripts/fetch_vnu.py)"
    return None


@dataclass(frozen=True)
class Message:
    """One of vnu's messages: ``kind`` is "error", "warning", "info" or "non-document-error"."""

    kind: str
    text: str
    line: int | None
    extract: str

    def describe(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        extract = " ".join(self.extract.split())
        return f"{where}{self.text}" + (f"\n      {extract}" if extract else "")


def parse_messages(answer: dict) -> list[Message]:
    messages = []
    for raw in answer.get("messages", []):
        kind = raw.get("type", "")
        # vnu reports warnings as type "info" with subType "warning"; fatal errors as
        # type "error" with subType "fatal".
        if kind == "info" and raw.get("subType") == "warning":
            kind = "warning"
        messages.append(
            Message(
                kind=kind,
                text=raw.get("message", ""),
                line=raw.get("lastLine"),
                extract=raw.get("extract", ""),
            )
        )
    return messages


class NuChecker:
    """A running vnu service; :meth:`check` returns its messages for one HTML document."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> None:
        self._process = process
        self._url = url
        self._log = log

    @classmethod
    def start(cls, jar: Path | None = None) -> NuChecker:
        jar = jar or jar_path()
        port = _free_port()
        log = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the service's lifetime
        # A deep stack: the schema's RELAX NG patterns recurse deeply while loading.
        command = [
            shutil.which("java") or "java",
            "-Xss4m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(jar),
            "nu.validator.servlet.Main",
            str(port),
        ]
        process = subprocess.Popen(  # noqa: S603 - a fixed command, no shell
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
        checker = cls(process, f"http://127.0.0.1:{port}/?out=json", log)
        checker._wait_until_ready()
        return checker

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the Nu HTML checker stopped at start:\n{self._log_tail()}")
            try:
                self._post(_PROBE, timeout=5)
            except (OSError, ValueError):
                time.sleep(0.5)
            else:
                return
        self.stop()
        raise RuntimeError(f"the Nu HTML checker did not start in {START_TIMEOUT_S:.0f} s")

    def check(self, html: bytes) -> list[Message]:
        return parse_messages(self._post(html, timeout=CHECK_TIMEOUT_S))

    def _post(self, html: bytes, *, timeout: float) -> dict:
        request = urllib.request.Request(  # noqa: S310 - our own service on 127.0.0.1
            self._url,
            data=html,
            headers={"Content-Type": "text/html; charset=utf-8"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.loads(response.read())

    def _log_tail(self) -> str:
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-3000:]

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._log.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
