"""One unit's position across the four registers, computed by each register's own figures (so a
unit's numbers are the numbers its filtered lists show): aggregates only, never a name."""
from dataclasses import dataclass
from datetime import date

from actions.models import Action, ActionPlan, StatusCounts
from assets.models import AgreementFigures, AssetFigures, DataSharingAgreement, InformationAsset
from igov.org.models import Unit
from risks.models import Risk
from training.models import ComplianceFigures, Course, StaffMember

AGREEMENT_WINDOW_DAYS = 90


@dataclass
class UnitPosition:
    unit: Unit
    on: date
    plans: list[tuple[ActionPlan, StatusCounts]]
    actions: StatusCounts
    risks: dict
    assets: AssetFigures
    agreements: AgreementFigures
    course: Course | None
    training: ComplianceFigures | None


def unit_position(unit: Unit, today: date) -> UnitPosition:
    """Every register's figures for the unit (a directorate with its services), in eight queries."""
    within = Unit.objects.within(unit).values("pk")
    actions = Action.objects.filter(unit__in=within)
    by_plan = actions.status_counts_by("plan_id", today)
    plans = ActionPlan.objects.in_bulk(list(by_plan))
    ordered = sorted(((plans[pk], counts) for pk, counts in by_plan.items()), key=lambda p: p[0].title)
    assets = InformationAsset.objects.filter(unit__in=within)
    agreements = DataSharingAgreement.objects.filter(pk__in=assets.values("agreements"))
    course = Course.objects.filter(launch_date__lte=today).with_counts_kept_on(today).main()
    training = None
    if course is not None:
        training = StaffMember.objects.figures(course, today, unit)
    return UnitPosition(
        unit=unit, on=today, plans=ordered, actions=StatusCounts.add([c for _p, c in ordered]),
        risks=Risk.objects.filter(unit__in=within).summary(today), assets=AssetFigures.of(assets, today),
        agreements=AgreementFigures.of(agreements, today, AGREEMENT_WINDOW_DAYS), course=course, training=training)
