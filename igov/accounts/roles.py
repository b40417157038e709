"""The one place that answers "may this user do this?" (DESIGN.md, "Who uses it").

Roles are Django groups (created by a data migration). A superuser is the Administrator and
passes every role check. Views use `role_required(...)`; code that needs a yes/no uses `has_role`.
"""
from functools import cache, wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import resolve, reverse

OFFICER = "Officer"
IG_TEAM = "IG team"
BOARD = "Sign-off board"
COMMITTEE = "Committee member"
ROLES = [OFFICER, IG_TEAM, BOARD, COMMITTEE]

# Who may open each part of igov, declared once: the views' role_required, the header's navigation
# and the dashboard's cards all read these. What each sees inside is scoped by the register
# (`visible_to(user)`); a committee member sees figures, never a name.
STAFF_ROLES = (OFFICER, IG_TEAM, BOARD)
READERS = (OFFICER, IG_TEAM, BOARD, COMMITTEE)  # the dashboard, actions, risks, the organisation units
REGISTER_READERS = (OFFICER, IG_TEAM, COMMITTEE)  # the assets summary
TRAINING_READERS = (OFFICER, IG_TEAM, COMMITTEE)
REGISTER_STAFF = (OFFICER, IG_TEAM)  # named records: staff lists, exports with names, the officers' forms
COMMITTEE_READERS = (IG_TEAM, BOARD, COMMITTEE)


def roles_of(user) -> frozenset[str]:
    """The user's role names, loaded with one query and kept on the user for the request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if not hasattr(user, "_igov_roles"):
        user._igov_roles = frozenset(user.groups.values_list("name", flat=True))
    return user._igov_roles


def is_admin(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def has_role(user, *roles: str) -> bool:
    """True when the user holds any of the roles, or is an administrator."""
    return is_admin(user) or bool(roles_of(user) & set(roles))


def is_ig_team(user) -> bool:
    return has_role(user, IG_TEAM)


def is_committee_only(user) -> bool:
    """A committee member with no staff role: sees aggregates, never named staff."""
    return has_role(user, COMMITTEE) and not has_role(user, *STAFF_ROLES)


def second_factor_required(user) -> bool:
    """Administrators (whoever may open the admin) and the IG team must use a second factor when
    OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM is on (as in production)."""
    return (settings.OTP_REQUIRED_FOR_ADMIN_AND_IG_TEAM and user.is_authenticated
            and (user.is_staff or has_role(user, IG_TEAM)))


def second_factor_missing(request) -> bool:
    """The user must use a second factor and this session was not verified with one (django-otp)."""
    return second_factor_required(request.user) and not request.user.is_verified()


@cache
def view_roles(url_name: str, *args) -> tuple[str, ...] | None:
    """The roles a page's view declares with role_required (None: any signed-in user), read from the
    view itself, so navigation, cards and links can never disagree with the check the view makes."""
    return getattr(resolve(reverse(url_name, args=args)).func, "igov_roles", None)


def may_open(user, url_name: str, *args) -> bool:
    """Whether the user's roles let them open the page named (its view's own declaration)."""
    allowed = view_roles(url_name, *args)
    if not user.is_authenticated or not user.is_active:
        return False
    return allowed is None or has_role(user, *allowed)


def require_role(user, *roles: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied("Your role does not give you access to this page.")


def role_required(*roles: str):
    """View decorator: anonymous visitors go to the login page, the wrong role gets 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        wrapped.igov_roles = roles
        return wrapped

    return decorator
