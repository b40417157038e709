"""The load generator's edit round, through the real action edit form: of two people who opened the same
version, one saves and the other is told of the conflict; the check afterwards finds every accepted
edit in the action's history and calls two edits accepted from one version a lost update."""
from datetime import date

from actions.models import Action, ActionPlan
from igov.benchmark.client import form_fields
from igov.benchmark.load import CONFLICT, verify
from tests.conftest import client_for
from tests.units import unit_for


def test_two_people_saving_the_same_version_one_is_refused_and_nothing_is_lost(owner, igteam):
    plan = ActionPlan.objects.create(title="ICO audit", source_kind=ActionPlan.SourceKind.ICO_AUDIT,
                                     issuing_body="ICO", report_date=date(2024, 6, 1), lead=igteam)
    action = Action.objects.create(plan=plan, reference="A01", owner=owner, status=Action.Status.IN_PROGRESS,
                                   recommendation="Train every member of staff.",
                                   original_target_date=date(2030, 12, 31),
                                   unit=unit_for("Chief Executive's Office", "Legal and Governance"))
    url = f"/actions/{action.pk}/edit/"
    people = {"officer": client_for(owner), "igteam": client_for(igteam)}
    forms = {who: form_fields(client.get(url).content.decode(), "note") for who, client in people.items()}
    assert forms["officer"]["seen_version"] == forms["igteam"]["seen_version"] == str(action.version)

    answers = {who: people[who].post(url, {**forms[who], "note": f"Benchmark load: {who}'s edit"})
               for who in ("officer", "igteam")}

    assert answers["officer"].status_code == 302
    assert answers["igteam"].status_code == 200 and CONFLICT in answers["igteam"].content.decode()
    accepted = [(action.pk, action.version, "Benchmark load: officer's edit")]
    assert verify(accepted)["lost_updates"] == 0
    # Had the second been saved too, from the same version, one of the two edits would be lost.
    assert verify([*accepted, (action.pk, action.version, "Benchmark load: igteam's edit")])["lost_updates"] == 2
