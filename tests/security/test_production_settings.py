"""Production settings (DJANGO_DEBUG off), checked in a fresh Python process so that the real
igov.settings are read from the environment rather than the test settings."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Each check runs in a fresh process on its own in-memory SQLite database, whatever the suite's.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
SECRET = "t3st-only-" + "k" * 30 + "-not-a-real-secret-9f8e7d6c5b4a"

# Signs in through the real login page over HTTPS and reports the headers and cookies it got.
PROBE = """
import json
import django
from django.test.utils import override_settings

django.setup()
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0)
User.objects.create_user("officer", password="a-Long-test-passw0rd")
User.objects.create_superuser("ada", password="a-Long-test-passw0rd")
User.objects.create_user("imogen", password="a-Long-test-passw0rd").groups.add(
    Group.objects.get(name="IG team"))
# The compressed manifest needs collectstatic; it has nothing to do with headers or cookies.
storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(STORAGES=storages):
    client = Client()
    page = client.get("/accounts/login/", secure=True)
    signed_in = client.post("/accounts/login/", {"username": "officer", "password": "a-Long-test-passw0rd"},
                            secure=True)
    plain_http = Client().get("/accounts/login/")
    administrator = Client()
    administrator.post("/accounts/login/", {"username": "ada", "password": "a-Long-test-passw0rd"}, secure=True)
    admin_page = administrator.get("/admin/", secure=True, follow=True)
    dashboard_page = administrator.get("/", secure=True, follow=True)
    ig_team = Client()
    ig_team.post("/accounts/login/", {"username": "imogen", "password": "a-Long-test-passw0rd"}, secure=True)
    ig_team_page = ig_team.get("/actions/", secure=True, follow=True)

def cookies(response):
    return {name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]), "samesite": c["samesite"],
                   "path": c["path"], "domain": c["domain"]} for name, c in response.cookies.items()}

print(json.dumps({
    "status": [page.status_code, signed_in.status_code, plain_http.status_code],
    "headers": dict(page.headers),
    "signed_in_headers": dict(signed_in.headers),
    "cookies": {**cookies(page), **cookies(signed_in)},
    "plain_http_location": plain_http.get("Location", ""),
    "otp_required": settings.OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM,
    "admin_without_code_ends_at": admin_page.redirect_chain[-1][0] if admin_page.redirect_chain else "",
    "dashboard_without_code_ends_at": dashboard_page.redirect_chain[-1][0] if dashboard_page.redirect_chain else "",
    "ig_team_without_code_ends_at": ig_team_page.redirect_chain[-1][0] if ig_team_page.redirect_chain else "",
    "signed_in_cache_control": dashboard_page.headers.get("Cache-Control", ""),
}))
"""


def production_env(**overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": SECRET, "DJANGO_SETTINGS_MODULE": "igov.settings",
                "DJANGO_ALLOWED_HOSTS": "igov.example.gov.uk,testserver", "DATABASE_URL": "sqlite://:memory:",
                "DJANGO_LOG_LEVEL": "ERROR"})
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args, **env):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=production_env(**env),
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def probe():
    result = run(["-c", PROBE])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def csp_directives(header: str) -> dict[str, list[str]]:
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_check_deploy_reports_no_warnings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_app_refuses_to_start_with_debug_off_and_no_secret_key():
    result = run(["manage.py", "check"], DJANGO_SECRET_KEY=None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_app_refuses_to_start_with_debug_off_and_an_empty_secret_key():
    result = run(["manage.py", "check"], DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_pages_are_served_and_sign_in_works(probe):
    assert probe["status"] == [200, 302, 301]


def test_plain_http_is_redirected_to_https(probe):
    assert probe["plain_http_location"] == "https://testserver/accounts/login/"


def test_every_response_carries_a_strict_content_security_policy(probe):
    for headers in (probe["headers"], probe["signed_in_headers"]):
        policy = csp_directives(headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert not any("unsafe" in source for sources in policy.values() for source in sources)
        assert "script-src" not in policy and "style-src" not in policy  # both fall back to 'self'


def test_hsts_lasts_at_least_a_year(probe):
    hsts = dict(part.strip().partition("=")[::2] for part in probe["headers"]["Strict-Transport-Security"].split(";"))
    assert int(hsts["max-age"]) >= 31_536_000
    assert "includeSubDomains" in hsts


def test_referrer_nosniff_and_framing_headers_are_set(probe):
    headers = probe["headers"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_host_prefixed_secure_httponly_and_samesite(probe):
    cookies = probe["cookies"]
    assert set(cookies) >= {"__Host-sessionid", "__Host-csrftoken"}
    assert not {"sessionid", "csrftoken"} & set(cookies)
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        # __Host- requires Secure, Path=/ and no Domain, or browsers drop the cookie.
        assert cookies[name] == {"secure": True, "httponly": True, "samesite": "Lax", "path": "/", "domain": ""}


def test_administrators_and_the_ig_team_need_a_second_factor_for_every_page(probe):
    assert probe["otp_required"] is True
    assert probe["admin_without_code_ends_at"].endswith("/accounts/two-factor/?next=%2Fadmin%2F")
    assert probe["dashboard_without_code_ends_at"].endswith("/accounts/two-factor/?next=%2F")
    assert probe["ig_team_without_code_ends_at"].endswith("/accounts/two-factor/?next=%2Factions%2F")


def test_signed_in_pages_are_not_cached(probe):
    assert {"private", "no-store"} <= {part.strip() for part in probe["signed_in_cache_control"].split(",")}


def test_a_local_run_needs_no_variables_and_runs_in_debug():
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "igov.settings"
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                             "print(settings.DEBUG)"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr[-1000:]
