"""The plan page and the plans index as at a date (`?on=`): the same figures as Action.position_as_at,
said to be as at that date, and plainly nothing before any record."""
import re
from datetime import date
from html import unescape

from actions.models import Action
from igov.lib.dates import end_of


def text_of(response) -> str:
    """The page's text with tags removed and white space collapsed, as a reader sees it."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_plan_page_as_at_a_date_shows_the_as_at_figures_and_says_so(three_periods, login, igteam):
    position = Action.position_as_at(end_of(date(2016, 11, 20)), three_periods)
    response = login(igteam).get(f"/actions/plans/{three_periods.pk}/?on=2016-11-20")
    page = text_of(response)
    assert "ICO data protection audit as at 20 November 2016" in page
    assert position.sentence() in page
    assert ("Of the 5 actions, 1 has been completed, 2 are in progress and 1 is yet to be started; "
            "1 has been superseded.") in page
    assert "1 completed, of which 1 signed off by the board and 0 awaiting sign-off." in page
    assert "1 outstanding action was past its target date on 20 November 2016." in page


def test_the_plan_page_lists_the_actions_overdue_then_with_the_dates_they_had(three_periods, login, igteam):
    october = login(igteam).get(f"/actions/plans/{three_periods.pk}/?on=2016-10-24").content.decode()
    overdue = october[october.index("Overdue actions on 24 October 2016"):]
    assert ">A01<" in overdue and ">A04<" in overdue and "Not revised" in overdue
    november = login(igteam).get(f"/actions/plans/{three_periods.pk}/?on=2016-11-20").content.decode()
    overdue = november[november.index("Overdue actions on 20 November 2016"):]
    assert ">A03<" in overdue and ">A04<" not in overdue


def test_the_plan_page_after_a_reopening_counts_nothing_signed_off(three_periods, login, igteam):
    page = text_of(login(igteam).get(f"/actions/plans/{three_periods.pk}/?on=2017-01-16"))
    assert "1 completed, of which 0 signed off by the board and 1 awaiting sign-off." in page
    assert "Of the 5 actions, 1 has been completed, 3 are in progress and 0 are yet to be started" in page


def test_the_plan_page_before_any_record_says_the_plan_had_no_actions(three_periods, login, committee):
    page = text_of(login(committee).get(f"/actions/plans/{three_periods.pk}/?on=2010-01-01"))
    assert "The plan had no actions on 1 January 2010." in page
    assert "Progress by scope area" not in page and "Of the 0 actions" not in page


def test_the_index_as_at_a_date_shows_the_as_at_totals(three_periods, login, committee):
    position = Action.position_as_at(end_of(date(2016, 10, 24)))
    page = text_of(login(committee).get("/actions/?on=2016-10-24"))
    assert "Audit action plans as at 24 October 2016" in page
    assert position.sentence() in page
    assert "Of the 4 actions, 0 have been completed, 2 are in progress and 2 are yet to be started." in page
    assert f"/actions/plans/{three_periods.pk}/?on=2016-10-24" in login(committee).get(
        "/actions/?on=2016-10-24").content.decode()


def test_the_index_before_any_record_says_there_were_no_plans(three_periods, login, committee):
    page = text_of(login(committee).get("/actions/?on=2010-01-01"))
    assert "No action plans had been recorded on 1 January 2010." in page
    assert "All plans" not in page


def test_without_a_date_the_pages_show_the_position_now(three_periods, login, igteam):
    now = Action.position_as_at(None, three_periods)
    assert now.sentence() in text_of(login(igteam).get(f"/actions/plans/{three_periods.pk}/"))
    page = text_of(login(igteam).get("/actions/"))
    assert now.sentence() in page and "Audit action plans as at" not in page


def test_a_date_in_the_future_is_refused_with_a_message_and_the_position_now(three_periods, login, igteam):
    response = login(igteam).get(f"/actions/plans/{three_periods.pk}/?on=2999-01-01")
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "As at must be today or in the past." in page
    assert Action.position_as_at(None, three_periods).sentence() in page


def test_the_plan_figures_export_as_at_a_date_has_the_as_at_figures(three_periods, login, committee):
    text = b"".join(login(committee).get("/actions/plans/export.csv?on=2016-11-20").streaming_content).decode()
    header, row = text.strip().splitlines()
    assert header.endswith("Actions,Completed,In progress,Not started,Superseded,Withdrawn,Overdue,Signed off,"
                           "Added since agreed")
    assert row.endswith(",5,1,2,1,1,0,1,1,0")
