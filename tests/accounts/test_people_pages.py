"""The IG team's people pages: find a person, see what they hold, hand it over (choose, preview, confirm).
Bad input gets a form error, never a server error; only the IG team and administrators get in."""
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from igov.accounts import roles
from tests.accounts.holdings import MOVING
from tests.conftest import make_user
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def urls(person):
    return {name: reverse(f"people:{name}", args=[person.pk]) for name in ("detail", "hand_over", "hand_over_confirm")}


def choose(igteam_client, person, **choices):
    """Fills in the hand-over form and submits it: the preview (or the form again, with its errors)."""
    today = timezone.localdate()
    data = {"effective_day": today.day, "effective_month": today.month, "effective_year": today.year,
            "reason": "Left the council", **choices}
    return igteam_client.post(urls(person)["hand_over"], data)


def listed(response) -> list[str]:
    return [person.username for person, _counts in response.context["rows"]]


def test_the_list_finds_people_by_name_username_or_email_with_their_counts(login, igteam, records, leaver):
    client = login(igteam)
    for search in ("lena", "Leaver", "leaver@example", "LENA LEAV"):
        response = client.get(reverse("people:list"), {"q": search})
        assert listed(response) == ["leaver"], search
        assert "Lena Leaver" in response.content.decode()
    row = client.get(reverse("people:list"), {"q": "leaver"}).context["rows"][0]
    assert row[1] == [2, 1, 1, 1, 2, 1] and row[0].held == 8


def test_the_list_of_leavers_shows_only_people_who_left_and_still_hold_records(login, igteam, records, leaver,
                                                                              other_officer):
    other_officer.is_active = False  # left, holding nothing but the asset they own
    other_officer.save()
    make_user("gone", roles.OFFICER, "Gwen", "Gone", is_active=False)  # left, holding nothing
    records["staff"].leaving_date = timezone.localdate()
    records["staff"].save()
    response = login(igteam).get(reverse("people:list"), {"left": "1"})
    assert listed(response) == ["leaver", "other"]
    assert response.content.decode().count("govuk-tag--grey") == 2


def test_the_person_page_lists_and_links_every_live_record_and_the_training_record(login, igteam, records, leaver):
    page = login(igteam).get(urls(leaver)["detail"]).content.decode()
    for name in [*MOVING, "staff"]:
        assert records[name].get_absolute_url() in page, name
    assert records["completed_action"].get_absolute_url() not in page
    assert "keep their owner" in page


def test_a_hand_over_previews_exactly_what_moves_then_moves_it(login, igteam, records, leaver, successor):
    client = login(igteam)
    preview = choose(client, leaver, successor=successor.pk, deactivate="on")
    page = preview.content.decode()
    assert "8 records will move" in page and "Nothing has moved yet" in page
    for name in MOVING:
        assert records[name].get_absolute_url() in page, name
    assert Action.objects.get(pk=records["open_action"].pk).owner == leaver
    done = client.post(urls(leaver)["hand_over_confirm"], form_data(preview, urls(leaver)["hand_over_confirm"]),
                       follow=True)
    assert done.redirect_chain[-1][0] == urls(leaver)["detail"]
    assert "Handed over 8 records of Lena Leaver; their account is deactivated." in done.content.decode()
    assert Action.objects.get(pk=records["open_action"].pk).owner == successor
    leaver.refresh_from_db()
    assert not leaver.is_active


def test_a_record_changed_between_preview_and_confirm_is_reported_not_overwritten(login, igteam, records, leaver,
                                                                                  successor, other_officer):
    client = login(igteam)
    preview = choose(client, leaver, successor=successor.pk)
    action = Action.objects.get(pk=records["open_action"].pk)
    action.owner = other_officer  # a colleague reassigns it meanwhile
    action.save()
    response = client.post(urls(leaver)["hand_over_confirm"],
                           form_data(preview, urls(leaver)["hand_over_confirm"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has been handed over: since the preview, 1 of the actions shown is no longer theirs" in page
    assert Action.objects.get(pk=action.pk).owner == other_officer
    assert Action.objects.get(pk=records["started_action"].pk).owner == leaver
    # The page shows the list as it is now, ready to confirm again.
    again = client.post(urls(leaver)["hand_over_confirm"], form_data(response, urls(leaver)["hand_over_confirm"]))
    assert again.status_code == 302
    assert Action.objects.get(pk=action.pk).owner == other_officer
    assert Action.objects.get(pk=records["started_action"].pk).owner == successor


def test_one_successor_per_register(login, igteam, records, leaver, successor, other_officer):
    client = login(igteam)
    preview = choose(client, leaver, successor=successor.pk, successor_actions=other_officer.pk)
    assert "Actions they own: 2 to Otto Otherton" in preview.content.decode()
    client.post(urls(leaver)["hand_over_confirm"], form_data(preview, urls(leaver)["hand_over_confirm"]))
    assert Action.objects.get(pk=records["open_action"].pk).owner == other_officer
    assert type(records["risk"]).objects.get(pk=records["risk"].pk).owner == successor


@pytest.mark.parametrize("choices, field, message", [
    ({"successor": "999999"}, "successor", "Choose a successor from the list."),
    ({"successor": "9" * 30}, "successor", "Choose a successor from the list."),
    ({"successor": "abc"}, "successor", "Choose a successor from the list."),
    ({"successor_plans": "{officer}"}, "successor_plans", "Choose a successor for action plans from the list"),
    ({"successor": "{officer}"}, "successor_plans", "Otto Otherton cannot take on action plans"),
    ({}, "successor_actions", "Choose who takes on the actions, or a successor for everything."),
    ({"successor": "{successor}", "effective_day": "31", "effective_month": "2"}, "effective",
     "Effective date must be a real date"),
    ({"successor": "{successor}", "effective_year": "2999"}, "effective",
     "Effective date must be today or in the past."),
    ({"successor": "{successor}", "reason": ""}, "reason", "Reason is required."),
    ({"successor": "{successor}", "reason": "x" * 41}, "reason", "at most 40 characters"),
])
def test_bad_choices_get_a_clear_form_error_and_move_nothing(login, igteam, records, leaver, successor,
                                                            other_officer, choices, field, message):
    filled = {name: value.format(officer=other_officer.pk, successor=successor.pk) for name, value in choices.items()}
    response = choose(login(igteam), leaver, **filled)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert Action.objects.get(pk=records["open_action"].pk).owner == leaver


def test_a_damaged_confirmation_moves_nothing(login, igteam, records, leaver, successor):
    client = login(igteam)
    preview = choose(client, leaver, successor=successor.pk)
    data = form_data(preview, urls(leaver)["hand_over_confirm"])
    data["seen_actions"] = ["abc"]
    response = client.post(urls(leaver)["hand_over_confirm"], data, follow=True)
    assert "The list of records to hand over was damaged" in response.content.decode()
    assert Action.objects.get(pk=records["open_action"].pk).owner == leaver


def test_a_forged_successor_on_the_confirmation_gets_the_form_again(login, igteam, records, leaver, successor,
                                                                    other_officer):
    client = login(igteam)
    preview = choose(client, leaver, successor=successor.pk)
    data = {**form_data(preview, urls(leaver)["hand_over_confirm"]), "successor": [str(other_officer.pk)]}
    response = client.post(urls(leaver)["hand_over_confirm"], data)
    assert response.status_code == 200
    assert "Otto Otherton cannot take on action plans" in response.content.decode()
    assert Action.objects.get(pk=records["open_action"].pk).owner == leaver


def test_a_person_who_is_not_a_user_is_missing(login, igteam):
    for name in ("detail", "hand_over"):
        assert login(igteam).get(reverse(f"people:{name}", args=[999999])).status_code == 404


def test_the_ig_team_cannot_deactivate_an_administrator_or_themselves(login, igteam, admin_user, successor):
    client = login(igteam)
    response = choose(client, admin_user, deactivate="on")
    assert "Only an administrator can deactivate" in response.content.decode()
    response = choose(client, igteam, deactivate="on")
    assert "You cannot deactivate your own account" in response.content.decode()


def test_someone_holding_nothing_can_have_their_account_deactivated(login, igteam, other_officer):
    client = login(igteam)
    preview = choose(client, other_officer, deactivate="on")
    assert "nothing moves" in preview.content.decode()
    client.post(urls(other_officer)["hand_over_confirm"],
                form_data(preview, urls(other_officer)["hand_over_confirm"]))
    other_officer.refresh_from_db()
    assert not other_officer.is_active


@pytest.mark.parametrize("member, expected", [("owner", 403), ("board", 403), ("committee", 403)])
def test_only_the_ig_team_and_administrators_see_the_people_pages(login, cast, records, leaver, member, expected):
    for url in [reverse("people:list"), *urls(leaver).values()]:
        response = login(cast[member]).get(url)
        assert response.status_code == expected, url
        assert "Lena Leaver" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, records, leaver):
    for url in [reverse("people:list"), urls(leaver)["detail"], urls(leaver)["hand_over"]]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_an_administrator_reaches_the_people_pages(login, admin_user, records, leaver):
    assert login(admin_user).get(urls(leaver)["hand_over"]).status_code == 200


def test_leavers_date_is_judged_against_today(login, igteam, records, leaver):
    records["staff"].leaving_date = date(2099, 1, 1)
    records["staff"].save()
    page = login(igteam).get(urls(leaver)["detail"]).content.decode()
    assert "govuk-tag--grey" not in page


@pytest.mark.parametrize("bad", ["9" * 30 + ":1", "1:" + "9" * 30, "-1:1", "a\x00b", "1e309:1"])
def test_hostile_values_in_the_confirmation_get_a_message_never_a_server_error(login, igteam, records, leaver,
                                                                              successor, bad):
    client = login(igteam)
    preview = choose(client, leaver, successor=successor.pk)
    data = form_data(preview, urls(leaver)["hand_over_confirm"])
    # The damaged lists first: each must move nothing (a hostile reason, say, is just a reason).
    for name in sorted((n for n in data if n != "csrfmiddlewaretoken"), key=lambda n: not n.startswith("seen_")):
        response = client.post(urls(leaver)["hand_over_confirm"], {**data, name: [bad]})
        assert response.status_code < 500, name
        if name.startswith("seen_"):
            assert Action.objects.get(pk=records["open_action"].pk).owner == leaver, name
