"""Filters for committee reports, whose figures are plain JSON data (ISO dates, numbers)."""
import re
from datetime import date

from django import template
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 14, 10, 130, 400


@register.filter
def isodate(value):
    """"2016-10-24" → "24 October 2016" ("" for none or a malformed value)."""
    if not value:
        return ""
    try:
        return formats.date_format(date.fromisoformat(str(value)), "j F Y")
    except ValueError:
        return ""


@register.filter
def signed(change):
    """A change as members read it: +39, −5 (a true minus sign), 0."""
    if change is None:
        return ""
    if change > 0:
        return f"+{change:g}" if isinstance(change, float) else f"+{change}"
    if change < 0:
        return f"\u2212{abs(change):g}" if isinstance(change, float) else f"\u2212{abs(change)}"
    return "0"


@register.simple_tag
def bars(rows, since=None):
    """The geometry of a horizontal bar chart of `rows` (a register's table rows): one bar per row
    at the meeting and, if there was a previous meeting, a thinner one for then. Widths are in
    proportion to the largest value; the chart's table beside it carries the same figures as text."""
    rows = [r for r in rows if r.get("key") not in ("total", "overdue")]  # the parts, not their sum or overlaps
    values = [r["now"] or 0 for r in rows] + [r["before"] or 0 for r in rows if since]
    largest = max(values + [1])
    scale = (CHART_WIDTH - LABEL_WIDTH - 50) / largest
    step = BAR_HEIGHT * (2 if since else 1) + GAP
    shapes = []
    top = 20 if since else 4  # room for the legend
    for i, r in enumerate(rows):
        y = top + i * step
        shape = {"label": r["label"], "y": y, "text_y": y + BAR_HEIGHT - 3, "now": r["now"] or 0,
                 "now_width": max(round((r["now"] or 0) * scale), 1 if r["now"] else 0)}
        if since:
            shape.update(before=r["before"] or 0, before_y=y + BAR_HEIGHT, before_text_y=y + 2 * BAR_HEIGHT - 3,
                         before_width=max(round((r["before"] or 0) * scale), 1 if r["before"] else 0))
        shapes.append(shape)
    return {"shapes": shapes, "height": top + len(rows) * step + 4, "width": CHART_WIDTH, "label_width": LABEL_WIDTH,
            "bar_x": LABEL_WIDTH + 4, "bar_height": BAR_HEIGHT}


@register.filter
def glossed(text, glossary):
    """The text, escaped, with each acronym the glossary explains marked up as <abbr title="…">."""
    text = escape(text or "")
    if not glossary:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(glossary, key=len, reverse=True)) + r")\b")
    return mark_safe(pattern.sub(  # noqa: S308 - the text is escaped above, the glossary's meaning too
       lambda m: f'<abbr title="{escape(glossary[m.group(1)])}">{m.group(1)}</abbr>', text))
