"""The shared cast: every view's tests try each of these people.

owner (an officer who owns the objects a test makes), other_officer, igteam, board, committee,
admin, and anonymous. Clients are signed in with force_login.
"""
import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.test import Client

from igov.accounts import roles


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what an earlier test cached (the glossary's terms) was rolled
    back from the database with that test, but not from the cache."""
    cache.clear()


CAST = ["anonymous", "owner", "other_officer", "igteam", "board", "committee", "admin"]


def make_user(username, role=None, first="", last="", **extra):
    user = User.objects.create_user(username, f"{username}@example.gov.uk", "a-Long-test-passw0rd",
                                    first_name=first, last_name=last, **extra)
    if role:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def owner(db):
    return make_user("owner", roles.OFFICER, "Olwen", "Ownerby")


@pytest.fixture
def other_officer(db):
    return make_user("other", roles.OFFICER, "Otto", "Otherton")


@pytest.fixture
def igteam(db):
    return make_user("igteam", roles.IG_TEAM, "Imogen", "Governa")


@pytest.fixture
def board(db):
    return make_user("board", roles.BOARD, "Barnaby", "Boardman")


@pytest.fixture
def committee(db):
    return make_user("committee", roles.COMMITTEE, "Cora", "Committee")


@pytest.fixture
def admin_user(db):
    return make_user("admin", None, "Ada", "Administrator", is_superuser=True, is_staff=True)


@pytest.fixture
def cast(owner, other_officer, igteam, board, committee, admin_user):
    """Name -> user for every member of the cast (None for anonymous)."""
    return {"anonymous": None, "owner": owner, "other_officer": other_officer, "igteam": igteam,
            "board": board, "committee": committee, "admin": admin_user}


@pytest.fixture
def objects(cast):
    """One of each object the project's URLs need (tests/access.py OBJECT_BUILDERS), the owner's."""
    from tests import access

    made = {}
    for build in access.OBJECT_BUILDERS:
        made.update(build(cast))
    return made


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def login():
    """login(user) -> a Django test client signed in as that user (anonymous for None)."""
    return client_for
