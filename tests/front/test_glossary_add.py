"""The IG team adds a term: it shows on the glossary page, in {% abbr %} and in terms_used."""
import pytest
from django.template import Context, Template

from igov.front.forms import GlossaryTermForm
from igov.front.glossary import terms_used
from igov.front.models import GlossaryTerm

pytestmark = pytest.mark.django_db
URL = "/glossary/add/"
MASH = {"term": "MASH", "meaning": "Multi-agency safeguarding hub"}


def test_ig_team_adds_a_term_that_then_shows_everywhere(login, igteam):
    client = login(igteam)
    assert "MASH" not in client.get("/glossary/").content.decode()  # the page has cached the terms
    response = client.post(URL, MASH)
    term = GlossaryTerm.objects.get(term="MASH")
    assert response.status_code == 302 and response["Location"] == f"/glossary/#term-{term.pk}"
    page = client.get("/glossary/").content.decode()
    assert '<abbr title="Multi-agency safeguarding hub">MASH</abbr>' in page
    assert Template('{% load glossary %}{% abbr "MASH" %}').render(Context()) == \
        '<abbr title="Multi-agency safeguarding hub">MASH</abbr>'
    assert terms_used("Referred to the MASH") == {"MASH": "Multi-agency safeguarding hub"}


def test_adding_a_term_records_who_added_it(login, igteam):
    login(igteam).post(URL, MASH)
    created = GlossaryTerm.objects.get(term="MASH").history.get()
    assert created.history_type == "+" and created.history_user == igteam


def test_the_administrator_may_add_a_term(login, admin_user):
    assert login(admin_user).post(URL, MASH).status_code == 302
    assert GlossaryTerm.objects.filter(term="MASH").exists()


def test_a_term_already_in_the_glossary_is_refused_by_name(login, igteam):
    response = login(igteam).post(URL, {"term": "ICO", "meaning": "Another meaning"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "ICO is already in the glossary." in page
    assert GlossaryTerm.objects.filter(term="ICO").count() == 1
    assert GlossaryTerm.objects.get(term="ICO").meaning == "Information Commissioner's Office"


def test_terms_differing_only_in_case_are_different_terms(login, igteam):
    assert login(igteam).post(URL, {"term": "Ico", "meaning": "Something else"}).status_code == 302
    assert sorted(GlossaryTerm.objects.filter(term__iexact="ico").values_list("term", flat=True)) == ["ICO", "Ico"]


def test_a_term_joined_by_an_ampersand_is_allowed(login, igteam):
    assert login(igteam).post(URL, {"term": "A&E", "meaning": "Accident and emergency"}).status_code == 302
    assert 'title="Accident and emergency">A&amp;E</abbr>' in login(igteam).get("/glossary/").content.decode()


@pytest.mark.parametrize("bad", ["I", "ABCDEFGHIJKLM", "IC O", "ICO!", "&ICO", "A&&E", "ÉCO"])
def test_a_term_that_is_not_an_acronym_is_refused_with_a_clear_message(login, igteam, bad):
    response = login(igteam).post(URL, {"term": bad, "meaning": "Something"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "letters or digits with no spaces" in page or "at most 12 characters" in page
    assert not GlossaryTerm.objects.filter(term=bad).exists()


def test_a_term_needs_its_meaning(login, igteam):
    response = login(igteam).post(URL, {"term": "MASH", "meaning": "  "})
    assert response.status_code == 200 and "Meaning is required." in response.content.decode()
    assert not GlossaryTerm.objects.filter(term="MASH").exists()


@pytest.mark.parametrize("member", ["owner", "other_officer", "board", "committee"])
def test_other_roles_may_not_add_a_term(cast, login, member):
    client = login(cast[member])
    assert client.get(URL).status_code == 403
    assert client.post(URL, MASH).status_code == 403
    assert not GlossaryTerm.objects.filter(term="MASH").exists()


def test_anonymous_visitors_are_sent_to_sign_in(login):
    for response in (login(None).get(URL), login(None).post(URL, MASH)):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not GlossaryTerm.objects.filter(term="MASH").exists()


def test_a_term_added_by_someone_else_since_the_form_was_checked_is_refused_by_name():
    form = GlossaryTermForm({"term": "MASH", "meaning": "Multi-agency safeguarding hub"})
    assert form.is_valid()
    GlossaryTerm.objects.create(term="MASH", meaning="Someone else's meaning")
    assert form.save_if_current() is None
    assert form.errors["term"] == ["MASH is already in the glossary."]
    assert GlossaryTerm.objects.get(term="MASH").meaning == "Someone else's meaning"
