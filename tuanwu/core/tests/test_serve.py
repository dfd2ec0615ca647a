"""`tuanwu serve` starts gunicorn, answers /healthz and stops on SIGTERM."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tuanwu.core.management.commands.serve import MAX_WORKERS, default_workers

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> tuple[int, str]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serves_healthz_on_the_port_given_and_stops_on_sigterm(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "serve-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        # No collectstatic in tests: the plain storage needs no manifest.
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status, body = _get(f"http://127.0.0.1:{port}/healthz", time.monotonic() + 10)

        assert (status, body) == (200, "ok")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output = server.communicate(timeout=8)[0].decode()
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert server.returncode == 0, output
    assert "Shutting down" in output


def test_refuses_debug_unless_asked(settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("serve", "--lang", "en")


@pytest.mark.parametrize("bind", ["8000", "localhost:", ":8000", "localhost:99999"])
def test_refuses_a_bind_that_is_not_host_and_port(settings, bind):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="HOST:PORT"):
        call_command("serve", "--bind", bind, "--lang", "en")


def test_refuses_to_start_before_collectstatic(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    manifest = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": manifest}

    with pytest.raises(CommandError, match="collectstatic"):
        call_command("serve", "--lang", "en")


def test_default_workers_are_two_per_cpu_plus_one_at_most_the_cap(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert default_workers() == 5
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert default_workers() == MAX_WORKERS
