import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import override_settings


def seed(**options):
    call_command("seed_demo", force=True, stdout=open("/dev/null", "w"), **options)


def test_seed_demo_is_idempotent(db):
    seed()
    users = User.objects.count()
    seed()
    assert User.objects.count() == users
    assert set(User.objects.values_list("username", flat=True)) >= {"officer", "igteam", "board",
                                                                    "committee", "admin"}


def test_seed_demo_gives_every_demo_user_the_demo_password(db):
    seed()
    for username in ["officer", "igteam", "board", "committee", "admin"]:
        assert User.objects.get(username=username).check_password("igov-demo")
    assert User.objects.get(username="admin").is_superuser


@override_settings(DEBUG=False)
def test_seed_demo_refuses_to_run_in_production_without_force(db):
    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert not User.objects.filter(username="officer").exists()
