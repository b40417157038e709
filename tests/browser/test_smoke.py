import pytest

from igov.accounts import roles
from tests.browser.conftest import assert_accessible, sign_in
from tests.conftest import make_user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_signs_in_sees_the_dashboard_and_signs_out(page):
    make_user("priya", roles.OFFICER, "Priya", "Shah")
    page.goto("/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)
    sign_in(page, "priya")
    assert page.locator("h1").inner_text() == "Information governance dashboard"
    assert "Signed in as Priya Shah" in page.inner_text("body")
    assert_accessible(page)
    with page.expect_navigation():
        page.click("button:has-text('Sign out')")
    assert "/accounts/login/" in page.url
    page.goto("/")
    assert "/accounts/login/" in page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_pages_use_the_councils_font_and_no_crown(page):
    make_user("priya", roles.OFFICER, "Priya", "Shah")
    sign_in(page, "priya")
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial")
    assert page.locator("svg.govuk-header__logotype").count() == 0
    assert "GOV.UK" not in page.inner_text("header")
