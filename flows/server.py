"""Prefect's embedded (temporary) server, started early and cheaply.

When no `PREFECT_API_URL` is configured, Prefect starts a temporary API server in a subprocess the
first time a client needs one (`prefect.server.api.server.SubprocessASGIServer`). Doing that from
inside this process costs about 3 s of CPU before the subprocess even starts, because the module
that holds `SubprocessASGIServer` imports the whole server application (FastAPI, SQLAlchemy, every
route) into the client. `EmbeddedServer` starts the very same subprocess (same command, same
environment: `uvicorn --factory prefect.server.api.server:create_app` on 127.0.0.1 with the UI
off, in ephemeral mode, against this profile's database) without that import, as soon as the run
is planned, and the flow then talks to it through `PREFECT_API_URL` for the duration of the run.
The server is stopped when the run ends (and at interpreter exit, whatever happens).
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wanted() -> bool:
    """True when a run needs the embedded server: no API URL configured and ephemeral mode allowed."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    return not PREFECT_API_URL.value() and bool(PREFECT_SERVER_EPHEMERAL_ENABLED.value())


class EmbeddedServer:
    """`start()` launches the server subprocess and returns at once; `wait()` blocks until its
    health check answers (or raises with the server's own output); `stop()` ends it."""

    def __init__(self, startup_timeout: float | None = None):
        self.port: int | None = None
        self.process: subprocess.Popen | None = None
        self.startup_timeout = startup_timeout
        self._ready = threading.Event()
        self._error: str | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> "EmbeddedServer":
        import prefect
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, get_current_settings

        if self.startup_timeout is None:
            self.startup_timeout = float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        self.port = _free_port()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
               **get_current_settings().to_environment_variables(exclude_unset=True)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(prefect.__file__).parent.parent), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        atexit.register(self.stop)
        threading.Thread(target=self._watch, name="prefect-embedded-server", daemon=True).start()
        return self

    def _watch(self) -> None:
        import httpx

        deadline = time.monotonic() + (self.startup_timeout or 20.0)
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                if self.process is None or self.process.poll() is not None:
                    out = self.process.stdout.read().decode(errors="replace") if self.process and self.process.stdout else ""
                    code = self.process.returncode if self.process else None
                    self._error = f"Prefect's embedded server exited with code {code} while starting: {out.strip()[-2000:]}"
                    break
                try:
                    if client.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                        self._drain()
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            else:
                self._error = (f"Prefect's embedded server did not answer within {self.startup_timeout:g} s "
                               "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")
        self._ready.set()

    def _drain(self) -> None:
        """Keep reading the server's output so that it never blocks on a full pipe."""
        def drain(f) -> None:
            for _ in iter(lambda: f.read(65536), b""):
                pass

        if self.process is not None and self.process.stdout is not None:
            threading.Thread(target=drain, args=(self.process.stdout,), daemon=True).start()

    def wait(self) -> str:
        """Block until the server answers; returns its API URL."""
        self._ready.wait()
        if self._error:
            self.stop()
            raise RuntimeError(self._error)
        return self.api_url

    def stop(self) -> None:
        p, self.process = self.process, None
        if p is None:
            return
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
