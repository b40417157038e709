"""The glossary page, the {% abbr %} tag and terms_used, all read from the terms the IG team keeps."""
import pytest
from django.template import Context, Template

from igov.front.glossary import terms, terms_used
from igov.front.models import GlossaryTerm

pytestmark = pytest.mark.django_db


def test_the_glossary_page_explains_every_acronym(login, committee):
    page = login(committee).get("/glossary/").content.decode()
    assert '<abbr title="Information Commissioner&#x27;s Office">ICO</abbr>' in page
    assert "Information Asset Owner" in page


def test_readers_outside_the_ig_team_see_no_way_to_change_it(login, owner, board, committee):
    for reader in (owner, board, committee):
        page = login(reader).get("/glossary/").content.decode()
        assert "Add a term" not in page and "/glossary/add/" not in page and "/change/" not in page
        assert "/delete/" not in page


def test_the_ig_team_and_the_administrator_see_add_change_and_delete(login, igteam, admin_user):
    ico = GlossaryTerm.objects.get(term="ICO")
    for keeper in (igteam, admin_user):
        page = login(keeper).get("/glossary/").content.decode()
        assert "Add a term" in page
        assert f"/glossary/{ico.pk}/change/" in page and f"/glossary/{ico.pk}/delete/" in page


def test_the_migration_loaded_the_glossary_that_was_in_the_code():
    assert len(terms()) == 18
    assert terms()["SIRO"] == "Senior Information Risk Owner"
    created = GlossaryTerm.objects.get(term="SIRO").history.get()
    assert created.history_type == "+" and created.history_date.year == 1900


def test_the_abbr_tag_marks_up_a_known_acronym_and_leaves_others():
    rendered = Template('{% load glossary %}{% abbr "IAO" %} {% abbr "XYZ" %}').render(Context())
    assert rendered == '<abbr title="Information Asset Owner">IAO</abbr> XYZ'


def test_the_abbr_tag_escapes_an_unknown_term():
    rendered = Template("{% load glossary %}{% abbr term %}").render(Context({"term": "<b>X</b>"}))
    assert rendered == "&lt;b&gt;X&lt;/b&gt;"


def test_a_report_carries_only_the_acronyms_it_uses():
    assert list(terms_used("The ICO audit and the IFC review", "one DPIA")) == ["DPIA", "ICO", "IFC"]


def test_terms_used_matches_whole_words_only():
    assert terms_used("IGNORE the ICOs, NHSX and DPIAs", None, "") == {}
    assert list(terms_used("IG, (DPA) and DPIA.")) == ["DPA", "DPIA", "IG"]


def test_terms_used_escapes_terms_and_keeps_an_ampersand_inside_a_word():
    GlossaryTerm.objects.create(term="A&E", meaning="Accident and emergency")
    assert terms_used("Sent to A&E today") == {"A&E": "Accident and emergency"}
    assert terms_used("AXE", "QA&E", "A&EX") == {}


def test_an_empty_glossary_finds_nothing():
    GlossaryTerm.objects.all().delete()
    assert terms() == {} and terms_used("The ICO") == {}
