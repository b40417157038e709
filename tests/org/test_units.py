"""Organisation units in use: one unit's page across the registers (its figures are its filtered
lists' counts), any name in links and exports, renaming and merging with history, and the committee
reading a unit's figures without a name."""
import re
from datetime import date

import pytest
from django.urls import reverse

from actions.models import Action, ActionPlan
from igov.org.models import Unit
from risks.models import Risk, RiskCategory
from tests.assets.factories import make_agreement, make_asset, make_partner
from tests.training.factories import complete, make_course, make_staff
from tests.units import unit_for

pytestmark = pytest.mark.django_db
HOSTILE = "Adults / Housing & Zoë’s ‘Care’"


@pytest.fixture
def council(owner, other_officer):
    """Two services of one directorate (one with a name HR systems write) and another directorate."""
    home = unit_for("People", HOSTILE)
    care = unit_for("People", "Early Help")
    elsewhere = unit_for("Resources", "Finance")
    plan = ActionPlan.objects.create(title="ICO data protection audit")
    for n, (unit, status) in enumerate([(home, "in_progress"), (home, "not_started"), (care, "in_progress"),
                                        (elsewhere, "not_started")]):
        Action.objects.create(plan=plan, reference=f"A{n}", recommendation="R", owner=owner, unit=unit,
                              status=status, original_target_date=date(2020, 1, 1))
    category = RiskCategory.objects.first()
    for n, unit in enumerate([home, care, elsewhere]):
        Risk.objects.create(reference=f"IR-{n}", title="T", cause="C", consequence="Q", owner=other_officer,
                            category=category, unit=unit, inherent_likelihood=5, inherent_impact=5,
                            residual_likelihood=5, residual_impact=5, target_likelihood=1, target_impact=1,
                            raised_on=date(2025, 1, 6))
    shared = make_asset(owner=owner, unit=home, name="Housing register")
    make_asset(owner=None, unit=care, name="Early help cases")
    make_asset(owner=owner, unit=elsewhere, name="Payroll")
    make_agreement(partners=[make_partner()], assets=[shared])
    course = make_course(launch_date=date(2025, 11, 1))
    complete(make_staff(unit=home, email=owner.email, first_name="Olwen", last_name="Ownerby"), course,
             date(2026, 11, 1))
    make_staff(unit=home, first_name="Norris", last_name="Notyet")
    make_staff(unit=elsewhere, first_name="Fiona", last_name="Finance")
    return {"home": home, "care": care, "elsewhere": elsewhere, "people": home.parent}


def listed(client, url_name, unit, **query):
    response = client.get(reverse(url_name), {"unit": unit.code, **query})
    assert response.status_code == 200
    return response.context["page"].paginator.count


def test_a_directorate_page_shows_its_services_records_across_every_register(login, igteam, council):
    page = login(igteam).get(council["people"].get_absolute_url())
    position = page.context["position"]
    assert position.actions.total == 3 and position.actions.in_progress == 2
    assert position.risks["open"] == 2 and position.assets.total == 2 and position.assets.without_owner == 1
    assert position.agreements.total == 1
    assert (position.training.total, position.training.valid) == (2, 1)
    body = page.content.decode()
    assert "Early Help" in body and "Payroll" not in body


@pytest.mark.parametrize("which", ["people", "home", "elsewhere"])
def test_each_figure_is_the_count_of_the_register_list_it_links_to(login, igteam, council, which):
    client, unit = login(igteam), council[which]
    position = client.get(unit.get_absolute_url()).context["position"]
    assert listed(client, "actions:list", unit) == position.actions.total
    assert listed(client, "actions:list", unit, overdue="overdue") == position.actions.overdue
    assert listed(client, "risks:list", unit, status="open") == position.risks["open"]
    assert listed(client, "assets:asset_list", unit) == position.assets.total
    assert listed(client, "assets:asset_list", unit, review="overdue") == position.assets.review_overdue
    assert listed(client, "assets:agreement_list", unit) == position.agreements.total


def test_a_name_with_a_slash_ampersand_quotes_and_accents_works_on_every_page_and_export(login, igteam, council):
    client, unit = login(igteam), council["home"]
    assert "/" in unit.name and unit.code.isascii()
    pages = [unit.get_absolute_url(), unit.parent.get_absolute_url(), reverse("org:index"),
             reverse("training:unit", args=[unit.code]), reverse("training:unit", args=[unit.parent.code])]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert HOSTILE in response.content.decode().replace("&amp;", "&").replace("&#x27;", "'"), url
    for name in ["actions:export_csv", "risks:export_csv", "assets:asset_export_csv"]:
        export = client.get(reverse(name), {"unit": unit.code})
        assert export.status_code == 200
        assert HOSTILE in b"".join(export.streaming_content).decode("utf-8-sig"), name


def test_renaming_a_unit_renames_it_everywhere_and_in_its_history(login, igteam, council):
    unit = council["home"]
    unit.name, unit._history_user = "Housing Options", igteam
    unit.save()
    client = login(igteam)
    action = Action.objects.filter(unit=unit).first()
    assert "Housing Options" in client.get(action.get_absolute_url()).content.decode()
    export = b"".join(client.get(reverse("actions:export_csv"), {"unit": unit.code}).streaming_content).decode()
    assert "Housing Options" in export and HOSTILE not in export
    names = list(unit.history.values_list("name", flat=True))
    assert names == ["Housing Options", HOSTILE]


def test_merging_moves_every_record_keeps_both_histories_and_retires_the_unit(igteam, council):
    old, new = council["care"], council["home"]
    moved = old.merge_into(new, by=igteam, reason="Restructure, March 2027")
    assert moved == 3  # an action, a risk and an asset (the staff record is HR's: none in Early Help)
    assert not Action.objects.filter(unit=old).exists() and not Risk.objects.filter(unit=old).exists()
    old.refresh_from_db()
    assert (old.in_use, old.merged_into) == (False, new)
    assert old.history.count() == 2 and old.history.first().history_user == igteam
    risk = Risk.objects.get(reference="IR-1")
    assert risk.history.first().history_change_reason.endswith("Restructure, March 2027")
    assert risk.history.last().unit_id == old.pk  # the record's history still says where it was


def test_the_committee_reads_a_units_figures_without_any_name(login, committee, council, owner, other_officer):
    page = login(committee).get(council["people"].get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    for name in [owner.last_name, other_officer.last_name, "Ownerby", "Notyet"]:
        assert name not in body
    assert reverse("assets:asset_list") not in body  # a list the committee cannot open is not linked


def test_a_code_with_no_unit_is_not_found(login, igteam, council):
    assert login(igteam).get(reverse("org:unit", args=["NO-SUCH"])).status_code == 404


def test_a_unit_cannot_be_the_service_of_a_service(council):
    from django.core.exceptions import ValidationError

    unit = Unit(name="Team", code="TEAM", parent=council["home"])
    with pytest.raises(ValidationError, match="cannot belong to another service"):
        unit.full_clean()


def test_a_withdrawn_action_is_a_column_of_the_units_table_so_its_parts_add_up(login, igteam, council, owner):
    Action.objects.get(reference="A0").withdraw(igteam, "Duplicates A1")
    body = login(igteam).get(council["people"].get_absolute_url()).content.decode()
    table = body[body.index("Actions by plan"):body.index("</table>")]
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    totals = re.findall(r"<td[^>]*>(?:<a[^>]*>)?(\d+)", table[table.index("<tfoot>"):])
    figures = dict(zip(headers[1:], map(int, totals), strict=True))
    assert figures["Withdrawn"] == 1
    parts = ["Completed", "In progress", "Not started", "Superseded", "Withdrawn"]
    assert sum(figures[part] for part in parts) == figures["Total"] == 3
