"""The IG team corrects a term or its meaning; a stale edit is refused, and history says who changed what."""
import pytest
from django.template import Context, Template

from igov.front.glossary import terms_used
from igov.front.models import GlossaryTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def ico():
    return GlossaryTerm.objects.get(term="ICO")


def url(term):
    return f"/glossary/{term.pk}/change/"


def test_ig_team_changes_a_meaning_and_every_page_shows_the_new_one(login, igteam, ico):
    client = login(igteam)
    client.get("/glossary/")  # the terms are cached now
    response = client.post(url(ico), {"term": "ICO", "meaning": "The Information Commissioner", "seen_version": 1})
    assert response.status_code == 302 and response["Location"] == f"/glossary/#term-{ico.pk}"
    assert "The Information Commissioner</dd>" in client.get("/glossary/").content.decode()
    assert Template('{% load glossary %}{% abbr "ICO" %}').render(Context()) == \
        '<abbr title="The Information Commissioner">ICO</abbr>'
    assert terms_used("the ICO") == {"ICO": "The Information Commissioner"}


def test_a_change_records_who_made_it_and_moves_the_version_on(login, igteam, ico):
    login(igteam).post(url(ico), {"term": "ICO", "meaning": "The Information Commissioner", "seen_version": 1})
    ico.refresh_from_db()
    latest = ico.history.first()
    assert ico.version == 2
    assert latest.history_type == "~" and latest.history_user == igteam and latest.version == 2


def test_renaming_a_term_moves_it(login, igteam):
    sar = GlossaryTerm.objects.get(term="SAR")
    login(igteam).post(url(sar), {"term": "DSAR", "meaning": "Data subject access request", "seen_version": 1})
    assert terms_used("a SAR, a DSAR") == {"DSAR": "Data subject access request"}


def test_renaming_to_a_term_already_there_is_refused_by_name(login, igteam, ico):
    response = login(igteam).post(url(ico), {"term": "DPA", "meaning": "x", "seen_version": 1})
    assert response.status_code == 200 and "DPA is already in the glossary." in response.content.decode()
    ico.refresh_from_db()
    assert (ico.term, ico.version) == ("ICO", 1)


def test_a_stale_edit_is_refused_with_what_changed(login, igteam, admin_user, ico):
    form = login(igteam).get(url(ico)).content.decode()
    assert 'name="seen_version" value="1"' in form
    login(admin_user).post(url(ico), {"term": "ICO", "meaning": "The Information Commissioner", "seen_version": 1})
    response = login(igteam).post(url(ico), {"term": "ICO", "meaning": "Info Commissioner", "seen_version": 1})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this record after you opened it" in page
    assert "Ada Administrator" in page and "The Information Commissioner" in page
    ico.refresh_from_db()
    assert (ico.meaning, ico.version) == ("The Information Commissioner", 2)


def test_the_change_page_shows_the_terms_history(login, igteam, admin_user, ico):
    login(admin_user).post(url(ico), {"term": "ICO", "meaning": "The Information Commissioner", "seen_version": 1})
    page = login(igteam).get(url(ico)).content.decode()
    assert "<h1 class=\"govuk-heading-xl\">Change ICO</h1>" in page
    assert "Ada Administrator" in page and "“Information Commissioner&#x27;s Office” → “The Information" in page


def test_an_unknown_term_is_not_found(login, igteam):
    assert login(igteam).get("/glossary/999999/change/").status_code == 404


@pytest.mark.parametrize("member", ["owner", "other_officer", "board", "committee"])
def test_other_roles_may_not_change_a_term(cast, login, member, ico):
    client = login(cast[member])
    assert client.get(url(ico)).status_code == 403
    assert client.post(url(ico), {"term": "ICO", "meaning": "x", "seen_version": 1}).status_code == 403
    ico.refresh_from_db()
    assert ico.version == 1


def test_anonymous_visitors_are_sent_to_sign_in(login, ico):
    for response in (login(None).get(url(ico)), login(None).post(url(ico), {"term": "ICO", "meaning": "x"})):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    ico.refresh_from_db()
    assert ico.version == 1
