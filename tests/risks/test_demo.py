"""The demo register: about 25 risks with two years of reviews, idempotent, multiplied by --scale."""
import pytest
from django.core.management import call_command

from risks.models import Risk, RiskReview


def seed(scale):
    call_command("seed_demo", scale=scale, only=["risks"], force=True, stdout=open("/dev/null", "w"))


@pytest.mark.django_db
def test_demo_seeds_a_council_register_with_reviews_over_two_years():
    seed(1)
    assert Risk.objects.count() == 25
    assert Risk.objects.filter(owner__username="officer").count() >= 4
    reviews = RiskReview.objects.order_by("reviewed_on")
    assert (reviews.last().reviewed_on - reviews.first().reviewed_on).days > 550
    assert Risk.objects.above_appetite().exists()
    risk = Risk.objects.get(reference="IR-001")
    assert len(risk.residual_over_time()) >= 2


@pytest.mark.django_db
def test_demo_is_idempotent_and_scales():
    seed(1)
    seed(1)
    assert Risk.objects.count() == 25
    reviews = RiskReview.objects.count()
    seed(3)
    assert Risk.objects.count() == 75
    assert RiskReview.objects.count() == 3 * reviews
