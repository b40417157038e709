import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import client_for

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_ok_when_the_database_answers(db):
    response = client_for(None).get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    # A real, unreachable database: a PostgreSQL socket directory where no server listens.
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "igov.settings",
           "DATABASE_URL": f"postgres://nobody@/nothing?host={tmp_path}&port=5999"}
    script = ("import django; django.setup(); from django.test import Client; "
              "r = Client().get('/healthz/', HTTP_HOST='localhost'); print(r.status_code, r.content.decode())")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == "503 database unavailable", result.stderr[-2000:]
