from django import template

from igov.accounts.people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """{{ action.owner|person|default:"Unassigned" }}: a person named as everywhere else in igov
    (full name, else username); empty for no one, so `default` can say what that means."""
    return person_name(user) if user else ""
