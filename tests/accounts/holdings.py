"""A person who holds records in every register, for the hand-over tests: what should move and what
should stay (a completed action, a closed risk, a terminated agreement keep their owner)."""
from datetime import date

from actions.models import Action, ActionPlan
from assets.models import DataSharingAgreement
from tests.assets.factories import make_agreement, make_asset
from tests.risks.factories import make_risk
from tests.training.factories import make_staff


def holdings(person, colleague, tag="") -> dict:
    """{name: record}: live records naming person in each register, and records that stay with them."""
    plan = ActionPlan.objects.create(title=f"ICO data protection audit {tag}", source_kind="ico_audit", lead=person)
    open_action = Action.objects.create(plan=plan, reference="A1", recommendation="Appoint a SIRO.", owner=person)
    started = Action.objects.create(plan=plan, reference="A2", recommendation="Train staff.", owner=person,
                                    status=Action.Status.IN_PROGRESS)
    done = Action.objects.create(plan=plan, reference="A3", recommendation="Publish a notice.", owner=person,
                                 status=Action.Status.COMPLETED, completion_date=date(2026, 1, 5))
    asset = make_asset(person, administrator=person)
    administered = make_asset(colleague, administrator=person)
    return {
        "plan": plan, "open_action": open_action, "started_action": started, "completed_action": done,
        "risk": make_risk(person), "closed_risk": make_risk(person, status="closed"),
        "asset": asset, "administered": administered,
        "agreement": make_agreement(lead_officer=person),
        "ended_agreement": make_agreement(lead_officer=person, status=DataSharingAgreement.Status.TERMINATED),
        "staff": make_staff(email=person.email.upper(), first_name=person.first_name, last_name=person.last_name),
    }


MOVING = ["plan", "open_action", "started_action", "risk", "asset", "administered", "agreement"]
STAYING = ["completed_action", "closed_risk", "ended_agreement"]
