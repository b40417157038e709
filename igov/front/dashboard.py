"""The dashboard's cards: each register's headline figures, computed from its own QuerySet rules
(never recounted here), for the registers the user's role may read."""
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from igov.accounts import roles


@dataclass
class Card:
    title: str
    url: str
    summary: str = ""
    figures: list[tuple[str, int, str]] = field(default_factory=list)  # label, value, link or ""
    links: list[tuple[str, str]] = field(default_factory=list)
    sentences: list[tuple[str, str, str]] = field(default_factory=list)  # heading, link, sentence


def listed(url_name: str, **query) -> str:
    """The link to a register's list filtered as a figure counts (the list shows that many rows)."""
    return reverse(url_name) + ("?" + urlencode(query) if query else "")


def actions_card(user, today) -> Card:
    """Each plan's own sentence (the ICO's first), never a merged total; an officer's own actions
    beside the council's; every figure a link to the list it counts."""
    from django.db.models import Count, Q

    from actions.models import Action, ActionPlan, ActionQuerySet, PlanPosition

    positions = Action.positions_as_at(None)
    plans = sorted(ActionPlan.objects.filter(pk__in=list(positions)),
                   key=lambda p: (p.source_kind != ActionPlan.SourceKind.ICO_AUDIT,
                                  -(p.report_date or date.min).toordinal(), p.title))
    card = Card("Audit actions", reverse("actions:index"))
    card.sentences = [(plan.title, plan.get_absolute_url(), positions.get(plan.pk, PlanPosition.none()).full_sentence())
                      for plan in plans]
    if roles.has_role(user, roles.OFFICER):
        mine = Action.objects.owned_by(user).status_counts(today)
        card.figures += [("Your actions outstanding", mine.outstanding, listed("actions:list", owner=user.pk,
                                                                               status="outstanding")),
                         ("Your actions overdue", mine.overdue, listed("actions:list", owner=user.pk,
                                                                       overdue="overdue"))]
        card.links.append(("My actions", reverse("actions:mine")))
    # Every action, the agreed sets' and those added since (which the plans' sentences count apart),
    # as the lists the figures link to show them.
    everything = Action.objects.with_sign_off().aggregate(
        overdue=Count("pk", filter=ActionQuerySet.overdue_q(today)),
        awaiting=Count("pk", filter=Q(status=Action.Status.COMPLETED, is_signed_off=False)))
    card.figures.append(("Overdue, all plans", everything["overdue"], listed("actions:list", overdue="overdue")))
    if roles.has_role(user, roles.BOARD, roles.IG_TEAM):
        card.figures.append(("Completed, awaiting sign-off", everything["awaiting"],
                             listed("actions:list", sign_off="awaiting")))
    return card


def risks_card(user, today) -> Card:
    """Open risks, those above appetite and reviews overdue, each a link to the register filtered so;
    an officer's are the risks they own, with the council's figure beside."""
    from risks.models import Risk

    summary = Risk.objects.visible_to(user).summary(today)
    own = not (roles.is_ig_team(user) or roles.is_committee_only(user) or roles.has_role(user, roles.BOARD))
    whose = "you own" if own else "on the register"
    card = Card("Information risks", reverse("risks:index"), f"Open risks {whose}: {summary['open']}.",
                [("Open", summary["open"], listed("risks:list", status="open")),
                 ("Above the council's appetite", summary["above_appetite"],
                  listed("risks:list", above_appetite="true")),
                 ("Reviews overdue", summary["review_overdue"], listed("risks:list", review_overdue="true"))])
    if own:
        council = Risk.objects.summary(today)
        card.figures.append(("Open risks, whole council", council["open"], ""))
    return card


def assets_card(user, today) -> Card:
    from assets.models import InformationAsset, register_summary

    position = register_summary(today)
    assets, agreements = position.assets, position.agreements
    # The worst cases first: sharing that goes on under an agreement past its expiry. Counts only,
    # linked to the filtered lists for the staff who may open them.
    staff = roles.may_open(user, "assets:asset_list")

    def link(url_name, **query):
        return listed(url_name, **query) if staff else ""

    card = Card("Information assets", reverse("assets:index"),
                f"{assets.total} information assets; {agreements.total} data sharing agreements.")
    if roles.has_role(user, roles.OFFICER):
        yours = InformationAsset.objects.filter(owner=user).review_overdue(today).count()
        card.figures.append(("Reviews overdue on assets you own", yours, link("assets:asset_list", owner=user.pk,
                                                                              review="overdue")))
        card.links.append(("My assets", reverse("assets:my_assets")))
    card.figures += [
        ("Safeguarding agreements expired but still marked active", agreements.safeguarding_expired_but_active,
         link("assets:agreement_list", lapsed="yes", safeguarding="yes")),
        ("All agreements expired but still marked active", agreements.expired_but_active,
         link("assets:agreement_list", lapsed="yes")),
        ("Assets without an owner", assets.without_owner, link("assets:asset_list", owner="null")),
        ("Asset reviews overdue", assets.review_overdue, link("assets:asset_list", review="overdue")),
        ("Agreements expiring in 90 days", agreements.expiring, link("assets:agreement_list", expiring="90"))]
    return card


def training_card(user, today) -> Card:
    """The council's compliance; an officer's own service first, linked to its list of names."""
    from igov.org.models import Unit
    from training.models import StaffMember, council_summary, own_units

    summary = council_summary(today)
    if summary is None:
        return Card("Training", reverse("training:index"), "No mandatory course has been set up yet.")
    figures = summary["figures"]
    course = summary["course"]
    percent = "no one in scope" if figures.percent is None else f"{figures.percent}%"
    card = Card("Training", reverse("training:index"),
                f"{course.name}: {percent} of staff in scope have a valid completion "
                f"(target {figures.target}%).",
                [("Still to complete, whole council", figures.still_to_complete, ""),
                 ("Completed since launch", summary["since_launch"], "")])
    if roles.has_role(user, roles.OFFICER):
        for unit in Unit.objects.filter(pk__in=own_units(user)).order_by("name"):
            service = StaffMember.objects.figures(course, today, unit)
            card.figures.insert(0, (f"Still to complete in {unit.name}", service.still_to_complete,
                                    reverse("training:unit", args=[unit.code])))
    return card


def data_quality_card(user, today) -> Card:
    """What the IG team must put right in the registers: records still held by people who have left
    (the same count the people list's leavers add up to)."""
    from igov.accounts.handover import held_by_leavers

    held = held_by_leavers(today)
    return Card("Data quality", reverse("people:list"),
                "Records that need a new owner because the person named on them has left.",
                [("Records held by people who have left", held, reverse("people:list") + "?left=1")])


# (card builder, the page it leads to) — each card shown to whoever that page's view lets in.
CARDS = [
    (actions_card, "actions:index"),
    (risks_card, "risks:index"),
    (assets_card, "assets:index"),
    (training_card, "training:index"),
    (data_quality_card, "people:list"),
]


def cards_for(user, today) -> list[Card]:
    return [build(user, today) for build, page in CARDS if roles.may_open(user, page)]
