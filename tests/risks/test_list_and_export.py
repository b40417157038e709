"""The register: scoped to the user, filtered, sorted by score, exported as it is filtered."""
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from risks.models import Risk, RiskCategory, ScoreBand
from tests.risks.factories import make_risk


@pytest.fixture
def risks(owner, other_officer):
    today = timezone.localdate()
    return {
        "high": make_risk(owner, residual=(4, 4), title="Ransomware", last_reviewed=today),
        "low": make_risk(owner, residual=(1, 2), title="Lost USB stick", last_reviewed=today),
        "overdue": make_risk(owner, residual=(2, 3), title="=HYPERLINK(\"http://evil\")",
                             category=RiskCategory.objects.get(name="Data sharing"),
                             last_reviewed=today - timedelta(days=200), review_frequency=3),
        "colleague": make_risk(other_officer, residual=(5, 5), title="Colleague's risk", last_reviewed=today),
        "closed": make_risk(owner, residual=(5, 4), title="Closed risk", status=Risk.Status.CLOSED),
    }


def titles(response):
    return [r.title for r in response.context["page"].object_list]


@pytest.mark.django_db
def test_list_is_sorted_by_residual_score_highest_first(risks, login, igteam):
    assert titles(login(igteam).get("/risks/register/"))[:2] == ["Colleague's risk", "Closed risk"]
    ascending = titles(login(igteam).get("/risks/register/?sort=residual"))
    assert ascending[0] == "Lost USB stick"


@pytest.mark.django_db
def test_officer_sees_only_the_risks_they_own(risks, login, other_officer):
    assert titles(login(other_officer).get("/risks/register/")) == ["Colleague's risk"]


@pytest.mark.django_db
def test_above_appetite_filter_uses_each_categorys_appetite(risks, login, igteam):
    # Information security is averse (up to 4): 16 and 25 are above; Data sharing is cautious (up to 10): 6 is not.
    response = login(igteam).get("/risks/register/?above_appetite=on")
    assert sorted(titles(response)) == ["Colleague's risk", "Ransomware"]


@pytest.mark.django_db
def test_review_overdue_filter_is_derived_from_the_last_review(risks, login, igteam):
    assert titles(login(igteam).get("/risks/register/?review_overdue=on")) == ['=HYPERLINK("http://evil")']


@pytest.mark.django_db
def test_band_status_owner_and_category_filters(risks, login, igteam, owner):
    client = login(igteam)
    high = ScoreBand.objects.get(label="High")
    assert titles(client.get(f"/risks/register/?band={high.pk}")) == ["Ransomware"]
    assert titles(client.get("/risks/register/?status=closed")) == ["Closed risk"]
    assert "Colleague's risk" not in titles(client.get(f"/risks/register/?owner={owner.pk}"))
    sharing = RiskCategory.objects.get(name="Data sharing")
    assert len(titles(client.get(f"/risks/register/?category={sharing.pk}"))) == 1


@pytest.mark.django_db
def test_csv_export_applies_the_filters_and_neutralises_formulas(risks, login, igteam):
    response = login(igteam).get("/risks/register/export.csv?review_overdue=on")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Reference,Title,")
    assert "'=HYPERLINK" in lines[1] and ",Yes" in lines[1]


@pytest.mark.django_db
def test_xlsx_export_has_every_visible_risk_with_scores(risks, login, owner):
    response = login(owner).get("/risks/register/export.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    header = rows[0]
    assert len(rows) == 1 + 4  # the owner's four risks, not the colleague's
    by_title = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_title["Ransomware"]["Residual score"] == 16
    assert by_title["Ransomware"]["Residual band"] == "High"
    assert by_title["Ransomware"]["Above appetite"] == "Yes"
    assert by_title["Ransomware"]["Date raised"].date() == date(2025, 1, 6)


@pytest.mark.django_db
def test_nonsense_in_the_query_string_is_ignored_not_an_error(risks, login, igteam):
    client = login(igteam)
    for query in ["band=abc", "band=9999", "residual_likelihood=9", "sort=password", "page=abc", "category=x",
                  "owner=0&status=maybe"]:
        assert client.get(f"/risks/register/?{query}").status_code == 200, query
    assert client.get("/risks/register/export.csv?band=9999").status_code == 200
