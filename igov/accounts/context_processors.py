from django.conf import settings
from django.urls import reverse

from igov.accounts import roles

# (label, url name, roles that see it) — the header's navigation, shown by role.
NAVIGATION = [
    ("Dashboard", "front:dashboard", roles.READERS),
    ("Actions", "actions:index", roles.READERS),
    ("Risks", "risks:index", (roles.OFFICER, roles.IG_TEAM, roles.COMMITTEE)),
    ("Assets", "assets:index", (roles.OFFICER, roles.IG_TEAM, roles.COMMITTEE)),
    ("Training", "training:index", (roles.OFFICER, roles.IG_TEAM, roles.COMMITTEE)),
    ("Committee", "committee:index", (roles.IG_TEAM, roles.BOARD, roles.COMMITTEE)),
    ("People", "people:list", (roles.IG_TEAM,)),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "council_name": settings.IGOV_COUNCIL_NAME}
    items = []
    for label, name, allowed in NAVIGATION:
        if roles.has_role(user, *allowed):
            url = reverse(name)
            current = request.path == url or (url != "/" and request.path.startswith(url))
            items.append({"label": label, "url": url, "current": current})
    return {"navigation": items, "is_admin": roles.is_admin(user), "council_name": settings.IGOV_COUNCIL_NAME}
