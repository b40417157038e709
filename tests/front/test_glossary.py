from django.template import Context, Template

from igov.front.glossary import terms_used


def test_the_glossary_page_explains_every_acronym(login, committee):
    page = login(committee).get("/glossary/").content.decode()
    assert '<abbr title="Information Commissioner&#x27;s Office">ICO</abbr>' in page
    assert "Information Asset Owner" in page


def test_the_abbr_tag_marks_up_a_known_acronym_and_leaves_others():
    rendered = Template('{% load glossary %}{% abbr "IAO" %} {% abbr "XYZ" %}').render(Context())
    assert rendered == '<abbr title="Information Asset Owner">IAO</abbr> XYZ'


def test_a_report_carries_only_the_acronyms_it_uses():
    assert list(terms_used("The ICO audit and the IFC review", "one DPIA")) == ["DPIA", "ICO", "IFC"]
