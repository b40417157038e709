"""The residual-score-over-time chart, drawn on the server as SVG (no JavaScript): this module
turns (date, score) points into coordinates; templates/risks/includes/residual_chart.html draws
them, with the same figures as a table beside it for screen readers and printing."""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from risks.models import MAX_SCORE, Bands

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 40


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_width: int = WIDTH - LEFT - RIGHT
    plot_height: int = HEIGHT - TOP - BOTTOM
    bottom: int = HEIGHT - BOTTOM
    bands: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    points: list = field(default_factory=list)
    path: str = ""


def _day(when) -> date:
    return when.date() if isinstance(when, datetime) else when


def residual_chart(points: list[tuple], today: date, bands: Bands) -> Chart | None:
    """points: (when, score), oldest first, as Risk.residual_over_time() gives them."""
    if not points:
        return None
    chart = Chart()
    start = _day(points[0][0])
    end = max(today, _day(points[-1][0]))
    if (end - start).days < 30:
        start = end - timedelta(days=30)
    span = (end - start).days

    def x(day: date) -> float:
        return round(LEFT + chart.plot_width * (day - start).days / span, 1)

    def y(score: float) -> float:
        return round(TOP + chart.plot_height * (1 - score / MAX_SCORE), 1)

    for band in bands:
        # each band's stripe runs from just above the previous band's top score to its own top
        low, high = band.min_score - 0.5, min(band.max_score + 0.5, MAX_SCORE)
        chart.bands.append({"y": y(high), "height": round(y(max(low, 0)) - y(high), 1), "band": band,
                            "label_y": round((y(high) + y(max(low, 0))) / 2 + 4, 1)})
    chart.y_ticks = [{"y": y(score), "label": score} for score in range(0, MAX_SCORE + 1, 5)]
    tick = date(start.year, 1 if start.month < 7 else 7, 1)
    while tick <= end:
        if tick >= start:
            chart.x_ticks.append({"x": x(tick), "label": tick.strftime("%b %Y")})
        tick = date(tick.year + (tick.month == 7), 7 if tick.month == 1 else 1, 1)
    segments = []
    for index, (when, score) in enumerate(points):
        day = _day(when)
        chart.points.append({"x": x(day), "y": y(score), "score": score, "date": day})
        # a step line: the score holds until the next change, then moves
        segments.append(f"H {x(day)} V {y(score)}" if index else f"M {x(day)} {y(score)}")
    segments.append(f"H {x(end)}")
    chart.path = " ".join(segments)
    return chart
