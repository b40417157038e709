"""The demo has a past: each register's history is dated across the last year or two, replayed
from the steps that led to today's state, so that an as-at read a month, three and six months ago
gives a different and true position (never figures typed for the date)."""
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action
from assets.models import DataSharingAgreement, InformationAsset
from risks.models import Risk
from tests.conftest import made_once


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The registers' demo, seeded once for the module (the tests only read it)."""
    with made_once(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed_demo", force=True, only=["actions", "assets", "risks"], stdout=open("/dev/null", "w"))
        yield timezone.localdate()


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def moment(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


def ago(today, days):
    return moment(today - timedelta(days=days))


def test_every_register_has_history_dated_across_the_past_year(seeded):
    year_ago = ago(seeded, 365)
    for model in (Action, InformationAsset, DataSharingAgreement):
        dates = set(model.history.values_list("history_date__date", flat=True))
        assert len(dates) > 20, model
        assert model.history.filter(history_date__lt=year_ago).exists(), model


def test_the_action_plans_stood_differently_a_month_three_and_six_months_ago(seeded):
    positions = [Action.status_counts_as_at(ago(seeded, days)) for days in (180, 90, 30, 0)]
    completed = [p.completed for p in positions]
    assert completed == sorted(completed) and completed[0] < completed[-1]
    assert all(p.total == p.completed + p.in_progress + p.not_started + p.superseded for p in positions)


def test_the_asset_register_lost_iaos_and_agreements_expired_over_the_year(seeded):
    then, now = ago(seeded, 180), moment(seeded)
    without_iao = [InformationAsset.history.as_of(when).filter(owner__isnull=True).count() for when in (then, now)]
    assert without_iao[0] < without_iao[1] == InformationAsset.objects.filter(owner__isnull=True).count()
    reviewed = [InformationAsset.history.as_of(when).filter(last_reviewed__isnull=False).count()
                for when in (then, now)]
    assert reviewed[0] < reviewed[1]
    statuses = [dict(DataSharingAgreement.history.as_of(when).values_list("reference", "status"))
                for when in (then, now)]
    assert statuses[0] != statuses[1]
    assert statuses[1] == dict(DataSharingAgreement.objects.values_list("reference", "status"))
    assert DataSharingAgreement.history.as_of(now).count() == DataSharingAgreement.objects.count()


def test_the_risk_register_was_scored_differently_six_months_ago(seeded):
    then, now = Risk.position_as_at(ago(seeded, 180)), Risk.position_as_at(moment(seeded))
    assert then.residual_cells != now.residual_cells
