from django import template
from django.utils.html import format_html

from igov.front.glossary import TERMS

register = template.Library()


@register.simple_tag
def abbr(term):
    """{% abbr "ICO" %} → <abbr title="Information Commissioner's Office">ICO</abbr>."""
    meaning = TERMS.get(term)
    if meaning is None:
        return term
    return format_html('<abbr title="{}">{}</abbr>', meaning, term)
