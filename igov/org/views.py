"""The organisation's pages: the units, and one unit's whole position across the registers, with
links to each register's list filtered to the unit (shown only to roles that may open the list)."""
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from igov.accounts.roles import READERS, may_open, role_required
from igov.org.figures import unit_position
from igov.org.models import Unit


@role_required(*READERS)
def index(request):
    """Every directorate with its services, and how many are no longer in use."""
    units = Unit.objects.annotate(services_in_use=Count("services", filter=Q(services__in_use=True))).tree()
    return render(request, "org/index.html", {"units": units})


@role_required(*READERS)
def unit(request, code):
    """One directorate's or service's actions, risks, assets, agreements and training together."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    user = request.user
    links = {name: may_open(user, url) for name, url in (
        ("actions", "actions:list"), ("risks", "risks:list"), ("assets", "assets:asset_list"),
        ("agreements", "assets:agreement_list"))}
    links["training"] = may_open(user, "training:unit", unit.code)
    return render(request, "org/unit.html", {
        "unit": unit, "position": unit_position(unit, timezone.localdate()), "links": links,
        "services": list(unit.services.order_by("name")) if unit.is_directorate else []})
