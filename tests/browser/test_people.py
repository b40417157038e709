"""The people pages in a real browser: each passes axe (WCAG 2.2 AA), and the IG team hands a leaver's
records over from their page: choose, preview, confirm."""
import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from actions.models import Action
from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in


def seed():
    # Transactional tests flush the role groups the data migration made; put them back first.
    for role in roles.ROLES:
        Group.objects.get_or_create(name=role)
    call_command("seed_demo", only=["actions", "assets"], force=True, stdout=open("/dev/null", "w"))
    leaver = User.objects.filter(owned_actions__status__in=Action.OUTSTANDING).distinct().exclude(
        username="igteam").first()
    leaver.is_active = False  # has left, still holding open actions
    leaver.save()
    return leaver


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_ig_team_hands_over_a_leavers_records_on_accessible_pages(page):
    leaver = seed()
    sign_in(page, "igteam", "igov-demo")
    for url in ["/people/", "/people/?left=1", f"/people/{leaver.pk}/", f"/people/{leaver.pk}/hand-over/"]:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Continue')")
    assert "There is a problem" in page.inner_text("main")
    assert_accessible(page)
    page.select_option("#id_successor", label="Tom Jenkins")
    page.fill("#id_effective_day", "1")
    page.fill("#id_effective_month", "11")
    page.fill("#id_effective_year", "2026")
    page.fill("#id_reason", "Left the council")
    with page.expect_navigation():
        page.click("button:has-text('Continue')")
    assert "Check the hand-over" in page.inner_text("h1")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Hand over')")
    assert "Handed over" in page.inner_text("main")
    assert_accessible(page)
    assert not Action.objects.filter(owner=leaver, status__in=Action.OUTSTANDING).exists()
