"""The heat maps count open risks per likelihood × impact cell, coloured and labelled by band."""
import pytest
from django.utils import timezone

from risks.models import Bands, Risk, ScoreBand, heat_map
from tests.risks.factories import make_risk


@pytest.fixture
def risks(owner, other_officer):
    make_risk(owner, inherent=(5, 4), residual=(3, 4))
    make_risk(owner, inherent=(5, 4), residual=(3, 4))
    make_risk(other_officer, inherent=(2, 2), residual=(1, 1))
    make_risk(owner, inherent=(5, 5), residual=(5, 5), status=Risk.Status.CLOSED)


@pytest.mark.django_db
def test_heat_map_cell_counts_sum_to_the_number_of_open_risks(risks):
    position = Risk.objects.position(timezone.localdate())
    for kind in ("inherent", "residual"):
        rows = heat_map(getattr(position, f"{kind}_cells"), Bands(), position.rules.impact_names)
        assert sum(cell.count for row in rows for cell in row.cells) == Risk.objects.open().count() == 3


@pytest.mark.django_db
def test_heat_map_puts_impact_5_at_the_top_and_likelihood_1_on_the_left(risks):
    position = Risk.objects.position(timezone.localdate())
    rows = heat_map(position.residual_cells, Bands(), position.rules.impact_names)
    assert [(row.impact, row.name) for row in rows][:2] == [(5, "Severe"), (4, "Major")]
    assert [row.impact for row in rows] == [5, 4, 3, 2, 1]
    assert [cell.likelihood for cell in rows[0].cells] == [1, 2, 3, 4, 5]
    cell = rows[1].cells[2]  # impact 4, likelihood 3
    assert (cell.count, cell.score, cell.band.label) == (2, 12, "High")


@pytest.mark.django_db
def test_heat_map_page_shows_counts_with_band_words_and_links_to_the_filtered_list(risks, login, igteam):
    response = login(igteam).get("/risks/")
    text = response.content.decode()
    assert "?status=open&amp;residual_likelihood=3&amp;residual_impact=4" in text
    assert "High 12" in text  # the band in words, not colour alone
    assert response.context["position"].open == 3
    linked = login(igteam).get("/risks/register/?status=open&residual_likelihood=3&residual_impact=4")
    assert linked.context["page"].paginator.count == 2


@pytest.mark.django_db
def test_changing_a_band_changes_the_heat_map_at_once(risks, login, igteam):
    high = ScoreBand.objects.get(label="High")
    high.label, high.colour = "Significant", "purple"
    high.save()
    text = login(igteam).get("/risks/").content.decode()
    assert "Significant 12" in text and "igov-band--purple" in text


@pytest.mark.django_db
def test_committee_sees_the_council_counts_without_names(risks, login, committee, owner):
    response = login(committee).get("/risks/")
    text = response.content.decode()
    assert (response.context["position"].open, response.context["position"].above_appetite) == (3, 2)
    assert owner.get_full_name() not in text
    assert "?status=open&amp;residual_likelihood=3&amp;residual_impact=4" in text  # members may open the register


@pytest.mark.django_db
def test_officer_sees_the_heat_map_of_their_own_risks(risks, login, other_officer):
    response = login(other_officer).get("/risks/")
    assert response.context["position"].open == 1


@pytest.mark.django_db
def test_category_totals_add_up(risks, login, igteam):
    response = login(igteam).get("/risks/")
    position = response.context["position"]
    for key in ("open", "above_appetite", "review_overdue"):
        assert sum(getattr(row, key) for row in position.by_category) == getattr(position, key)
    assert position.above_appetite == Risk.objects.above_appetite().count()


@pytest.mark.django_db
def test_index_lists_the_risks_furthest_above_appetite_first(risks, login, igteam, committee):
    above = login(igteam).get("/risks/").context["above"]
    assert [r.residual_score for r in above] == [12, 12]
    assert [r.residual_score for r in login(committee).get("/risks/").context["above"]] == [12, 12]
