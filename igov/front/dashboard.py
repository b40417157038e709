"""The dashboard's cards: each register's headline figures, computed from its own QuerySet rules
(never recounted here), for the registers the user's role may read."""
from dataclasses import dataclass, field

from django.urls import reverse

from igov.accounts import roles


@dataclass
class Card:
    title: str
    url: str
    summary: str = ""
    figures: list[tuple[str, int, str]] = field(default_factory=list)  # label, value, link or ""
    links: list[tuple[str, str]] = field(default_factory=list)


def actions_card(user, today) -> Card:
    from actions.models import Action

    counts = Action.objects.status_counts(today)
    card = Card("Audit actions", reverse("actions:index"),
                f"Of the {counts.total} actions, {counts.completed} have been completed, "
                f"{counts.in_progress} are in progress and {counts.not_started} are yet to be started; "
                f"{counts.superseded} superseded.")
    card.figures = [("Overdue", counts.overdue, "")]
    if roles.has_role(user, roles.BOARD):
        card.figures.append(("Completed, awaiting sign-off", Action.objects.awaiting_sign_off().count(),
                             reverse("actions:list") + "?sign_off=awaiting"))
    if roles.has_role(user, roles.OFFICER):
        card.links.append(("My actions", reverse("actions:mine")))
    return card


def risks_card(user, today) -> Card:
    from risks.models import Risk

    summary = Risk.objects.visible_to(user).summary(today)
    whose = "you own" if not (roles.is_ig_team(user) or roles.is_committee_only(user)) else "on the register"
    return Card("Information risks", reverse("risks:index"), f"Open risks {whose}: {summary['open']}.",
                [("Above the council's appetite", summary["above_appetite"], ""),
                 ("Reviews overdue", summary["review_overdue"], "")])


def assets_card(user, today) -> Card:
    from assets.models import register_summary

    position = register_summary(today)
    assets, agreements = position.assets, position.agreements
    # The worst cases first: sharing that goes on under an agreement past its expiry. Counts only,
    # linked to the filtered agreement list for the staff who may open it.
    staff = roles.has_role(user, roles.OFFICER, roles.IG_TEAM)
    lapsed = reverse("assets:agreement_list") + "?lapsed=yes"
    card = Card("Information assets", reverse("assets:index"),
                f"{assets.total} information assets; {agreements.total} data sharing agreements.",
                [("Safeguarding agreements expired but still marked active",
                  agreements.safeguarding_expired_but_active, lapsed + "&safeguarding=yes" if staff else ""),
                 ("All agreements expired but still marked active", agreements.expired_but_active,
                  lapsed if staff else ""),
                 ("Assets without an owner", assets.without_owner, ""),
                 ("Asset reviews overdue", assets.review_overdue, ""),
                 ("Agreements expiring in 90 days", agreements.expiring, "")])
    if roles.has_role(user, roles.OFFICER):
        card.links.append(("My assets", reverse("assets:my_assets")))
    return card


def training_card(user, today) -> Card:
    from training.models import council_summary

    summary = council_summary(today)
    if summary is None:
        return Card("Training", reverse("training:index"), "No mandatory course has been set up yet.")
    figures = summary["figures"]
    course = summary["course"]
    percent = "no one in scope" if figures.percent is None else f"{figures.percent}%"
    return Card("Training", reverse("training:index"),
                f"{course.name}: {percent} of staff in scope have a valid completion "
                f"(target {figures.target}%).",
                [("Still to complete", figures.still_to_complete, ""),
                 ("Completed since launch", summary["since_launch"], "")])


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
