"""The hand-over tests' people: a leaver holding records in every register, and a successor."""
import pytest

from igov.accounts import roles
from tests.accounts.holdings import holdings
from tests.conftest import make_user


@pytest.fixture
def leaver(db):
    return make_user("leaver", roles.IG_TEAM, "Lena", "Leaver")


@pytest.fixture
def successor(db):
    return make_user("successor", roles.IG_TEAM, "Sunita", "Successor")


@pytest.fixture
def records(leaver, other_officer):
    return holdings(leaver, other_officer)
