"""The action plan as a spreadsheet: the columns of the export, the import and the blank template.

An ICO audit report's own action plan imports as it comes (README "Importing registers"): its
"Recommendation reference", "Management response" (free text that starts "Accepted", "Partially
accepted" or "Not accepted"), "Responsible officer" and "Target date" are aliases of the columns
below. Rows go into the plan the importer chooses, matched within it by reference.
"""
from igov.imports.cells import BadValue
from igov.imports.columns import Choice, Date, Derived, Person, Text, Units, yes_no
from igov.imports.registers import Register

from .models import Action


def _same_plan(title: str, context) -> None:
    # An export of every plan names each row's plan: only the chosen plan's rows may come in.
    if title and title.casefold() != context.plan.title.casefold():
        raise BadValue(f"this row is from the plan “{title[:80]}”, not “{context.plan.title}”: filter the export "
                       "by plan, or import it into that plan")


COLUMNS = (
    Derived("Plan", get=lambda action, context: action.plan.title, check=_same_plan),
    Text("Reference", "reference", required=True, max_length=30, aliases=(
        "recommendation reference", "recommendation ref", "recommendation number", "recommendation no",
        "rec ref", "ref", "ref no", "no")),
    Text("Recommendation", "recommendation", aliases=("recommendations", "ico recommendation")),
    Choice("Management response", "response", choices=Action.Response, prefix=True,
           aliases=("response", "council response")),
    Text("Agreed action", "agreed_action", aliases=("agreed actions", "action", "actions", "planned action",
                                                    "action to be taken", "management action")),
    Choice("Scope area", "scope_area", choices=Action.ScopeArea, aliases=("scope", "area", "audit area")),
    Choice("Priority", "priority", choices=Action.Priority, aliases=("priority rating", "risk rating")),
    Person("Owner", "owner", named=True, aliases=(
        "action owner", "responsible officer", "responsible person", "responsibility", "responsible", "lead officer")),
    Units("Directorate", "unit"),
    Date("Original target date", "original_target_date", aliases=(
        "target date", "implementation date", "date for implementation", "due date", "deadline")),
    Date("Revised target date", "revised_target_date", aliases=("revised date",)),
    Text("Reason for revision", "revision_reason", aliases=("reason for the revised date",)),
    Choice("Status", "status", choices=Action.Status),
    Date("Completion date", "completion_date", aliases=("date completed", "completed on")),
    Derived("Overdue", get=lambda action, context: yes_no(action.is_overdue(context.today))),
    Derived("Days overdue", get=lambda action, context: action.days_overdue(context.today)),
    Derived("RAG", get=lambda action, context: action.rag(context.today).label),
    Derived("Signed off", get=lambda action, context: yes_no(action.is_signed_off)),
    Text("Evidence", "evidence", named=True),
    Text("Why superseded", "superseded_reason", aliases=("reason superseded",)),
    Text("Why withdrawn", "withdrawal_reason", aliases=("reason withdrawn",)),
    # Once the plan is agreed, a row that adds an action or re-words one needs its reason (Action.agreement_errors).
    Text("Why added since the plan was agreed", "addition_reason", aliases=("reason added", "why added")),
    Text("Why re-worded", "rewording_reason", aliases=("reason for re-wording", "why reworded")),
)

ACTIONS = Register(
    kind="actions", title="Actions", model=Action, columns=COLUMNS, needs_plan=True,
    scope=lambda context: Action.objects.filter(plan=context.plan).with_sign_off(),
    start=lambda context: Action(plan=context.plan),
    related=("plan", "owner", "unit__parent"), not_validated=("plan", "superseded_by"),
    notes=("Rows go into the plan you choose and are matched to its actions by reference.",
           "An ICO audit report's action plan imports as it is: “Recommendation reference”, “Responsible officer” "
           "and “Target date” are read as Reference, Owner and Original target date, and a management response "
           "that starts “Accepted”, “Partially accepted” or “Not accepted” is read as that response.",
           "Once a plan is agreed, a row that adds an action needs “Why added since the plan was agreed”, and a "
           "row that changes the recommendation or the agreed action needs a new “Why re-worded”: the addition is "
           "counted apart from the agreed recommendations."))
