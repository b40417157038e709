"""The two-factor pages cost the same number of queries at demo scale 1 and 10."""
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.budget import measure_at_scales, seed_demo
from tests.conftest import make_user


def test_two_factor_pages_keep_to_the_query_budget(db, django_assert_max_num_queries):
    officer = make_user("olwen", "Officer", "Olwen", "Ownerby")
    client = Client()
    client.force_login(officer)
    client.post(reverse("two_factor_start"))

    seed_demo(1, ["accounts"])
    counts = measure_at_scales({"officer": (client, [reverse("two_factor"), reverse("two_factor_setup")])},
                               django_assert_max_num_queries, only=["accounts"])

    print("two-factor pages, queries at scale 1 (same at 10):", counts)


def test_the_sign_in_code_step_keeps_to_the_query_budget(db, django_assert_max_num_queries):
    officer = make_user("olwen", "Officer", "Olwen", "Ownerby")
    TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)
    client = Client()
    client.post(reverse("login"), {"username": "olwen", "password": "a-Long-test-passw0rd"})

    seed_demo(1, ["accounts"])
    counts = measure_at_scales({"officer at the code step": (client, [reverse("login_code")])},
                               django_assert_max_num_queries, only=["accounts"])

    print("sign-in code step, queries at scale 1 (same at 10):", counts)
