import datetime

from django.template import Context, Template


def test_dates_are_written_the_uk_way():
    rendered = Template("{{ d|date }}").render(Context({"d": datetime.date(2016, 10, 24)}))
    assert rendered == "24 October 2016"


def test_the_dashboard_is_in_the_council_layout_without_the_crown(login, owner):
    page = login(owner).get("/").content.decode()
    assert "Example City Council" in page
    assert "Information governance" in page
    assert 'href="#main-content"' in page  # skip link
    assert "govuk-header__logotype" not in page and "GOV.UK" not in page
    assert "<script>" not in page and "style=" not in page  # nothing inline: the CSP forbids it


def test_error_pages_are_in_the_layout(login, owner):
    response = login(owner).get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_refusal_gives_the_views_own_reason(login, owner):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from igov.front.errors import forbidden

    request = RequestFactory().get("/")
    request.user = owner
    response = forbidden(request, PermissionDenied("Only the action's owner or the IG team can change it."))
    assert response.status_code == 403
    assert "Only the action&#x27;s owner or the IG team can change it." in response.content.decode()
