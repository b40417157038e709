"""From typed names to units: the data migration maps what it can, `map_units` lists the rest and
applies a mapping file, each record it changes keeping history of who and why."""
import importlib
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from actions.models import Action, ActionPlan
from assets.models import InformationAsset
from igov.org.models import Unit
from risks.models import Risk, RiskCategory
from training.models import StaffMember

pytestmark = pytest.mark.django_db
migration = importlib.import_module("igov.org.migrations.0002_map_free_text")


def typed_records(owner):
    """Records as they stood before units: HR's names on the staff, other spellings elsewhere."""
    for n, (directorate, service) in enumerate([("Children and Families", "Children's Social Care"),
                                                ("Children and Families", "Early Help"),
                                                ("Resources", "Finance")]):
        StaffMember.objects.create(staff_number=f"E{n}", first_name="A", last_name="B", start_date=date(2020, 1, 1),
                                   former_directorate=directorate, former_service=service)
    plan = ActionPlan.objects.create(title="ICO audit")
    made = {
        # a known service under a directorate name HR does not use: the service alone is unique
        "action": Action.objects.create(plan=plan, reference="A1", recommendation="R", former_service="finance"),
        # HR's names typed with a curly apostrophe, different case and "&": still the same unit
        "risk": Risk.objects.create(
            reference="IR-1", title="T", cause="C", consequence="Q", owner=owner, inherent_likelihood=3,
            inherent_impact=3, residual_likelihood=2, residual_impact=2, target_likelihood=1, target_impact=1,
            raised_on=date(2025, 1, 6), category=RiskCategory.objects.first(), former_directorate="CHILDREN & FAMILIES",
            former_service="Children’s social care"),
        # a directorate HR has never heard of: left for the mapping file
        "asset": InformationAsset.objects.create(reference="IA-1", name="N", former_directorate="Place",
                                                 former_service="Planning"),
        "asset2": InformationAsset.objects.create(reference="IA-2", name="M", former_directorate="Place",
                                                  former_service="Planning"),
    }
    return made


def test_the_migration_maps_known_names_and_reports_the_rest(owner, capsys):
    made = typed_records(owner)
    unmatched = migration.forwards(apps, None)
    assert sorted(u.label for u in Unit.objects.select_related("parent")) == [
        "Children and Families", "Children and Families › Children's Social Care",
        "Children and Families › Early Help", "Resources", "Resources › Finance"]
    assert all(StaffMember.objects.values_list("unit", flat=True))
    assert Action.objects.get(pk=made["action"].pk).unit.label == "Resources › Finance"
    assert Risk.objects.get(pk=made["risk"].pk).unit.label == "Children and Families › Children's Social Care"
    assert InformationAsset.objects.filter(unit__isnull=True).count() == 2
    assert unmatched == {("InformationAsset", "Place", "Planning"): 1}
    assert "match no organisation unit" in capsys.readouterr().out
    # The history rows say the same, so a past position groups by unit as today's does.
    assert Risk.history.get(id=made["risk"].pk).unit.name == "Children's Social Care"

    call_command("map_units", stdout=(out := StringIO()))
    assert "Place / Planning: 2 records" in out.getvalue()


def test_a_mapping_file_gives_the_rest_their_unit_with_history(owner, igteam, tmp_path):
    made = typed_records(owner)
    migration.forwards(apps, None)
    place = Unit.objects.create(name="Place and Environment", code="PE")
    planning = Unit.objects.create(name="Planning and Building Control", code="PE-PBC", parent=place)
    template = tmp_path / "mapping.csv"
    call_command("map_units", template=str(template), stdout=StringIO())
    assert template.read_text(encoding="utf-8").splitlines() == ["directorate,service,unit", "Place,Planning,"]
    template.write_text("directorate,service,unit\nPlace,Planning,pe-pbc\n", encoding="utf-8")
    call_command("map_units", mapping=str(template), by=igteam.username, stdout=StringIO())
    asset = InformationAsset.objects.get(pk=made["asset"].pk)
    assert asset.unit == planning and asset.former_service == "Planning"
    latest = asset.history.first()
    assert (latest.history_user, latest.history_change_reason) == (igteam, "Unit set from the mapping file mapping.csv")
    call_command("map_units", stdout=(out := StringIO()))
    assert "Every record's directorate and service is matched to a unit." in out.getvalue()


def test_a_mapping_file_naming_an_unknown_code_changes_nothing(owner, tmp_path):
    typed_records(owner)
    migration.forwards(apps, None)
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("directorate,service,unit\nPlace,Planning,NOPE\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 2: there is no unit with the code NOPE"):
        call_command("map_units", mapping=str(mapping), stdout=StringIO())
    assert InformationAsset.objects.filter(unit__isnull=True).count() == 2
