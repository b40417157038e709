"""Demo users: one per role, each with the password DEMO_PASSWORD."""
from django.contrib.auth.models import Group, User

from igov.accounts import roles

DEMO_PASSWORD = "igov-demo"

# username: (first name, last name, role or None for the administrator)
DEMO_USERS = {
    "officer": ("Priya", "Shah", roles.OFFICER),
    "igteam": ("Tom", "Jenkins", roles.IG_TEAM),
    "board": ("Margaret", "Okafor", roles.BOARD),
    "committee": ("David", "Hughes", roles.COMMITTEE),
    "admin": ("Sam", "Patel", None),
}


def seed(scale: int, today, stdout) -> None:
    for username, (first, last, role) in DEMO_USERS.items():
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.gov.uk"
        user.is_active = True
        user.is_superuser = user.is_staff = role is None
        if not user.check_password(DEMO_PASSWORD):  # a new salt would sign the user out
            user.set_password(DEMO_PASSWORD)
        user.save()
        if role:
            user.groups.set([Group.objects.get(name=role)])
    stdout.write(f"demo users: {', '.join(DEMO_USERS)} (password {DEMO_PASSWORD})")


def demo_officer(username: str, first: str, last: str) -> User:
    """A named officer for the registers' demo data (owners, IAOs): in the Officer group, with no
    usable password, since only the five demo users above sign in."""
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@example.gov.uk"})
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=roles.OFFICER))
    return user
