"""The information asset register (assets, their owners) and data sharing (partners, agreements).

Derived dates are computed, never stored: an asset's next review is its last review (or, never
reviewed, the day it was added) plus 12 months unless someone set a date; an agreement expires at
its end date, or its start plus its term, and is due for review 12 months after its last review (or
its start). Each rule is written
once, as a SQL expression on the QuerySet, and mirrored by `add_months` for one loaded row.
"""
import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from igov.accounts.people import person_name
from igov.accounts.roles import IG_TEAM, OFFICER, has_role
from igov.lib.dates import not_in_future
from igov.lib.history import HistoricalRecords, state_at
from igov.lib.versioning import Versioned, save_if_current
from igov.org.fields import FORMER, UNIT_HELP

REVIEW_MONTHS = 12


def add_months(day: date | None, months: int) -> date | None:
    """The same day `months` later, or the month's last day when it has no such day (29 Feb)."""
    if day is None:
        return None
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class AddMonths(models.Func):
    """SQL for add_months(date, months) on SQLite and PostgreSQL, with the same month-end rule."""

    output_field = models.DateField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        day, months = (compiler.compile(e) for e in self.source_expressions)
        # SQLite rolls 29 Feb + 12 months over to 1 Mar; when the day of the month changed, take
        # the last day of the intended month instead, as PostgreSQL and add_months do.
        pieces = ["CASE WHEN ", day, " IS NULL THEN NULL WHEN strftime('%%d', date(", day, ", '+' || (", months,
                  ") || ' months')) = strftime('%%d', ", day, ") THEN date(", day, ", '+' || (", months,
                  ") || ' months') ELSE date(", day, ", 'start of month', '+' || ((", months,
                  ") + 1) || ' months', '-1 day') END"]
        sql, params = "", []
        for piece in pieces:
            if isinstance(piece, str):
                sql += piece
            else:
                sql += piece[0]
                params.extend(piece[1])
        return sql, params

    def as_postgresql(self, compiler, connection, **extra):
        (day, day_params), (months, months_params) = (compiler.compile(e) for e in self.source_expressions)
        return (f"(({day}) + make_interval(months => ({months})::integer))::date",
                [*day_params, *months_params])


class InformationAssetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The whole register for officers and the IG team; nothing for anyone else (committee
        members see counts only, through the summaries)."""
        if has_role(user, OFFICER, IG_TEAM):
            return self
        return self.none()

    @staticmethod
    def next_review_expression():
        """The date set on the asset, else 12 months after the last review, else (never reviewed) 12
        months after it was added, as SQL on the asset's table or on its history (the dates in force then)."""
        return Coalesce("next_review_on", AddMonths(Coalesce("last_reviewed", TruncDate("created")),
                                                    Value(REVIEW_MONTHS)))

    def with_next_review(self):
        """Annotates next_review (next_review_expression)."""
        return self.annotate(next_review=self.next_review_expression())

    @staticmethod
    def overdue_condition(today: date) -> Q:
        """The rule, on rows annotated by with_next_review(): next review before today.
        InformationAsset.is_review_overdue is the same rule for one loaded row."""
        return Q(next_review__lt=today)

    # Never reviewed, and its first review (a year after it was added, or the date set) is overdue.
    NEVER_REVIEWED = Q(last_reviewed__isnull=True)

    def review_overdue(self, today: date):
        """Assets whose next review is before today (never reviewed: a year after they were added)."""
        return self.with_next_review().filter(self.overdue_condition(today))

    NO_OWNER = Q(owner__isnull=True)

    def without_owner(self):
        return self.filter(self.NO_OWNER)

    def reassign_to(self, successor, by=None, reason="") -> int:
        """Hands every asset in the queryset to successor: one save (and one history entry, made
        by `by`) per asset, so each asset's history shows who moved it and from whom."""
        moved = 0
        for asset in self.select_related("owner").select_for_update(of=("self",)):
            if asset.owner_id == successor.pk:
                continue
            previous = person_name(asset.owner) if asset.owner else "no owner"
            asset.owner = successor
            asset._change_reason = (reason or f"Reassigned from {previous} to {person_name(successor)}")[:100]
            if by is not None:
                asset._history_user = by
            asset.save()
            moved += 1
        return moved


class InformationAsset(Versioned):
    """A body of information the council holds and must manage: a system, a file series, a record set."""

    class Format(models.TextChoices):
        ELECTRONIC = "electronic", "Electronic"
        PAPER = "paper", "Paper"
        BOTH = "both", "Electronic and paper"

    class LawfulBasis(models.TextChoices):
        """UK GDPR Article 6(1)."""
        CONSENT = "consent", "6(1)(a) Consent"
        CONTRACT = "contract", "6(1)(b) Contract"
        LEGAL_OBLIGATION = "legal_obligation", "6(1)(c) Legal obligation"
        VITAL_INTERESTS = "vital_interests", "6(1)(d) Vital interests"
        PUBLIC_TASK = "public_task", "6(1)(e) Public task"
        LEGITIMATE_INTERESTS = "legitimate_interests", "6(1)(f) Legitimate interests"

    class SpecialCategoryCondition(models.TextChoices):
        """UK GDPR Article 9(2)."""
        EXPLICIT_CONSENT = "explicit_consent", "9(2)(a) Explicit consent"
        EMPLOYMENT = "employment", "9(2)(b) Employment, social security and social protection"
        VITAL_INTERESTS = "vital_interests", "9(2)(c) Vital interests"
        NOT_FOR_PROFIT = "not_for_profit", "9(2)(d) Not-for-profit bodies"
        MADE_PUBLIC = "made_public", "9(2)(e) Made public by the data subject"
        LEGAL_CLAIMS = "legal_claims", "9(2)(f) Legal claims or judicial acts"
        SUBSTANTIAL_PUBLIC_INTEREST = "substantial_public_interest", "9(2)(g) Substantial public interest"
        HEALTH_SOCIAL_CARE = "health_social_care", "9(2)(h) Health or social care"
        PUBLIC_HEALTH = "public_health", "9(2)(i) Public health"
        ARCHIVING_RESEARCH = "archiving_research", "9(2)(j) Archiving, research and statistics"

    class Classification(models.TextChoices):
        OFFICIAL = "official", "OFFICIAL"
        OFFICIAL_SENSITIVE = "official_sensitive", "OFFICIAL-SENSITIVE"

    class Criticality(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    reference = models.CharField(max_length=20, unique=True, help_text="For example IA-0042.")
    name = models.CharField(max_length=200, help_text="For example “Children’s social care case records”.")
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="owned_information_assets", verbose_name="Information Asset Owner (IAO)",
        help_text="The senior officer accountable for the asset.")
    administrator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="administered_information_assets", verbose_name="Information Asset Administrator",
        help_text="Looks after the asset day to day for its owner.")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, related_name="information_assets",
                             verbose_name="directorate or service", help_text=UNIT_HELP)
    former_directorate = models.CharField(max_length=120, blank=True, editable=False, help_text=FORMER)
    former_service = models.CharField(max_length=120, blank=True, editable=False, help_text=FORMER)
    format = models.CharField(max_length=20, choices=Format, default=Format.ELECTRONIC)
    system_or_location = models.CharField(
        "system or location", max_length=200, blank=True,
        help_text="For example “Liquidlogic LCS” or “Basement archive, Civic Centre”.")
    personal_data = models.BooleanField("holds personal data", default=False)
    special_category_data = models.BooleanField(
        "holds special category data", default=False,
        help_text="Health, ethnicity, religion, sexual orientation and the other UK GDPR Article 9 categories.")
    data_subjects = models.CharField(max_length=200, blank=True,
                                     help_text="For example “Children in need and their families”.")
    lawful_basis = models.CharField("lawful basis (Article 6)", max_length=30, choices=LawfulBasis, blank=True)
    special_category_condition = models.CharField(
        "condition for special category data (Article 9)", max_length=40,
        choices=SpecialCategoryCondition, blank=True)
    retention_period = models.CharField(max_length=100, blank=True,
                                        help_text="For example “25 years from the child’s date of birth”.")
    retention_rule = models.CharField(
        max_length=200, blank=True,
        help_text="The retention schedule entry it follows, for example “LGA 2.3 Children’s social care”.")
    classification = models.CharField("security classification", max_length=20, choices=Classification,
                                      default=Classification.OFFICIAL)
    criticality = models.CharField("business criticality", max_length=10, choices=Criticality,
                                   default=Criticality.MEDIUM)
    # Dates of things that have happened cannot be in the future: a future last review would push the
    # next one out and hide an overdue review.
    last_reviewed = models.DateField("last review", null=True, blank=True, validators=[not_in_future])
    next_review_on = models.DateField(
        "next review", null=True, blank=True,
        help_text="Leave blank for the annual review, 12 months after the last one.")
    created = models.DateTimeField(
        "added", default=timezone.now, editable=False,
        help_text="When the asset was added to the register: its first review falls due a year later.")
    history = HistoricalRecords(read_as_at=True)

    objects = InformationAssetQuerySet.as_manager()

    class Meta:
        verbose_name = "information asset"
        ordering = ["reference"]
        indexes = [models.Index(fields=["last_reviewed"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(special_category_data=False) | Q(personal_data=True),
                name="assets_special_category_is_personal_data",
                violation_error_message="Special category data is personal data: tick “holds personal data” too.",
            ),
            models.CheckConstraint(
                condition=Q(personal_data=False) | ~Q(lawful_basis=""),
                name="assets_personal_data_needs_lawful_basis",
                violation_error_message="An asset holding personal data needs its lawful basis (Article 6).",
            ),
            models.CheckConstraint(
                condition=Q(special_category_data=False) | ~Q(special_category_condition=""),
                name="assets_special_category_needs_condition",
                violation_error_message="Special category data needs its Article 9 condition.",
            ),
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True) | Q(last_reviewed__isnull=True)
                | Q(next_review_on__gt=F("last_reviewed")),
                name="assets_next_review_after_last",
                violation_error_message="The next review must be after the last review.",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}"

    def get_absolute_url(self):
        return reverse("assets:asset_detail", args=[self.pk])

    @property
    def next_review(self) -> date | None:
        # A row loaded through with_next_review() carries the database's answer; the same rule here.
        if "next_review" in self.__dict__:
            return self.__dict__["next_review"]
        first = self.last_reviewed or (timezone.localdate(self.created) if self.created else None)
        return self.next_review_on or add_months(first, REVIEW_MONTHS)

    @next_review.setter
    def next_review(self, value):
        self.__dict__["next_review"] = value

    def is_review_overdue(self, today: date) -> bool:
        return self.next_review is not None and self.next_review < today

    def confirm_review(self, today: date, *, seen_version: int, by=None) -> None:
        """The IAO's annual confirmation: reviewed, nothing changed. The next review moves a year on.
        Refused (EditConflict) if the asset changed since the IAO opened it: they confirmed what they saw."""
        self.last_reviewed = today
        self.next_review_on = None
        self.__dict__.pop("next_review", None)
        self._change_reason = "Annual review: reviewed, no change"
        if by is not None:
            self._history_user = by
        save_if_current(self, seen_version)


class Partner(models.Model):
    """An organisation the council shares information with."""

    class Kind(models.TextChoices):
        NHS = "nhs", "NHS body"
        POLICE = "police", "Police"
        COUNCIL = "council", "Another council"
        SCHOOL = "school", "School or academy"
        CHARITY = "charity", "Charity or voluntary organisation"
        SUPPLIER = "supplier", "Supplier or contractor"
        GOVERNMENT = "government", "Government department or agency"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField("type", max_length=20, choices=Kind)
    contact_name = models.CharField(max_length=200, blank=True, help_text="Their data protection contact.")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assets:partner_list") + f"#partner-{self.pk}"


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every agreement for officers and the IG team; nothing for anyone else."""
        if has_role(user, OFFICER, IG_TEAM):
            return self
        return self.none()

    @staticmethod
    def date_expressions() -> dict:
        """expires_on (end date, else start plus term) and review_due (the date set, else 12 months
        after the last review, else 12 months after the start), as SQL on the agreements' table or
        on their history (the dates in force then)."""
        return {"expires_on": Coalesce("ends_on", AddMonths(F("starts_on"), F("term_months"))),
                "review_due": Coalesce("review_on", AddMonths(Coalesce("last_reviewed", "starts_on"),
                                                              Value(REVIEW_MONTHS)))}

    def with_dates(self):
        """Annotates expires_on and review_due (date_expressions)."""
        return self.annotate(**self.date_expressions())

    # The rules, on rows annotated by with_dates(); DataSharingAgreement.current_status is the same
    # rule for one loaded row.
    @staticmethod
    def expired_but_active_condition(today: date) -> Q:
        """Still recorded as in force (active or under review) though its expiry date has passed."""
        return Q(status__in=DataSharingAgreement.IN_FORCE, expires_on__lt=today)

    @staticmethod
    def expiring_condition(days: int, today: date) -> Q:
        """In force and expiring between today and `days` days from now."""
        return Q(status__in=DataSharingAgreement.IN_FORCE, expires_on__gte=today,
                 expires_on__lte=today + timedelta(days=days))

    @staticmethod
    def review_overdue_condition(today: date) -> Q:
        return Q(status__in=DataSharingAgreement.IN_FORCE, review_due__lt=today)

    @classmethod
    def current_status_expression(cls, today: date):
        """The recorded status, except that an agreement expired but still marked active counts as expired."""
        return Case(When(cls.expired_but_active_condition(today), then=Value(DataSharingAgreement.Status.EXPIRED)),
                    default=F("status"), output_field=models.CharField())

    def with_current_status(self, today: date):
        """Annotates the dates and current_status (current_status_expression)."""
        return self.with_dates().annotate(current_status=self.current_status_expression(today))

    def in_force(self):
        return self.filter(status__in=DataSharingAgreement.IN_FORCE)

    def expiring_within(self, days: int, today: date):
        """Agreements in force that expire between today and `days` days from now."""
        return self.with_dates().filter(self.expiring_condition(days, today))

    def review_overdue(self, today: date):
        return self.with_dates().filter(self.review_overdue_condition(today))

    def expired_but_active(self, today: date):
        """The dashboard's worst case: agreements past their expiry still marked active, safeguarding first."""
        return (self.with_dates().filter(self.expired_but_active_condition(today))
                .order_by("-safeguarding", "expires_on", "reference"))

    def replacing(self, action):
        """The agreements recorded as replacing a superseded audit action."""
        return self.filter(superseded_action=action)


class DataSharingAgreement(Versioned):
    """An agreement setting out what the council shares with partners, why, and on what legal basis."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IG_REVIEW = "ig_review", "IG review"
        AWAITING_SIGNATURE = "awaiting_signature", "Awaiting signature"
        ACTIVE = "active", "Active"
        UNDER_REVIEW = "under_review", "Under review"
        EXPIRED = "expired", "Expired"
        TERMINATED = "terminated", "Terminated"
        SUPERSEDED = "superseded", "Superseded"

    # The statuses under which partners may share: signed and current (or being reviewed).
    IN_FORCE = (Status.ACTIVE, Status.UNDER_REVIEW)

    reference = models.CharField(max_length=20, unique=True, help_text="For example DSA-2026-004.")
    title = models.CharField(max_length=200,
                             help_text="For example “Multi-agency safeguarding hub information sharing”.")
    partners = models.ManyToManyField(Partner, related_name="agreements", blank=True)
    purpose = models.TextField(help_text="Why the information is shared.")
    safeguarding = models.BooleanField(
        "concerns safeguarding", default=False,
        help_text="Sharing to safeguard children or adults at risk: the committee follows these.")
    legal_basis = models.CharField(
        max_length=300, blank=True,
        help_text="For example “Children Act 1989 s47; UK GDPR 6(1)(e) and 9(2)(g)”.")
    data_shared = models.TextField(blank=True, help_text="What is shared, and how.")
    assets = models.ManyToManyField(InformationAsset, related_name="agreements", blank=True,
                                    verbose_name="assets shared")
    dpia_completed = models.BooleanField("DPIA completed", default=False)
    dpia_date = models.DateField("DPIA date", null=True, blank=True, validators=[not_in_future])
    signed_on = models.DateField("signed", null=True, blank=True, validators=[not_in_future])
    starts_on = models.DateField("start", null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(
        "term in months", default=36, help_text="Agreements usually run for three years (36 months).")
    ends_on = models.DateField("end date", null=True, blank=True,
                               help_text="Leave blank to end at the start plus the term.")
    last_reviewed = models.DateField("last review", null=True, blank=True, validators=[not_in_future])
    review_on = models.DateField("review date", null=True, blank=True,
                                 help_text="Leave blank for 12 months after the last review (or the start).")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    lead_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="led_sharing_agreements")
    superseded_action = models.ForeignKey(
        "actions.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="sharing_agreements",
        verbose_name="replaces action",
        help_text="The audit action this agreement superseded, for example the ICO's recommendation of a "
                  "single information sharing protocol.")
    history = HistoricalRecords(read_as_at=True, m2m_fields=[partners, assets])

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = "data sharing agreement"
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dpia_date__isnull=True) | Q(dpia_completed=True),
                name="assets_dpia_date_needs_dpia",
                violation_error_message="A DPIA date needs “DPIA completed” ticked.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="assets_agreement_ends_after_start",
                violation_error_message="The end date must not be before the start.",
            ),
            models.CheckConstraint(
                condition=Q(review_on__isnull=True) | Q(last_reviewed__isnull=True)
                | Q(review_on__gt=F("last_reviewed")),
                name="assets_agreement_review_due_after_last",
                violation_error_message="The review due date must be after the last review.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["active", "under_review"]) | Q(signed_on__isnull=False),
                name="assets_agreement_in_force_is_signed",
                violation_error_message="An active agreement (or one under review) needs the date it was signed.",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("assets:agreement_detail", args=[self.pk])

    def _derived(self, name, compute):
        return self.__dict__[name] if name in self.__dict__ else compute()

    @property
    def expires_on(self) -> date | None:
        return self._derived("expires_on", lambda: self.ends_on or add_months(self.starts_on, self.term_months))

    @expires_on.setter
    def expires_on(self, value):
        self.__dict__["expires_on"] = value

    @property
    def review_due(self) -> date | None:
        return self._derived("review_due", lambda: self.review_on or add_months(
            self.last_reviewed or self.starts_on, REVIEW_MONTHS))

    @review_due.setter
    def review_due(self, value):
        self.__dict__["review_due"] = value

    def current_status(self, today: date) -> str:
        # AgreementQuerySet.expired_but_active_condition, for one loaded row.
        if self.status in self.IN_FORCE and self.expires_on and self.expires_on < today:
            return self.Status.EXPIRED
        return self.status

    def current_status_label(self, today: date) -> str:
        return self.Status(self.current_status(today)).label



def _owner_rows(assets, today: date) -> list[dict]:
    """One row per IAO (owner None for assets without one): owner id, assets, reviews overdue; `assets`
    is the live table or its history as of a moment."""
    return list(assets.annotate(next_review=InformationAssetQuerySet.next_review_expression())
                .order_by().values("owner")
                .annotate(assets=Count("id"), overdue=Count("id", filter=InformationAssetQuerySet.overdue_condition(
                    today))))


def owner_overview(today: date, when: datetime | None = None) -> list[dict]:
    """Each IAO (person None: assets without one, listed first) with their asset count and overdue
    reviews: now, or as the register stood at the moment `when` (from its history)."""
    rows = _owner_rows(state_at(InformationAsset, when) if when is not None else InformationAsset.objects.all(),
                       today)
    people = get_user_model().objects.in_bulk([r["owner"] for r in rows if r["owner"]])
    for row in rows:
        row["person"] = people.get(row["owner"])
    return sorted(rows, key=lambda r: (r["person"] is not None, r["person"].last_name if r["person"] else "",
                                       r["person"].first_name if r["person"] else ""))


@dataclass(frozen=True)
class AssetFigures:
    """The register's headline figures; reviews: up to date + reviewed late + never reviewed = total (never
    reviewed: no review yet and the first, a year after the asset was added, is overdue)."""

    total: int
    without_owner: int
    review_overdue: int
    never_reviewed: int

    @property
    def reviewed_late(self) -> int:
        return self.review_overdue - self.never_reviewed

    @property
    def up_to_date(self) -> int:
        return self.total - self.review_overdue

    @classmethod
    def of(cls, assets, today: date) -> "AssetFigures":
        """The figures of `assets` (the live table, or its history as of a moment) in one query."""
        figures = assets.annotate(next_review=InformationAssetQuerySet.next_review_expression()).aggregate(
            total=Count("id"), without_owner=Count("id", filter=InformationAssetQuerySet.NO_OWNER),
            review_overdue=Count("id", filter=InformationAssetQuerySet.overdue_condition(today)),
            never_reviewed=Count("id", filter=InformationAssetQuerySet.overdue_condition(today)
                                 & InformationAssetQuerySet.NEVER_REVIEWED))
        return cls(**figures)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class AgreementFigures:
    """Agreements by status (an agreement expired but still marked active counts as expired, and
    is counted again in expired_but_active), for all agreements and for safeguarding ones; each
    by-status list adds up to its total."""

    by_status: list[StatusCount]
    expired_but_active: int
    safeguarding_by_status: list[StatusCount]
    safeguarding_expired_but_active: int
    expiring: int
    review_overdue: int

    @property
    def total(self) -> int:
        return sum(row.count for row in self.by_status)

    @property
    def safeguarding_total(self) -> int:
        return sum(row.count for row in self.safeguarding_by_status)

    @classmethod
    def of(cls, agreements, today: date, window_days: int) -> "AgreementFigures":
        """The figures of `agreements` (the live table, or its history as of a moment) in one query."""
        rules = AgreementQuerySet
        status = rules.current_status_expression(today)
        statuses = DataSharingAgreement.Status.choices
        counts = {}
        for value, _label in statuses:
            counts[f"all_{value}"] = Count("id", filter=Q(current_status=value))
            counts[f"sg_{value}"] = Count("id", filter=Q(current_status=value, safeguarding=True))
        figures = agreements.annotate(**rules.date_expressions()).annotate(current_status=status).aggregate(
            **counts, lapsed=Count("id", filter=rules.expired_but_active_condition(today)),
            sg_lapsed=Count("id", filter=rules.expired_but_active_condition(today) & Q(safeguarding=True)),
            expiring=Count("id", filter=rules.expiring_condition(window_days, today)),
            review_overdue=Count("id", filter=rules.review_overdue_condition(today)))
        return cls(
            by_status=[StatusCount(value, label, figures[f"all_{value}"]) for value, label in statuses],
            safeguarding_by_status=[StatusCount(value, label, figures[f"sg_{value}"]) for value, label in statuses],
            expired_but_active=figures["lapsed"], safeguarding_expired_but_active=figures["sg_lapsed"],
            expiring=figures["expiring"], review_overdue=figures["review_overdue"])


@dataclass(frozen=True)
class RegisterPosition:
    """How the asset register and the data sharing agreements stood on a date."""

    on: date
    assets: AssetFigures
    agreements: AgreementFigures
    window_days: int

    @property
    def anything_recorded(self) -> bool:
        return bool(self.assets.total or self.agreements.total)


def register_summary(today: date, window_days: int = 90) -> RegisterPosition:
    """The position now, from the registers' tables (two queries), by the same rules as the as-at read."""
    return RegisterPosition(today, AssetFigures.of(InformationAsset.objects.all(), today),
                            AgreementFigures.of(DataSharingAgreement.objects.all(), today, window_days), window_days)


def register_position_as_at(when: datetime, window_days: int = 90) -> RegisterPosition:
    """The position as it stood at the moment `when`, read in SQL from the history (two queries
    whatever its depth): each asset's and agreement's fields as they were then (owner, review
    dates, status, expiry dates), judged on that day by the same rules as the live read."""
    today = timezone.localdate(when)
    return RegisterPosition(today, AssetFigures.of(state_at(InformationAsset, when), today),
                            AgreementFigures.of(state_at(DataSharingAgreement, when), today, window_days),
                            window_days)
