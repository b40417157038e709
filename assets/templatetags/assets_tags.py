"""Template helpers for the asset register, and the link other registers show to its agreements."""
from django import template

from assets.models import DataSharingAgreement

register = template.Library()


@register.filter
def agreement_status(value) -> str:
    """The label of an agreement status value ("under_review" → "Under review")."""
    return DataSharingAgreement.Status(value).label if value in DataSharingAgreement.Status.values else value


@register.filter
def review_overdue_on(asset, today) -> bool:
    """{% if asset|review_overdue_on:today %}: the model's rule, not one written in the template."""
    return asset.is_review_overdue(today)


@register.inclusion_tag("assets/includes/action_agreements.html", takes_context=True)
def agreements_replacing(context, action):
    """On an action's page: the data sharing agreements recorded as replacing it (if any).

    Usage: {% load assets_tags %}{% agreements_replacing action %}"""
    user = context["request"].user
    agreements = DataSharingAgreement.objects.visible_to(user).replacing(action).order_by("reference")
    return {"agreements": list(agreements)}
