"""Throughput under a real server: gunicorn on 127.0.0.1 with two sync workers, loaded from
this (second) process by a few threads, each making one request after another.

The public meeting page is compared with a bare Django view under the same server, so the
figure says how much of the server's capacity the page itself takes, whatever the machine.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from trepart.benchmark.runner import request_host
from trepart.benchmark.serve_urls import BARE_PATH

WORKERS = 2


@dataclass(frozen=True)
class LoadResult:
    path: str
    requests: int
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(
    *,
    host: str,
    port: int,
    path: str,
    threads: int,
    seconds: float,
    host_header: str | None = None,
) -> LoadResult:
    """GET ``path`` from ``threads`` threads for ``seconds``; count answers and failures.

    A new connection per request: gunicorn's sync workers close each connection anyway.
    Only a 200 counts as an answer; anything else (or no answer) is an error. Each thread
    makes at least one request, even if it was scheduled only after the time was up.
    """
    counts = [0] * threads
    errors = [0] * threads
    deadline = time.perf_counter() + seconds
    headers = {"Host": host_header or f"{host}:{port}", "Accept-Language": "nb"}

    def work(n: int) -> None:
        while True:
            connection = http.client.HTTPConnection(host, port, timeout=30)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    counts[n] += 1
                else:
                    errors[n] += 1
            except OSError:
                errors[n] += 1
            finally:
                connection.close()
            if time.perf_counter() >= deadline:
                return

    started = time.perf_counter()
    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return LoadResult(path, sum(counts), sum(errors), time.perf_counter() - started)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn serving the project's WSGI app (with the bare view) on a free local port."""

    def __init__(self, *, workers: int = WORKERS, host_header: str = "localhost") -> None:
        self.port = free_port()
        self.workers = workers
        self.host_header = host_header
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "trepart.benchmark.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, env=os.environ.copy())  # noqa: S603
        self._wait_until_up()
        return self

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn stopped before it answered; see its output above.")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", BARE_PATH, headers={"Host": self.host_header})
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer on port {self.port} within {timeout} s.")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def load(self, path: str, *, threads: int, seconds: float) -> LoadResult:
        return load(
            host="127.0.0.1",
            port=self.port,
            path=path,
            threads=threads,
            seconds=seconds,
            host_header=self.host_header,
        )


def serve_bench(
    *, page: str, threads: int, seconds: float, warm_up: float = 3.0
) -> tuple[LoadResult, LoadResult]:
    """Requests per second for ``page`` and for the bare view, under one gunicorn. Each is
    first loaded for ``warm_up`` seconds, so both workers have their templates and
    connections ready before the count starts."""
    with Server(host_header=request_host()) as server:
        for path in (page, BARE_PATH):
            server.load(path, threads=threads, seconds=warm_up)
        measured = server.load(page, threads=threads, seconds=seconds)
        bare = server.load(BARE_PATH, threads=threads, seconds=seconds)
    return measured, bare
