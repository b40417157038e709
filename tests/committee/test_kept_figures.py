"""The registers' figures of a report are kept once computed (igov.committee.figures.register_figures):
opened again, a draft reads one query for them; what it shows is always what a fresh computation gives,
also after a plan is renamed or the past is imported (history rows dated before the meeting)."""
from datetime import datetime

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from actions.models import Action, ActionPlan
from igov.committee.figures import compute_register_figures, register_figures
from igov.committee.models import Report
from igov.committee.report import TAG, draft_content
from tests.committee.conftest import LONDON, MEETING_2, MEETING_3, _save

pytestmark = pytest.mark.django_db
S = Action.Status


def fresh(on, since):
    return compute_register_figures(on, since)


def test_kept_figures_equal_a_fresh_computation_and_cost_one_query(scenario, django_assert_num_queries):
    for on, since in ((MEETING_2, None), (MEETING_3, MEETING_2)):
        first = register_figures(on, since)
        with django_assert_num_queries(1):
            kept = register_figures(on, since)
        assert kept == first == fresh(on, since)


def test_a_plan_renamed_since_shows_its_new_name(scenario):
    register_figures(MEETING_3, MEETING_2)
    _save(ActionPlan.objects.get(title="ICO data protection audit"), title="ICO audit of data protection")
    figures = register_figures(MEETING_3, MEETING_2)
    assert "ICO audit of data protection" in [plan["title"] for plan in figures["actions"]["plans"]]
    assert figures == fresh(MEETING_3, MEETING_2)


def test_history_imported_with_a_date_before_the_meeting_changes_the_kept_figures(scenario):
    """An import of the past (as the demo's dated stories and the benchmark write it) adds history rows
    dated before the meeting: the figures kept as at that meeting are computed again."""
    before = register_figures(MEETING_3, MEETING_2)
    action = scenario["I3"]
    History = Action.history.model
    row = History.objects.filter(id=action.pk).order_by("-history_date", "-history_id").first()
    values = {f.attname: getattr(row, f.attname) for f in History._meta.concrete_fields if f.attname != "history_id"}
    History.objects.bulk_create([History(**values | {
        "status": S.WITHDRAWN, "history_type": "~", "history_change_reason": "Imported",
        "history_date": datetime(MEETING_3.year, MEETING_3.month, MEETING_3.day, 9, tzinfo=LONDON)})])
    after = register_figures(MEETING_3, MEETING_2)
    assert after == fresh(MEETING_3, MEETING_2)
    assert after != before


def test_the_figures_are_the_same_with_or_without_the_cache(scenario):
    kept = register_figures(MEETING_3, MEETING_2)
    cache.clear()
    assert register_figures(MEETING_3, MEETING_2) == kept


def test_the_glossary_reads_the_same_text_as_strip_tags_gives(scenario, meetings):
    content = draft_content(Report.objects.create(meeting=meetings[2], author="IG Manager"))
    body = render_to_string("committee/report_body.html", {"report": {**content, "glossary": {}}})
    assert TAG.sub("", body) == strip_tags(body)
