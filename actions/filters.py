import django_filters
from django.contrib.auth import get_user_model

from actions.models import Action, ActionPlan, ActionQuerySet
from igov.accounts.people import person_name
from igov.accounts.roles import is_committee_only
from igov.lib.filters import PersonFilter, RegisterFilterSet
from igov.org.filters import UnitFilter


class ActionFilter(RegisterFilterSet):
    """The action list's filters, applied to a queryset already scoped by visible_to(user)."""

    OUTSTANDING = "outstanding"
    TIMING = [("overdue", "Overdue"), ("due_soon", "Due in the next 30 days"), ("not_overdue", "Not overdue")]
    SIGN_OFF = [("awaiting", "Completed, awaiting sign-off"), ("signed", "Signed off")]
    AGREEMENT = [("agreed", "Agreed with the auditor"), ("added", "Added since the plan was agreed")]

    q = django_filters.CharFilter(method="search", label="Search",
                                  help_text="Reference, recommendation, agreed action or evidence")
    plan = django_filters.ModelChoiceFilter(queryset=ActionPlan.objects.order_by("title"), empty_label="All plans")
    status = django_filters.ChoiceFilter(
        choices=[(OUTSTANDING, "Outstanding (not started or in progress)"), *Action.Status.choices],
        method="filter_status", empty_label="Any status")
    priority = django_filters.ChoiceFilter(choices=Action.Priority.choices, empty_label="Any priority")
    owner = PersonFilter(queryset=get_user_model().objects.filter(owned_actions__isnull=False).distinct()
                        .order_by("last_name", "first_name"), empty_label="Anyone")
    unit = UnitFilter()
    scope_area = django_filters.ChoiceFilter(choices=Action.ScopeArea.choices, empty_label="Any scope area")
    overdue = django_filters.ChoiceFilter(choices=TIMING, method="filter_overdue", label="Target date",
                                          empty_label="Any target date")
    sign_off = django_filters.ChoiceFilter(choices=SIGN_OFF, method="filter_sign_off", label="Sign-off",
                                           empty_label="Any")
    agreement = django_filters.ChoiceFilter(choices=AGREEMENT, method="filter_agreement", label="Agreed or added",
                                            empty_label="Either")
    sort = django_filters.OrderingFilter(
        fields=[("plan__title", "plan"), ("reference", "reference"), ("priority_rank", "priority"),
                ("status", "status"), ("owner__last_name", "owner"), ("target", "target")],
        field_labels={"plan__title": "Plan", "reference": "Reference", "priority_rank": "Priority",
                      "status": "Status", "owner__last_name": "Owner", "target": "Target date"},
        label="Sort by", empty_label="Plan and reference")
    # A committee member's list names nobody: no choice of owner, no sorting by owner's name.
    member_sort = django_filters.OrderingFilter(
        fields=[("plan__title", "plan"), ("reference", "reference"), ("priority_rank", "priority"),
                ("status", "status"), ("unit__name", "service"), ("target", "target")],
        field_labels={"plan__title": "Plan", "reference": "Reference", "priority_rank": "Priority",
                      "status": "Status", "unit__name": "Service", "target": "Target date"},
        label="Sort by", empty_label="Plan and reference", field_name="sort")

    default_order = ["plan__title", "reference"]
    search_fields = ("reference", "recommendation", "agreed_action", "evidence")

    class Meta:
        model = Action
        fields = ["q", "plan", "status", "priority", "owner", "unit", "scope_area", "overdue", "sign_off", "agreement"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        member_sort = self.filters.pop("member_sort")
        if request is not None and is_committee_only(request.user):
            del self.filters["owner"]
            self.filters["sort"] = member_sort

    def title(self) -> str:
        """What the list shows, in words from the filters applied: “Overdue actions in ICO data
        protection audit”, “Actions awaiting sign-off”; “All actions” when none is."""
        if not self.is_bound or not self.form.is_valid():
            return "All actions"
        chosen = self.form.cleaned_data
        before, after = [], []
        status = chosen.get("status")
        if status == self.OUTSTANDING:
            before.append("outstanding")
        elif status:
            after.append(Action.Status(status).label.lower())
        timing = chosen.get("overdue")
        if timing == "overdue":
            before.append("overdue")
        elif timing:
            after.append(dict(self.TIMING)[timing].lower())
        if chosen.get("priority"):
            before.append(f"{Action.Priority(chosen['priority']).label.lower()}-priority")
        after += [{"awaiting": "awaiting sign-off", "signed": "signed off"}[chosen["sign_off"]]] if chosen.get(
            "sign_off") else []
        after += [dict(self.AGREEMENT)[chosen["agreement"]].lower()] if chosen.get("agreement") else []
        if chosen.get("scope_area"):
            after.append(f"on {Action.ScopeArea(chosen['scope_area']).label.lower()}")
        if chosen.get("owner"):
            after.append(f"owned by {person_name(chosen['owner'])}")
        after += [f"in {chosen[name]}" for name in ("unit", "plan") if chosen.get(name)]
        if chosen.get("q"):
            after.append(f"matching “{chosen['q']}”")
        if not before and not after:
            return "All actions"
        text = " ".join([*before, "actions", *after])
        return text[0].upper() + text[1:]

    def filter_status(self, queryset, name, value):
        if value == self.OUTSTANDING:
            return queryset.outstanding()
        return queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue(self.today)
        if value == "due_soon":
            return queryset.due_soon(self.today)
        return queryset.exclude(ActionQuerySet.overdue_q(self.today))

    def filter_sign_off(self, queryset, name, value):
        if value == "signed":
            return queryset.filter(is_signed_off=True)
        return queryset.awaiting_sign_off()


    def filter_agreement(self, queryset, name, value):
        return queryset.filter(added_after_agreement=value == "added")
