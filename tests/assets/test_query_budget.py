"""Every assets page, and the admin's asset pages, cost the same number of queries at demo scale 1 and 10.

One test seeds both scales once for every reader: the scale-10 seed is most of the time it takes.
"""
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from assets.models import DataSharingAgreement, InformationAsset, Partner
from igov.accounts import roles
from tests.budget import assert_no_more_queries, count_pages, seed_demo
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.slow

APPS = ["actions", "assets"]


def test_assets_pages_and_the_admins_keep_to_the_query_budget_for_every_reader(db, django_assert_max_num_queries):
    seed_demo(1, APPS)
    asset = InformationAsset.objects.get(reference="IA-0002")
    agreement = DataSharingAgreement.objects.get(reference="DSA-001")
    partner = Partner.objects.order_by("pk").first()
    officer = User.objects.get(username="officer")
    months_ago = f"/assets/?on={timezone.localdate() - timedelta(days=90):%Y-%m-%d}"
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    admin = client_for(make_user("ada", None, "Ada", "Administrator", is_superuser=True, is_staff=True))
    pages = {
        "IG team": (igteam, [
            "/assets/", months_ago, "/assets/register/", "/assets/register/?review=overdue&sort=-next_review",
            f"/assets/register/?owner={officer.pk}&personal_data=yes&q=records&sort=owner",
            "/assets/register/?owner=null", "/assets/register/export.csv", "/assets/register/export.xlsx",
            f"/assets/{asset.pk}/", f"/assets/{asset.pk}/edit/", f"/assets/{asset.pk}/review/", "/assets/new/",
            "/assets/agreements/", "/assets/agreements/?safeguarding=yes&status=expired&sort=expiry",
            "/assets/agreements/?expiring=90", "/assets/agreements/?lapsed=yes&safeguarding=yes",
            "/assets/agreements/export.csv", "/assets/agreements/export.xlsx",
            f"/assets/agreements/{agreement.pk}/", f"/assets/agreements/{agreement.pk}/edit/",
            "/assets/agreements/new/", "/assets/partners/", "/assets/partners/?kind=nhs", "/assets/partners/new/",
            f"/assets/partners/{partner.pk}/edit/"]),
        "committee": (committee, ["/assets/", months_ago]),
        # The demo officer is IAO of more assets at scale 10.
        "officer": (client_for(officer), ["/assets/mine/"]),
    }
    admin_pages = {"admin": (admin, [
        "/admin/assets/informationasset/", "/admin/assets/informationasset/?review_overdue=yes",
        f"/admin/assets/informationasset/?owner__id__exact={officer.pk}&q=records",
        "/admin/assets/informationasset/owners/", f"/admin/assets/informationasset/hand-over/?owner={officer.pk}",
        f"/admin/auth/user/{officer.pk}/change/", "/admin/assets/datasharingagreement/", "/admin/assets/partner/"])}
    counts = count_pages(pages)
    admin_counts = count_pages(admin_pages, budget=25)
    seed_demo(10, APPS)
    assert_no_more_queries(pages, counts, django_assert_max_num_queries)
    assert_no_more_queries(admin_pages, admin_counts, django_assert_max_num_queries)
    print("assets pages, queries at scale 1 (no more at 10):", counts, admin_counts)
