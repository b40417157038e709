"""Filters that show an action's derived state; the rules themselves are on the Action model."""
from django import template

from actions.models import Action

register = template.Library()

STATUS_TAGS = {
    Action.Status.NOT_STARTED: "govuk-tag--grey",
    Action.Status.IN_PROGRESS: "govuk-tag--blue",
    Action.Status.COMPLETED: "govuk-tag--green",
    Action.Status.SUPERSEDED: "govuk-tag--purple",
    Action.Status.WITHDRAWN: "govuk-tag--magenta",
}
RAG_TAGS = {
    Action.Rag.RED: "govuk-tag--red",
    Action.Rag.AMBER: "govuk-tag--orange",
    Action.Rag.GREEN: "govuk-tag--green",
    Action.Rag.AWAITING: "govuk-tag--yellow",
    Action.Rag.CLOSED: "govuk-tag--grey",
}


@register.filter
def status_tag(status) -> str:
    return STATUS_TAGS.get(status, "govuk-tag--grey")


@register.filter
def rag(action: Action, today) -> Action.Rag:
    return action.rag(today)


@register.filter
def rag_tag(rag_value) -> str:
    return RAG_TAGS.get(rag_value, "govuk-tag--grey")


@register.filter
def days_overdue(action: Action, today) -> int:
    return action.days_overdue(today)
