from django.conf import settings
from django.urls import reverse

from igov.accounts import roles

# (label, url name) — the header's navigation: each item shown to whoever its view lets in.
NAVIGATION = [
    ("Dashboard", "front:dashboard"),
    ("Actions", "actions:index"),
    ("Risks", "risks:index"),
    ("Assets", "assets:index"),
    ("Training", "training:index"),
    ("Organisation", "org:index"),
    ("Committee", "committee:index"),
    ("People", "people:list"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "council_name": settings.IGOV_COUNCIL_NAME}
    items = []
    for label, name in NAVIGATION:
        if roles.may_open(user, name):
            url = reverse(name)
            current = request.path == url or (url != "/" and request.path.startswith(url))
            items.append({"label": label, "url": url, "current": current})
    return {"navigation": items, "is_admin": roles.is_admin(user), "council_name": settings.IGOV_COUNCIL_NAME}
