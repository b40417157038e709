"""The asset register's pages in a real browser: every page passes axe (WCAG 2.2 AA), and an IAO
confirms an annual review with one click."""
import time

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db.models import Count

from assets.models import DataSharingAgreement, InformationAsset
from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in


def seed():
    # Transactional tests flush the role groups the data migration made; put them back first.
    for role in roles.ROLES:
        Group.objects.get_or_create(name=role)
    call_command("seed_demo", only=["actions", "assets"], force=True, stdout=open("/dev/null", "w"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_assets_pages_are_accessible_to_the_ig_team(page):
    seed()
    asset = InformationAsset.objects.get(reference="IA-0002")
    agreement = DataSharingAgreement.objects.get(reference="DSA-001")
    sign_in(page, "igteam", "igov-demo")
    for url in ["/assets/", "/assets/register/", "/assets/register/?review=overdue&sort=-next_review",
                f"/assets/{asset.pk}/", f"/assets/{asset.pk}/edit/", f"/assets/{asset.pk}/review/",
                "/assets/new/", "/assets/agreements/", "/assets/agreements/?safeguarding=yes",
                f"/assets/agreements/{agreement.pk}/", f"/assets/agreements/{agreement.pk}/edit/",
                "/assets/agreements/new/", "/assets/partners/", "/assets/partners/new/"]:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_iao_confirms_a_review_in_one_click(page):
    seed()
    sign_in(page, "officer", "igov-demo")
    page.goto("/assets/mine/")
    assert_accessible(page)
    asset = InformationAsset.objects.filter(owner__username="officer").order_by("reference").first()
    page.goto(f"/assets/{asset.pk}/")
    with page.expect_navigation():
        page.click("a:has-text('Confirm the annual review')")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Reviewed, no change')")
    assert "/assets/mine/" in page.url
    assert "Review of IA-" in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_form_with_errors_is_accessible(page):
    seed()
    sign_in(page, "igteam", "igov-demo")
    page.goto("/assets/agreements/new/")
    with page.expect_navigation():
        page.click("button:has-text('Save')")
    assert "There is a problem" in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_committee_summary_is_accessible(page):
    seed()
    sign_in(page, "committee", "igov-demo")
    page.goto("/assets/")
    assert "Safeguarding agreements by status" in page.inner_text("main")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_administrator_hands_a_leavers_forty_assets_to_a_successor_from_their_user_page(page):
    seed()
    call_command("seed_demo", scale=10, only=["assets"], force=True, stdout=open("/dev/null", "w"))
    busiest = (InformationAsset.objects.exclude(owner=None).values("owner").annotate(n=Count("id"))
               .order_by("-n").first())
    leaver, count = User.objects.get(pk=busiest["owner"]), busiest["n"]
    successor = User.objects.filter(groups__name=roles.OFFICER).exclude(pk=leaver.pk).order_by("username").first()
    assert count >= 40
    started = time.monotonic()
    sign_in(page, "admin", "igov-demo")
    page.goto(f"/admin/auth/user/{leaver.pk}/change/")
    with page.expect_navigation():
        page.click(f"text=Hand over their information assets ({count})")
    page.select_option("#id_successor", str(successor.pk))
    with page.expect_navigation():
        page.click(f"input[value='Hand over {count} assets']")
    assert f"{count} information assets moved to {successor.get_full_name()}" in page.inner_text("body")
    assert time.monotonic() - started < 60
    assert not InformationAsset.objects.filter(owner=leaver).exists()
    assert {h.history_user.username for h in InformationAsset.history.filter(
        history_change_reason__startswith=f"Handed over by {leaver.get_full_name()}")} == {"admin"}
