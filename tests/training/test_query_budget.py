"""Every training page costs the same number of queries at demo scale 1 (3,000 staff) and 10 (30,000)."""
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from igov.accounts import roles
from tests.budget import LIST_BUDGET, count_queries, measure_at_scales
from tests.conftest import make_user
from training.models import StaffMember

SERVICE = "/training/directorates/Resources/Revenues%20and%20Benefits/"


def seed(scale):
    call_command("seed_demo", scale=scale, only=["training"], force=True, stdout=open("/dev/null", "w"))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_training_pages_keep_to_the_query_budget(db, django_assert_max_num_queries):
    seed(1)
    priya = StaffMember.objects.get(email="officer@example.gov.uk")
    urls = ["/training/", "/training/?on=2026-03-31", "/training/directorates/Resources/", SERVICE,
            f"{SERVICE}?format=xlsx", f"/training/staff/{priya.pk}/", "/training/staff/?q=smith",
            "/training/report/",
            "/training/report/?format=xlsx", "/training/import/", "/training/imports/"]
    igteam = client_for(make_user("imogen", roles.IG_TEAM, "Imogen", "Governa"))
    counts = measure_at_scales(igteam, urls, django_assert_max_num_queries, only=["training"])
    print("training pages for the IG team, queries at scale 1 (no more at 10):", counts)

    committee = client_for(make_user("cora", roles.COMMITTEE, "Cora", "Committee"))
    counts = measure_at_scales(committee, ["/training/", SERVICE, "/training/report/"],
                               django_assert_max_num_queries, only=["training"])
    print("committee pages:", counts)


def test_an_officers_own_service_keeps_to_the_query_budget(db, django_assert_max_num_queries):
    # Seeding resets the demo users' passwords, so the officer signs in again after each seed.
    seed(1)
    small = count_queries(client_for(User.objects.get(username="officer")), SERVICE)
    seed(10)
    client = client_for(User.objects.get(username="officer"))
    assert small <= LIST_BUDGET
    with django_assert_max_num_queries(small):
        page = client.get(SERVICE).content.decode()
    assert "Still to complete" in page and "Line manager" in page
    print("officer's own service, queries at scale 1 (no more at 10):", small)
