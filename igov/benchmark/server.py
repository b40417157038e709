"""The app served as in production: gunicorn with 2 sync workers on loopback, DEBUG off, static files by
WhiteNoise from collectstatic's output, behind a (pretend) TLS-terminating proxy, with the opt-in
query-count header on. Second factors are not required, so the benchmark can sign in as the IG team.
"""
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from igov.benchmark.client import Client

WORKERS = 2


def server_env() -> dict[str, str]:
    return {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_BEHIND_PROXY": "1", "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM": "0", "IGOV_QUERY_COUNT_HEADER": "1",
            "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "60")}


def collect_static(env: dict) -> None:
    """The hashed, compressed static files DEBUG-off settings serve (staticfiles/)."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=settings.BASE_DIR,
                   env=env, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    def __init__(self, log: Path):
        self.env = server_env()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> "Gunicorn":
        collect_static(self.env)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            [sys.executable, "-m", "gunicorn", "igov.wsgi", "--workers", str(WORKERS), "--bind",
             f"127.0.0.1:{self.port}", "--timeout", "300", "--error-logfile", str(self.log)],
            cwd=settings.BASE_DIR, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Client(self.url, timeout=5).get("/healthz/").status == 200 and len(self.workers()) == WORKERS:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log}")
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer within a minute; see {self.log}")

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def peak_rss_mb(self) -> dict[str, float]:
        """Each worker's peak resident memory so far (VmHWM), in MB."""
        peaks = {}
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[str(pid)] = round(int(line.split()[1]) / 1024, 1)
        return peaks

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
