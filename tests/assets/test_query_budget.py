"""Every assets page, and the admin's asset pages, cost the same number of queries at demo scale 1 and 10."""
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from assets.models import DataSharingAgreement, InformationAsset, Partner
from igov.accounts import roles
from tests.budget import LIST_BUDGET, count_queries, measure_at_scales
from tests.conftest import make_user

APPS = ["actions", "assets"]


def seed(scale):
    call_command("seed_demo", scale=scale, only=APPS, force=True, stdout=open("/dev/null", "w"))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_assets_pages_keep_to_the_query_budget(db, django_assert_max_num_queries):
    seed(1)
    asset = InformationAsset.objects.get(reference="IA-0002")
    agreement = DataSharingAgreement.objects.get(reference="DSA-001")
    partner = Partner.objects.order_by("pk").first()
    officer = User.objects.get(username="officer")
    months_ago = f"/assets/?on={timezone.localdate() - timedelta(days=90):%Y-%m-%d}"
    urls = ["/assets/", months_ago, "/assets/register/", "/assets/register/?review=overdue&sort=-next_review",
            f"/assets/register/?owner={officer.pk}&personal_data=yes&q=records&sort=owner",
            "/assets/register/?owner=null", "/assets/register/export.csv", "/assets/register/export.xlsx",
            f"/assets/{asset.pk}/", f"/assets/{asset.pk}/edit/", f"/assets/{asset.pk}/review/", "/assets/new/",
            "/assets/agreements/", "/assets/agreements/?safeguarding=yes&status=expired&sort=expiry",
            "/assets/agreements/?expiring=90", "/assets/agreements/?lapsed=yes&safeguarding=yes",
            "/assets/agreements/export.csv", "/assets/agreements/export.xlsx",
            f"/assets/agreements/{agreement.pk}/", f"/assets/agreements/{agreement.pk}/edit/",
            "/assets/agreements/new/", "/assets/partners/", "/assets/partners/?kind=nhs", "/assets/partners/new/",
            f"/assets/partners/{partner.pk}/edit/"]
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    counts = measure_at_scales(igteam, urls, django_assert_max_num_queries, only=APPS)
    print("assets pages for the IG team, queries at scale 1 (no more at 10):", counts)

    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    counts = measure_at_scales(committee, ["/assets/", months_ago], django_assert_max_num_queries, only=APPS)
    print("committee:", counts)


def test_admin_asset_pages_keep_to_the_query_budget(db, django_assert_max_num_queries):
    seed(1)
    officer = User.objects.get(username="officer")
    admin = client_for(make_user("ada", None, "Ada", "Administrator", is_superuser=True, is_staff=True))
    urls = ["/admin/assets/informationasset/", "/admin/assets/informationasset/?review_overdue=yes",
            f"/admin/assets/informationasset/?owner__id__exact={officer.pk}&q=records",
            "/admin/assets/informationasset/owners/", f"/admin/assets/informationasset/hand-over/?owner={officer.pk}",
            f"/admin/auth/user/{officer.pk}/change/", "/admin/assets/datasharingagreement/",
            "/admin/assets/partner/"]
    counts = measure_at_scales(admin, urls, django_assert_max_num_queries, only=APPS, budget=25)
    print("admin asset pages, queries at scale 1 (no more at 10):", counts)


def test_my_assets_keeps_to_the_query_budget(db, django_assert_max_num_queries):
    # The demo officer owns more assets at scale 10; seeding resets demo passwords, so sign in after each.
    seed(1)
    small = count_queries(client_for(User.objects.get(username="officer")), "/assets/mine/")
    seed(10)
    client = client_for(User.objects.get(username="officer"))
    assert small <= LIST_BUDGET
    with django_assert_max_num_queries(small):
        client.get("/assets/mine/")
    print("my assets, queries at scale 1 (no more at 10):", small)
