"""The IG team deletes a term after a confirmation page; history keeps what it said."""
import pytest
from django.template import Context, Template

from igov.front.glossary import terms_used
from igov.front.models import GlossaryTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def ifc():
    return GlossaryTerm.objects.get(term="IFC")


def url(term):
    return f"/glossary/{term.pk}/delete/"


def test_the_confirmation_page_names_the_term_and_deletes_nothing(login, igteam, ifc):
    page = login(igteam).get(url(ifc)).content.decode()
    assert "Delete IFC from the glossary" in page and "In-Form Consult" in page
    assert '<form method="post"' in page
    assert GlossaryTerm.objects.filter(pk=ifc.pk).exists()


def test_ig_team_deletes_a_term_and_pages_show_it_plain(login, igteam, ifc):
    client = login(igteam)
    client.get("/glossary/")  # the terms are cached now
    response = client.post(url(ifc))
    assert response.status_code == 302 and response["Location"] == "/glossary/"
    assert not GlossaryTerm.objects.filter(pk=ifc.pk).exists()
    assert "In-Form Consult" not in client.get("/glossary/").content.decode()
    assert Template('{% load glossary %}{% abbr "IFC" %}').render(Context()) == "IFC"
    assert terms_used("the IFC audit") == {}


def test_deleting_records_who_deleted_it_and_what_it_said(login, igteam, ifc):
    login(igteam).post(url(ifc))
    deleted = GlossaryTerm.history.filter(id=ifc.pk).first()
    assert deleted.history_type == "-" and deleted.history_user == igteam
    assert deleted.meaning.startswith("In-Form Consult")


def test_the_administrator_may_delete_a_term(login, admin_user, ifc):
    assert login(admin_user).post(url(ifc)).status_code == 302
    assert not GlossaryTerm.objects.filter(pk=ifc.pk).exists()


def test_an_unknown_term_is_not_found(login, igteam):
    assert login(igteam).post("/glossary/999999/delete/").status_code == 404


@pytest.mark.parametrize("member", ["owner", "other_officer", "board", "committee"])
def test_other_roles_may_not_delete_a_term(cast, login, member, ifc):
    client = login(cast[member])
    assert client.get(url(ifc)).status_code == 403
    assert client.post(url(ifc)).status_code == 403
    assert GlossaryTerm.objects.filter(pk=ifc.pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in(login, ifc):
    for response in (login(None).get(url(ifc)), login(None).post(url(ifc))):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert GlossaryTerm.objects.filter(pk=ifc.pk).exists()
