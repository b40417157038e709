"""hand_over(): a leaver's live records go to their successors in one transaction, each with one
history entry saying who handed over to whom, when and why; a failure or a change since the preview
moves nothing."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from igov.accounts.handover import hand_over, held_by_leavers, responsibilities
from igov.lib.versioning import EditConflict
from risks.models import Risk
from tests.accounts.holdings import MOVING, STAYING, holdings

pytestmark = pytest.mark.django_db
EFFECTIVE = date(2026, 11, 30)


def fresh(record):
    return type(record).objects.get(pk=record.pk)


def named(record, person):
    """Whether the record still names the person in any person field."""
    return person.pk in {getattr(fresh(record), f) for f in ("owner_id", "lead_id", "administrator_id",
                                                             "lead_officer_id") if hasattr(record, f)}


def test_a_hand_over_moves_every_live_record_in_every_register_to_the_successor(records, leaver, successor,
                                                                                   igteam):
    moved = hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam)
    assert moved == {"actions": 2, "plans": 1, "risks": 1, "assets": 1, "administered": 2, "agreements": 1}
    for name in MOVING:
        assert not named(records[name], leaver), name
        assert named(records[name], successor), name
    assert fresh(records["administered"]).owner_id != successor.pk  # only the role the leaver had moves
    assert responsibilities(leaver).total == 0


def test_each_record_moved_gets_one_history_entry_naming_the_hand_over_and_who_made_it(records, leaver, successor,
                                                                                        igteam):
    before = {name: records[name].history.count() for name in MOVING}
    hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam)
    for name in MOVING:
        history = records[name].history.all()
        assert history.count() == before[name] + 1, name  # the asset they owned and administered: one entry
        assert history[0].history_user == igteam
        assert history[0].history_change_reason == (
            "Handed over by Lena Leaver to Sunita Successor (30 Nov 2026): Left the council")


def test_completed_actions_closed_risks_and_ended_agreements_keep_their_owner(records, leaver, successor, igteam):
    hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam)
    for name in STAYING:
        assert named(records[name], leaver), name
        assert records[name].history.count() == 1, name


def test_each_register_can_go_to_a_different_successor(records, leaver, successor, other_officer, igteam):
    hand_over(leaver, {"actions": other_officer, "plans": successor, "risks": other_officer, "assets": successor,
                       "administered": other_officer, "agreements": successor},
              effective=EFFECTIVE, reason="Restructure", by=igteam)
    asset = fresh(records["asset"])
    assert (asset.owner, asset.administrator) == (successor, other_officer)
    assert "to Sunita Successor and Otto Otherton" in asset.history.first().history_change_reason
    assert fresh(records["open_action"]).owner == other_officer
    assert fresh(records["agreement"]).lead_officer == successor


def test_a_register_not_named_stays_with_the_person(records, leaver, successor, igteam):
    hand_over(leaver, {"assets": successor}, effective=EFFECTIVE, reason="New IAO", by=igteam)
    assert fresh(records["asset"]).owner == successor
    assert fresh(records["asset"]).administrator == leaver
    assert fresh(records["open_action"]).owner == leaver


def test_a_failure_halfway_moves_nothing(records, leaver, successor, igteam, monkeypatch):
    saved = Risk.save

    def failing_save(risk, *args, **kwargs):  # the actions and the plan are already saved by now
        saved(risk, *args, **kwargs)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Risk, "save", failing_save)
    histories = {name: records[name].history.count() for name in MOVING}
    with pytest.raises(RuntimeError):
        hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam, deactivate=True)
    for name in MOVING:
        assert named(records[name], leaver), name
        assert records[name].history.count() == histories[name], name
    leaver.refresh_from_db()
    assert leaver.is_active


def test_a_successor_who_may_not_take_a_register_is_refused_and_nothing_moves(records, leaver, other_officer,
                                                                              igteam):
    with pytest.raises(ValidationError) as refusal:
        hand_over(leaver, other_officer, effective=EFFECTIVE, reason="Left the council", by=igteam)
    assert "Otto Otherton cannot take on action plans" in refusal.value.message_dict["plans"][0]
    assert all(named(records[name], leaver) for name in MOVING)


def test_a_person_cannot_hand_over_to_themselves(records, leaver, igteam):
    with pytest.raises(ValidationError, match="cannot hand over to themselves"):
        hand_over(leaver, leaver, effective=EFFECTIVE, reason="Left the council", by=igteam)


def seen_now(person) -> dict:
    return {key: {row.pk: row.version for row in rows} for key, rows in responsibilities(person).records.items()}


def test_a_record_changed_since_the_preview_is_reported_not_overwritten(records, leaver, successor, igteam):
    seen = seen_now(leaver)
    risk = fresh(records["risk"])
    risk.title = "Retitled by a colleague meanwhile"
    risk.save()
    with pytest.raises(EditConflict) as conflict:
        hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam, seen=seen)
    assert conflict.value.message == (f"Nothing has been handed over: since the preview, someone changed "
                                      f"{risk.reference}. Check the list again, then confirm.")
    assert all(named(records[name], leaver) for name in MOVING)
    assert fresh(records["risk"]).title == "Retitled by a colleague meanwhile"


def test_a_record_given_to_them_after_the_preview_stops_the_hand_over(records, leaver, successor, igteam):
    seen = seen_now(leaver)
    late = holdings(leaver, successor, tag="late")["open_action"]
    with pytest.raises(EditConflict, match="they were given 2 more actions"):
        hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam, seen=seen)
    assert all(named(records[name], leaver) for name in MOVING)
    assert fresh(late).owner == leaver


def test_a_hand_over_as_previewed_moves_exactly_those_records(records, leaver, successor, igteam):
    moved = hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam,
                      seen=seen_now(leaver))
    assert sum(moved.values()) == 8
    assert all(named(records[name], successor) for name in MOVING)


def test_a_deactivated_person_cannot_sign_in_and_still_appears_by_name_in_history(records, leaver, successor,
                                                                                  igteam, login):
    action = records["open_action"]
    action.status, action._history_user = "in_progress", leaver  # work the leaver did before leaving
    action.save()
    hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam, deactivate=True)
    leaver.refresh_from_db()
    assert not leaver.is_active
    visitor = Client()
    response = visitor.post("/accounts/login/", {"username": "leaver", "password": "a-Long-test-passw0rd"})
    assert response.status_code == 200 and "_auth_user_id" not in visitor.session
    page = login(igteam).get(action.get_absolute_url()).content.decode()
    assert "Lena Leaver" in page  # who made the change, and the owner changed from them
    assert "Handed over by Lena Leaver to Sunita Successor" in page


def test_records_held_by_leavers_are_counted_until_handed_over(records, leaver, successor, igteam):
    assert held_by_leavers(date(2026, 12, 1)) == 0  # HR gives no leaving date and the account is active
    records["staff"].leaving_date = date(2026, 11, 30)
    records["staff"].save()
    assert held_by_leavers(date(2026, 11, 29)) == 0
    assert held_by_leavers(date(2026, 11, 30)) == 8  # the 7 records, the asset they owned and administered twice
    hand_over(leaver, successor, effective=EFFECTIVE, reason="Left the council", by=igteam)
    assert held_by_leavers(date(2026, 12, 1)) == 0
