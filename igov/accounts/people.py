"""How igov names people, and who may own an entry in a register."""
from django.contrib.auth import get_user_model

from igov.accounts.roles import IG_TEAM, OFFICER


def person_name(user) -> str:
    """A person as pages, lists and histories name them: full name, else username."""
    return user.get_full_name() or user.username


def assignable_owners():
    """Officers and the IG team, active: the people who can own actions and risks."""
    return (get_user_model().objects.filter(is_active=True, groups__name__in=[OFFICER, IG_TEAM])
            .distinct().order_by("last_name", "first_name"))


def plan_leads():
    """The IG team, active: the people who can lead an action plan."""
    return (get_user_model().objects.filter(is_active=True, groups__name=IG_TEAM)
            .order_by("last_name", "first_name"))
