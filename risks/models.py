"""The information risk register: each risk scored (likelihood × impact), owned and reviewed.

The scales, the score bands and the council's risk appetite are data an administrator edits:
every council sets its own, and changing a band changes every page at once. Scores, bands,
"above appetite" and "review overdue" are derived on every read, never stored: each has one
definition on RiskQuerySet (for SQL) with the Python property beside it using the same rule.

As at a past moment, each rule is applied with the bands and appetite in force then (`Rules`,
read from their history): a band changed in March does not change February's figures.
"""
import calendar
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, Count, F, OuterRef, PositiveSmallIntegerField, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone

from igov.accounts import roles
from igov.lib import history as change_history
from igov.lib.dates import end_of, not_in_future
from igov.lib.history import HistoricalRecords
from igov.lib.versioning import Versioned, save_if_current
from igov.org.fields import FORMER, UNIT_HELP

SCALE = range(1, 6)  # likelihood and impact run 1–5: the 5×5 matrix the council's policy uses
MAX_SCORE = 25
SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (31 May − 3 months = 28 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


class Colour(models.TextChoices):
    """The colours a band may take. A fixed palette, not free hex codes: each has a text colour
    checked for WCAG AA contrast in frontend/igov.scss, and the CSP forbids inline styles."""

    GREEN = "green", "Green"
    YELLOW = "yellow", "Yellow"
    AMBER = "amber", "Amber"
    ORANGE = "orange", "Orange"
    RED = "red", "Red"
    PURPLE = "purple", "Purple"
    GREY = "grey", "Grey"


class ScaleLevel(models.Model):
    value = models.PositiveSmallIntegerField(unique=True, validators=SCALE_VALIDATORS, help_text="1 to 5.")
    name = models.CharField(max_length=50, help_text="For example “Likely”.")
    description = models.TextField(blank=True, help_text="What the level means, so scorers agree.")

    class Meta:
        abstract = True
        ordering = ["value"]

    def __str__(self):
        return f"{self.value} – {self.name}"


class LikelihoodLevel(ScaleLevel):
    history = HistoricalRecords(read_as_at=True)

    class Meta(ScaleLevel.Meta):
        verbose_name = "likelihood level"
        constraints = [models.CheckConstraint(condition=Q(value__gte=1, value__lte=5),
                                              name="likelihood_level_1_to_5")]


class ImpactLevel(ScaleLevel):
    history = HistoricalRecords(read_as_at=True)

    class Meta(ScaleLevel.Meta):
        verbose_name = "impact level"
        constraints = [models.CheckConstraint(condition=Q(value__gte=1, value__lte=5),
                                              name="impact_level_1_to_5")]


def scale_names() -> dict[str, dict[int, str]]:
    """{"likelihood": {value: name}, "impact": {value: name}}: both scales' names in one query."""
    rows = (LikelihoodLevel.objects.order_by().annotate(scale=Value("likelihood")).values_list("scale", "value", "name")
            .union(ImpactLevel.objects.order_by().annotate(scale=Value("impact")).values_list("scale", "value", "name"),
                   all=True))
    names = {"likelihood": {}, "impact": {}}
    for scale, value, name in rows:
        names[scale][value] = name
    return names


class ScoreBand(models.Model):
    """A range of scores shown with one label and colour, for example High 12–16."""

    label = models.CharField(max_length=30, unique=True, help_text="For example “High”.")
    min_score = models.PositiveSmallIntegerField("lowest score", validators=[MinValueValidator(1)])
    max_score = models.PositiveSmallIntegerField("highest score", validators=[MaxValueValidator(MAX_SCORE)])
    colour = models.CharField(max_length=10, choices=Colour.choices)
    history = HistoricalRecords(read_as_at=True)

    class Meta:
        ordering = ["min_score"]
        verbose_name = "score band"
        constraints = [
            models.CheckConstraint(condition=Q(min_score__gte=1, max_score__lte=MAX_SCORE,
                                               min_score__lte=F("max_score")),
                                   name="score_band_range_valid",
                                   violation_error_message="A band runs from a lowest to a highest score within 1–25."),
        ]

    def __str__(self):
        return f"{self.label} ({self.min_score}–{self.max_score})"

    def clean(self):
        if self.min_score and self.max_score:
            overlapping = ScoreBand.objects.exclude(pk=self.pk).filter(
                min_score__lte=self.max_score, max_score__gte=self.min_score)
            if overlapping.exists():
                raise ValidationError(f"The scores overlap the band {overlapping.first()}.")

    @property
    def css_class(self) -> str:
        return f"igov-band--{self.colour}"


class Bands:
    """The score bands, loaded once per page: band_for(score) without a query per risk. `bands`:
    the bands to use (those in force at a past moment); by default the bands now."""

    def __init__(self, bands=None):
        self.bands = list(ScoreBand.objects.all()) if bands is None else list(bands)

    def band_for(self, score: int | None) -> ScoreBand | None:
        return next((b for b in self.bands if score is not None and b.min_score <= score <= b.max_score), None)

    def __iter__(self):
        return iter(self.bands)


class RiskAppetite(models.Model):
    """How much risk the council will accept (HM Treasury's Orange Book levels), as the highest
    residual score it tolerates. A category's risks scoring above it are "above appetite"."""

    class Level(models.TextChoices):
        AVERSE = "averse", "Averse"
        MINIMAL = "minimal", "Minimal"
        CAUTIOUS = "cautious", "Cautious"
        OPEN = "open", "Open"
        EAGER = "eager", "Eager"

    level = models.CharField(max_length=10, choices=Level.choices, unique=True)
    max_residual_score = models.PositiveSmallIntegerField(
        "highest tolerated residual score", validators=[MinValueValidator(1), MaxValueValidator(MAX_SCORE)],
        help_text="A risk whose residual score is higher than this is above appetite. For example 6.")
    description = models.TextField(blank=True, help_text="The Orange Book's wording, or the council's own.")
    history = HistoricalRecords(read_as_at=True)

    class Meta:
        ordering = ["max_residual_score"]
        verbose_name = "risk appetite level"
        constraints = [models.CheckConstraint(condition=Q(max_residual_score__gte=1, max_residual_score__lte=MAX_SCORE),
                                              name="risk_appetite_score_1_to_25")]

    def __str__(self):
        return f"{self.get_level_display()} (up to {self.max_residual_score})"


class RiskCategory(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="For example “Information security”.")
    description = models.TextField(blank=True)
    appetite = models.ForeignKey(RiskAppetite, on_delete=models.PROTECT, related_name="categories",
                                 help_text="The council's appetite for risks of this category.")
    history = HistoricalRecords(read_as_at=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "risk category"
        verbose_name_plural = "risk categories"

    def __str__(self):
        return self.name


@dataclass(frozen=True)
class CategoryRule:
    """A category as it stood at one moment: its name and the appetite the council set for it."""

    pk: int
    name: str
    appetite_level: str
    appetite_score: int | None


@dataclass
class Rules:
    """The rules risks are judged by at one moment: the score bands, each category's appetite and
    the scales' names. `Rules.now()` reads the tables; `Rules.as_at(when)` reads them as they stood
    then, from their history (one query per table, whatever the history's depth). The scales' names
    are read only when a page asks for them (the heat map), not by reports that only count."""

    bands: Bands
    categories: dict[int, CategoryRule]
    when: datetime | None = None  # None: the tables now

    @classmethod
    def now(cls) -> "Rules":
        categories = {c.pk: CategoryRule(c.pk, c.name, c.appetite.get_level_display(), c.appetite.max_residual_score)
                      for c in RiskCategory.objects.select_related("appetite")}
        return cls(Bands(), categories)

    @classmethod
    def as_at(cls, when: datetime) -> "Rules":
        return cls.as_at_each([when])[0]

    @classmethod
    def as_at_each(cls, moments: list[datetime]) -> list["Rules"]:
        """The rules as they stood at each moment (a report's meeting and the one before), in two
        queries however many moments: each table's history as at every moment, one UNION ALL."""
        levels = dict(RiskAppetite.Level.choices)

        def union(parts):
            return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]

        def appetite(field, when):
            rows = change_history.state_at(RiskAppetite, when).filter(id=OuterRef("appetite_id"))
            return Subquery(rows.values(field)[:1])

        band_rows = union([change_history.state_at(ScoreBand, when).order_by().annotate(moment=Value(n)).values(
            "id", "label", "min_score", "max_score", "colour", "moment") for n, when in enumerate(moments)])
        category_rows = union([change_history.state_at(RiskCategory, when).order_by().annotate(
            appetite_level=appetite("level", when), appetite_score=appetite("max_residual_score", when),
            moment=Value(n)).values("id", "name", "appetite_level", "appetite_score", "moment")
            for n, when in enumerate(moments)])
        bands, categories = [[] for _ in moments], [{} for _ in moments]
        for band in band_rows:
            bands[band.pop("moment")].append(ScoreBand(**band))
        for c in category_rows:
            categories[c["moment"]][c["id"]] = CategoryRule(
                c["id"], c["name"], levels.get(c["appetite_level"], c["appetite_level"] or ""), c["appetite_score"])
        return [cls(Bands(sorted(b, key=lambda band: band.min_score)), categories[n], when)
                for n, (b, when) in enumerate(zip(bands, moments, strict=True))]

    @cached_property
    def likelihood(self) -> list:
        if self.when is None:
            return list(LikelihoodLevel.objects.all())
        return [r.instance for r in change_history.state_at(LikelihoodLevel, self.when).order_by("value")]

    @cached_property
    def impact_names(self) -> dict[int, str]:
        rows = ImpactLevel.objects.all() if self.when is None else change_history.state_at(ImpactLevel, self.when)
        return dict(rows.values_list("value", "name"))

    def appetite(self):
        """Each risk's highest tolerated residual score under these rules, in SQL (by category)."""
        return Case(*[When(category_id=pk, then=Value(c.appetite_score)) for pk, c in self.categories.items()],
                    default=Value(None), output_field=PositiveSmallIntegerField())


def score_of(likelihood: str, impact: str):
    return F(likelihood) * F(impact)


def review_base():
    """The date a review frequency runs from: the last review, or the date raised if never reviewed."""
    return Coalesce("last_reviewed", "raised_on")


def _band_of(score_field: str, column: str):
    return Subquery(ScoreBand.objects.filter(min_score__lte=OuterRef(score_field), max_score__gte=OuterRef(score_field))
                    .values(column)[:1])


class RiskQuerySet(models.QuerySet):
    @staticmethod
    def visible_q(user) -> Q:
        """IG team, administrators and the sign-off board: every risk; committee members: every risk,
        without names (the views choose what a member sees); officers: the risks they own. A Q, so a
        past position (read from the history) is scoped by the same rule."""
        if roles.has_role(user, roles.IG_TEAM, roles.BOARD) or roles.is_committee_only(user):
            return Q()
        if roles.has_role(user, roles.OFFICER):
            return Q(owner=user)
        return Q(pk__in=[])

    def visible_to(self, user):
        return self.filter(self.visible_q(user))

    def with_scores(self):
        """Each score as likelihood × impact, its band's label and colour, and the appetite limit."""
        return self.annotate(
            inherent_score=score_of("inherent_likelihood", "inherent_impact"),
            residual_score=score_of("residual_likelihood", "residual_impact"),
            target_score=score_of("target_likelihood", "target_impact"),
            appetite_score=F("category__appetite__max_residual_score"),
        ).annotate(
            residual_band_label=_band_of("residual_score", "label"),
            residual_band_colour=_band_of("residual_score", "colour"),
        )

    def open(self):
        return self.filter(status=Risk.Status.OPEN)

    @staticmethod
    def above_appetite_q(appetite=None) -> Q:
        """Open and its residual score higher than its category's appetite tolerates. `appetite`:
        the tolerated score as an expression (Rules.appetite(), for the rules at a past moment);
        by default the category's appetite now."""
        if appetite is None:
            appetite = F("category__appetite__max_residual_score")
        return Q(status=Risk.Status.OPEN, residual_score__gt=appetite)

    def above_appetite(self):
        return self.annotate(residual_score=score_of("residual_likelihood", "residual_impact")).filter(
            self.above_appetite_q())

    @staticmethod
    def review_overdue_q(today: date) -> Q:
        """Open and either past its set next review date, or (none set) its last review (or the
        date raised, if never reviewed) is more than its review frequency ago."""
        by_frequency = Q()
        for months in Risk.Frequency.values:
            by_frequency |= Q(review_frequency=months, review_base__lt=months_before(today, months))
        return Q(status=Risk.Status.OPEN) & (
            Q(next_review_on__lt=today) | (Q(next_review_on__isnull=True) & by_frequency))

    def with_review_base(self):
        return self.alias(review_base=review_base())

    def review_overdue(self, today: date):
        return self.with_review_base().filter(self.review_overdue_q(today))

    @staticmethod
    def band_q(band: ScoreBand, prefix="residual") -> Q:
        return Q(**{f"{prefix}_score__gte": band.min_score, f"{prefix}_score__lte": band.max_score})

    def summary(self, today: date) -> dict:
        """Counts of open risks, those above appetite and those overdue review: one query."""
        return self.with_review_base().annotate(
            residual_score=score_of("residual_likelihood", "residual_impact")).aggregate(
            open=Count("pk", filter=Q(status=Risk.Status.OPEN)),
            above_appetite=Count("pk", filter=self.above_appetite_q()),
            review_overdue=Count("pk", filter=self.review_overdue_q(today)),
        )

    def position(self, today: date, rules: "Rules | None" = None) -> "RiskPosition":
        """The register's position now (these risks, today's rules): the same figures, by the same
        rules, as Risk.position_as_at reads from the history for a past moment."""
        return risk_position(self, rules or Rules.now(), today)

    def furthest_above_appetite(self):
        """Open risks above appetite, the furthest above their category's tolerance first."""
        return self.with_scores().filter(self.above_appetite_q()).select_related("category__appetite").order_by(
            F("appetite_score") - F("residual_score"), "-residual_score", "reference")



class Risk(Versioned):
    """One information risk: what could go wrong, how likely and how bad, and what is done about it."""

    class Treatment(models.TextChoices):
        TREAT = "treat", "Treat"
        TOLERATE = "tolerate", "Tolerate"
        TRANSFER = "transfer", "Transfer"
        TERMINATE = "terminate", "Terminate"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Frequency(models.IntegerChoices):
        MONTHLY = 1, "Monthly"
        QUARTERLY = 3, "Quarterly"
        SIX_MONTHLY = 6, "Every six months"
        ANNUALLY = 12, "Annually"

    reference = models.CharField(max_length=20, unique=True, help_text="For example “IR-014”.")
    title = models.CharField(max_length=200, help_text="For example “Personal data emailed to the wrong recipient”.")
    cause = models.TextField(help_text="If… : what could happen and why. For example “If staff select the wrong "
                                       "address in Outlook’s autocomplete…”.")
    consequence = models.TextField(help_text="Then… resulting in… : the effect on people and the council. For "
                                             "example “…personal data is disclosed, resulting in harm, a complaint "
                                             "and an ICO investigation”.")
    category = models.ForeignKey(RiskCategory, on_delete=models.PROTECT, related_name="risks")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_risks",
                              help_text="The senior officer accountable for the risk.")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="risks",
                             verbose_name="directorate or service", help_text=UNIT_HELP)
    former_directorate = models.CharField(max_length=120, blank=True, editable=False, help_text=FORMER)
    former_service = models.CharField(max_length=120, blank=True, editable=False, help_text=FORMER)
    actions = models.ManyToManyField("actions.Action", blank=True, related_name="risks",
                                     verbose_name="related actions",
                                     help_text="Audit actions that treat this risk.")
    assets = models.ManyToManyField("assets.InformationAsset", blank=True, related_name="risks",
                                    verbose_name="information assets",
                                    help_text="The information assets this risk threatens.")
    inherent_likelihood = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS,
                                                           help_text="Before any controls, 1 (rare) to 5.")
    inherent_impact = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS,
                                                       help_text="Before any controls, 1 (negligible) to 5.")
    existing_controls = models.TextField(blank=True, help_text="What is in place today.")
    residual_likelihood = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS,
                                                           help_text="With the existing controls.")
    residual_impact = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS,
                                                       help_text="With the existing controls.")
    target_likelihood = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS,
                                                         help_text="Once the planned controls are in place.")
    target_impact = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS,
                                                     help_text="Once the planned controls are in place.")
    treatment = models.CharField(max_length=10, choices=Treatment.choices, default=Treatment.TREAT)
    planned_controls = models.TextField("planned further controls", blank=True,
                                        help_text="What will be done, by whom and when.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_on = models.DateField("date raised", validators=[not_in_future])
    last_reviewed = models.DateField("last review", null=True, blank=True, validators=[not_in_future],
                                     help_text="Set when a review is recorded.")
    review_frequency = models.PositiveSmallIntegerField(choices=Frequency.choices, default=Frequency.QUARTERLY)
    next_review_on = models.DateField(
        "next review date (if set)", null=True, blank=True,
        help_text="Leave blank to follow the review frequency from the last review.")
    history = HistoricalRecords(read_as_at=True)

    objects = RiskQuerySet.as_manager()

    # What a committee member never sees of a risk, anywhere (page, export, history): its owner; the
    # planned controls, whose text says who will do what ("by whom"); and its information assets,
    # whose register (and IAOs) is not theirs to open.
    NOT_FOR_MEMBERS = ("owner", "planned_controls", "assets")

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inherent_likelihood__range=(1, 5), inherent_impact__range=(1, 5),
                            residual_likelihood__range=(1, 5), residual_impact__range=(1, 5),
                            target_likelihood__range=(1, 5), target_impact__range=(1, 5)),
                name="risk_scores_1_to_5", violation_error_message="Likelihood and impact run from 1 to 5."),
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="risk_status_valid"),
            models.CheckConstraint(condition=Q(treatment__in=["treat", "tolerate", "transfer", "terminate"]),
                                   name="risk_treatment_valid"),
            models.CheckConstraint(condition=Q(review_frequency__in=[1, 3, 6, 12]), name="risk_frequency_valid"),
            # Controls only lower a risk: residual ≤ inherent, and the target no higher than the residual.
            models.CheckConstraint(
                condition=LessThanOrEqual(score_of("residual_likelihood", "residual_impact"),
                                          score_of("inherent_likelihood", "inherent_impact")),
                name="risk_residual_not_above_inherent",
                violation_error_message="The residual score cannot be higher than the inherent score."),
            models.CheckConstraint(
                condition=LessThanOrEqual(score_of("target_likelihood", "target_impact"),
                                          score_of("residual_likelihood", "residual_impact")),
                name="risk_target_not_above_residual",
                violation_error_message="The target score cannot be higher than the residual score."),
        ]
        indexes = [models.Index(fields=["status", "category"]), models.Index(fields=["owner", "status"])]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("risks:detail", args=[self.pk])

    def clean(self):
        """Controls only lower a risk (the same rules as the check constraints, with the scores in
        the message)."""
        errors = {}
        inherent, residual, target = (self.score_or_none(kind) for kind in ("inherent", "residual", "target"))
        if inherent is not None and residual is not None and residual > inherent:
            errors["residual_likelihood"] = (
                f"The residual score ({self.residual_likelihood} × {self.residual_impact} = {residual}) cannot be "
                f"higher than the inherent score ({self.inherent_likelihood} × {self.inherent_impact} = {inherent}): "
                "controls only lower a risk.")
        elif residual is not None and target is not None and target > residual:
            errors["target_likelihood"] = (
                f"The target score ({self.target_likelihood} × {self.target_impact} = {target}) cannot be higher "
                f"than the residual score ({self.residual_likelihood} × {self.residual_impact} = {residual}).")
        if errors:
            raise ValidationError(errors)

    def score_or_none(self, kind: str) -> int | None:
        likelihood, impact = getattr(self, f"{kind}_likelihood"), getattr(self, f"{kind}_impact")
        return likelihood * impact if likelihood and impact else None

    @property
    def inherent(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def residual(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def target(self) -> int:
        return self.target_likelihood * self.target_impact

    @property
    def is_above_appetite(self) -> bool:
        """Same rule as RiskQuerySet.above_appetite_q."""
        return self.status == self.Status.OPEN and self.residual > self.category.appetite.max_residual_score

    @property
    def next_review_due(self) -> date:
        if self.next_review_on:
            return self.next_review_on
        return months_after(self.last_reviewed or self.raised_on, self.review_frequency)

    def is_review_overdue(self, today: date) -> bool:
        """Same rule as RiskQuerySet.review_overdue_q."""
        if self.status != self.Status.OPEN:
            return False
        if self.next_review_on:
            return self.next_review_on < today
        return (self.last_reviewed or self.raised_on) < months_before(today, self.review_frequency)

    @classmethod
    def position_as_at(cls, when: datetime | date, scope: Q | None = None, cells: bool = True,
                       rules: Rules | None = None) -> "RiskPosition":
        """The register as it stood at the moment `when` (a date: the end of that day), read from
        the history and judged by the bands and appetite in force then, reviews overdue as judged
        on that day: a bounded number of queries whatever the history's depth (for committee
        reports and the risk index's `?on=`). `scope`: RiskQuerySet.visible_q(user); `cells`: False to
        leave the heat maps' cells out (a query fewer); `rules`: Rules.as_at(when), if already read."""
        if not isinstance(when, datetime):
            when = end_of(when)
        rows = change_history.state_at(cls, when).filter(scope or Q())
        return risk_position(rows, rules or Rules.as_at(when), timezone.localdate(when), cells)

    def history_records(self) -> list:
        """The risk's history, oldest first, with who made each change: one query."""
        return change_history.history_records(self)

    def residual_over_time(self, records=None) -> list[tuple]:
        """(when, residual score) at each change of the residual score, oldest first, read from
        the history, so every review (and every correction) shows."""
        points = []
        for record in records if records is not None else self.history_records():
            score = record.residual_likelihood * record.residual_impact
            if not points or points[-1][1] != score:
                points.append((record.history_date, score))
        return points

    def change_log(self, records=None, people=True) -> list[dict]:
        """Who changed what from what to what, newest first, read from the history (or from
        `records`, the history already loaded by `history_records`). `people=False`: for a committee
        member, with no one's name and none of the fields they do not see."""
        return change_history.change_log(self, records if records is not None else self.history_records(),
                                         people=people, hidden=() if people else self.NOT_FOR_MEMBERS)


class RiskReview(models.Model):
    """A review of a risk by its owner or the IG team: the residual scores it found and a note.
    The review's scores are the record of what the reviewer decided, kept as entered."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("date of review", validators=[not_in_future])
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(help_text="What was considered and what changed, for example “New DLP rule live”.")
    residual_likelihood = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS)
    residual_impact = models.PositiveSmallIntegerField(validators=SCALE_VALIDATORS)
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "risk review"
        constraints = [
            models.CheckConstraint(condition=Q(residual_likelihood__range=(1, 5), residual_impact__range=(1, 5)),
                                   name="risk_review_scores_1_to_5"),
        ]
        indexes = [models.Index(fields=["risk", "reviewed_on"])]

    def __str__(self):
        return f"Review of {self.risk.reference} on {self.reviewed_on:%d %B %Y}"

    @property
    def residual(self) -> int:
        return self.residual_likelihood * self.residual_impact


def risk_record_review(risk: Risk, *, reviewer, reviewed_on: date, note: str, residual_likelihood: int,
                       residual_impact: int, next_review_on: date | None, seen_version: int) -> RiskReview:
    """Record a review and move the risk's residual scores and review dates with it, in one
    transaction; refuses (EditConflict) if the risk changed since the reviewer opened it."""
    with transaction.atomic():
        review = RiskReview.objects.create(
            risk=risk, reviewer=reviewer, reviewed_on=reviewed_on, note=note,
            residual_likelihood=residual_likelihood, residual_impact=residual_impact)
        risk.residual_likelihood, risk.residual_impact = residual_likelihood, residual_impact
        if risk.last_reviewed is None or reviewed_on >= risk.last_reviewed:
            risk.last_reviewed = reviewed_on
            risk.next_review_on = next_review_on
        risk._change_reason = f"Review on {reviewed_on:%d %B %Y}"
        save_if_current(risk, seen_version)
    return review


@dataclass(frozen=True)
class BandCount:
    band: ScoreBand
    count: int


@dataclass(frozen=True)
class CategoryPosition:
    """One category's open risks, those above its appetite and those overdue review."""

    category: CategoryRule
    open: int
    above_appetite: int
    review_overdue: int


@dataclass(frozen=True)
class RiskPosition:
    """The register's position at one moment, as plain figures. Parts add up: total = open +
    closed; open = the open risks by residual band + those in no band = the residual heat map's
    cells; each of open, above appetite and reviews overdue = the sum over the categories."""

    on: date
    total: int
    open: int
    closed: int
    above_appetite: int
    review_overdue: int
    by_band: list[BandCount]
    unbanded: int
    by_category: list[CategoryPosition]
    residual_cells: dict[tuple[int, int], int]
    inherent_cells: dict[tuple[int, int], int]
    rules: Rules = field(compare=False, repr=False)

    @property
    def recorded(self) -> bool:
        """Whether any risk had been recorded by then."""
        return self.total > 0


def risk_position(rows, rules: Rules, today: date, cells: bool = True) -> RiskPosition:
    """The position of `rows` (risks now, or their history records as at a moment) judged by
    `rules`, reviews overdue as judged on `today`: two queries."""
    is_open = Q(status=Risk.Status.OPEN)
    bands = list(rules.bands)
    in_a_band = reduce(or_, (RiskQuerySet.band_q(band) for band in bands)) if bands else None
    rows = rows.alias(residual_score=score_of("residual_likelihood", "residual_impact"), review_base=review_base())
    per_category = list(rows.values("category").annotate(
        total=Count("pk"), open=Count("pk", filter=is_open),
        closed=Count("pk", filter=Q(status=Risk.Status.CLOSED)),
        above_appetite=Count("pk", filter=RiskQuerySet.above_appetite_q(rules.appetite())),
        review_overdue=Count("pk", filter=RiskQuerySet.review_overdue_q(today)),
        unbanded=Count("pk", filter=is_open & ~in_a_band if in_a_band else is_open),
        **{f"band_{i}": Count("pk", filter=is_open & RiskQuerySet.band_q(band)) for i, band in enumerate(bands)},
    ).order_by())
    residual, inherent = {}, {}
    heat = rows.filter(is_open).values("residual_likelihood", "residual_impact", "inherent_likelihood",
                                       "inherent_impact").annotate(n=Count("pk")).order_by()
    for cell in heat if cells else []:
        for kind, counts in (("residual", residual), ("inherent", inherent)):
            key = (cell[f"{kind}_likelihood"], cell[f"{kind}_impact"])
            counts[key] = counts.get(key, 0) + cell["n"]

    def total(key):
        return sum(row[key] for row in per_category)

    by_category = sorted(
        (CategoryPosition(rules.categories.get(row["category"]) or CategoryRule(row["category"], "(removed)", "", None),
                          row["open"], row["above_appetite"], row["review_overdue"]) for row in per_category),
        key=lambda c: c.category.name)
    return RiskPosition(
        on=today, total=total("total"), open=total("open"), closed=total("closed"),
        above_appetite=total("above_appetite"), review_overdue=total("review_overdue"),
        by_band=[BandCount(band, total(f"band_{i}")) for i, band in enumerate(bands)], unbanded=total("unbanded"),
        by_category=by_category, residual_cells=residual, inherent_cells=inherent, rules=rules)


@dataclass
class HeatMapCell:
    likelihood: int
    impact: int
    count: int
    band: ScoreBand | None

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass
class HeatMapRow:
    impact: int
    name: str
    cells: list[HeatMapCell]


def heat_map(counts: dict[tuple[int, int], int], bands: Bands, impact_names: dict[int, str]) -> list[HeatMapRow]:
    """Rows of cells, impact 5 at the top down to 1, likelihood 1 to 5 across (the layout of the
    council's risk policy): counts is (likelihood, impact) -> open risks (RiskPosition's cells)."""
    return [HeatMapRow(im, impact_names.get(im, ""),
                       [HeatMapCell(lk, im, counts.get((lk, im), 0), bands.band_for(lk * im)) for lk in SCALE])
            for im in reversed(SCALE)]
