"""Test settings: the real settings, a fast password hasher, and django-zeal catching N+1s."""
import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from igov.settings import *  # noqa: E402,F403
from igov.settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
INSTALLED_APPS = [*INSTALLED_APPS, "zeal", "tests.testapp"]
MIDDLEWARE = [*MIDDLEWARE, "zeal.middleware.zeal_middleware"]
ZEAL_RAISE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Fixed numbers of get()s that zeal cannot tell from an N+1: a form with two person fields (an
# asset's IAO and administrator) looks each up once; the admin looks up a content type once per
# model it logs (Django caches each afterwards).
# The admin's sign-off form looks its action up once to validate the raw id and once to label it.
# The admin's delete confirmation names every related sign-off, report and resolution (Django's
# collector, not an igov page).
ZEAL_ALLOWLIST = [{"model": "auth.User", "field": "get()"}, {"model": "contenttypes.ContentType", "field": "get()"},
                  {"model": "actions.SignOff", "field": "action"}, {"model": "committee.Report", "field": "meeting"},
                  {"model": "committee.Resolution", "field": "meeting"},
                  {"model": "committee.Meeting", "field": "committee"}, {"model": "actions.Action", "field": "get()"}]
