from django import template
from django.utils.html import format_html

from igov.front.glossary import terms

register = template.Library()


@register.simple_tag
def abbr(term):
    """{% abbr "ICO" %} → <abbr title="Information Commissioner's Office">ICO</abbr>; a term not in the
    glossary is returned as it is."""
    meaning = terms().get(term)
    if meaning is None:
        return term
    return format_html('<abbr title="{}">{}</abbr>', meaning, term)
