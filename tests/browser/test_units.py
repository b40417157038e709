"""The organisation pages in a real browser: each passes axe (WCAG 2.2 AA) for the IG team and for a
committee member, and a unit's figures lead to the register list they count."""
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("username", ["igteam", "committee"])
def test_the_unit_pages_are_accessible_and_their_figures_lead_to_the_lists(page, username):
    # Transactional tests flush what the data migrations made: the roles, and the risk scales and categories.
    for role in roles.ROLES:
        Group.objects.get_or_create(name=role)
    importlib.import_module("risks.migrations.0002_uk_defaults").seed(apps, None)
    call_command("seed_demo", only=["actions", "risks", "assets"], force=True, stdout=open("/dev/null", "w"))
    sign_in(page, username, "igov-demo")
    for url in ["/units/", "/units/CF/", "/units/CF-CSC/"]:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)
    page.goto("/units/CF/")
    total = page.locator("#actions ~ table tfoot a").first
    count = total.inner_text()
    with page.expect_navigation():
        total.click()
    assert page.inner_text("#result-count").startswith(f"{count} action")
    assert_accessible(page)
