"""The assets demo data: a register the committee would recognise, idempotent, and scalable."""
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action
from assets.models import DataSharingAgreement, InformationAsset, Partner, register_summary


def seed(scale=1, only=("actions", "assets")):
    call_command("seed_demo", scale=scale, only=list(only), force=True, stdout=open("/dev/null", "w"))


def counts():
    return InformationAsset.objects.count(), Partner.objects.count(), DataSharingAgreement.objects.count()


def test_demo_has_about_sixty_assets_fifteen_iaos_ten_partners_and_twelve_agreements(db):
    seed()
    assert counts() == (56, 10, 12)
    assert InformationAsset.objects.exclude(owner=None).values("owner").distinct().count() == 15
    assert InformationAsset.objects.filter(owner__username="officer").exists()
    assert InformationAsset.objects.values("unit").distinct().count() == 15


def test_demo_safeguarding_agreements_are_active_in_review_and_expired(db):
    seed()
    position = register_summary(timezone.localdate())
    by_status = {row.status: row.count for row in position.agreements.safeguarding_by_status}
    assert by_status["active"] >= 1 and by_status["under_review"] >= 1 and by_status["expired"] >= 2
    assert position.agreements.expiring >= 1
    assert position.assets.review_overdue >= 1 and position.assets.without_owner >= 1


def test_demo_agreements_replace_the_superseded_ico_action(db):
    seed()
    action = Action.objects.get(status=Action.Status.SUPERSEDED, plan__source_kind="ico_audit")
    assert DataSharingAgreement.objects.replacing(action).count() >= 1


def test_demo_is_idempotent_and_scale_multiplies(db):
    seed()
    seed()
    assert counts() == (56, 10, 12)
    seed(scale=10, only=["assets"])
    assert counts() == (560, 100, 120)
    seed(scale=10, only=["assets"])
    assert counts() == (560, 100, 120)
