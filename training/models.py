"""Mandatory training: who is in scope (staff from HR), which courses, who completed them when.

Compliance is derived: `StaffMember.objects.with_status(course, on)` gives each in-scope person's
status as at a date, computed in SQL, and every figure (dashboard, drill-down, annual report, trend)
counts those statuses — one definition of "compliant". Counting every person's status costs time in
proportion to the staff, so the counts per unit at a date are kept (ComplianceSnapshot) the first time
a page asks for them and forgotten whenever a change could alter them (training.signals).
"""
import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone

from igov.accounts import roles
from igov.lib.dates import EARLIEST, end_of
from igov.lib.history import HistoricalRecords
from igov.lib.versioning import Versioned
from igov.org.fields import FORMER, UNIT_HELP
from igov.org.models import Unit

DUE_SOON_DAYS = 30
# Ten years: a longer renewal period is a typing slip, and the as-at arithmetic would run off the calendar.
MAX_RENEWAL_MONTHS = 120


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day (31 Jan + 1 → 28 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


class CourseQuerySet(models.QuerySet):
    def with_counts_kept_on(self, on: date):
        """Adds kept_units: the counts kept for `on` (ComplianceSnapshot.units, None if not kept), read with
        the course in one query for pages that show one unit's figures (StaffMember.objects.figures)."""
        kept = ComplianceSnapshot.objects.filter(course=OuterRef("pk"), on=on).values("units")[:1]
        return self.annotate(kept_on=Value(on, output_field=models.DateField()),
                             kept_units=Subquery(kept, output_field=models.JSONField()))

    def main(self):
        """The course pages show first: the newest mandatory course (the annual data protection module)."""
        return self.order_by("-mandatory", "-launch_date", "name").first()


class Course(Versioned):
    class Audience(models.TextChoices):
        ALL_STAFF = "all", "All staff (employees, agency workers and contractors)"
        EMPLOYEES = "employees", "Employees only"
        MANAGERS = "managers", "Line managers"
        IAOS = "iaos", "Information Asset Owners"
        COUNCILLORS = "councillors", "Councillors"

    code = models.CharField(max_length=40, unique=True,
                            help_text="The learning system's course code, e.g. DP-ANNUAL. Imports match on it "
                                      "or on the name.")
    name = models.CharField(max_length=200, unique=True, help_text="e.g. Data protection (annual e-learning)")
    mandatory = models.BooleanField(default=True)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.ALL_STAFF)
    renewal_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How long a completion stays valid, e.g. 12 (at most 120). Blank: it "
                                         "never expires.")
    launch_date = models.DateField(help_text="When the course opened; completions since launch count from here.")
    grace_days = models.PositiveSmallIntegerField(
        "new-starter grace period (days)", default=30,
        help_text="A new starter who has not completed yet is 'in grace' for this many days, not overdue.")
    target_percent = models.PositiveSmallIntegerField("target (%)", default=95)
    history = HistoricalRecords()

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(target_percent__lte=100), name="course_target_is_a_percentage"),
            models.CheckConstraint(condition=Q(renewal_months__isnull=True) | Q(renewal_months__gt=0),
                                   name="course_renewal_is_positive"),
            models.CheckConstraint(condition=Q(renewal_months__isnull=True)
                                   | Q(renewal_months__lte=MAX_RENEWAL_MONTHS),
                                   name="course_renewal_at_most_ten_years",
                                   violation_error_message="A completion can stay valid for at most 120 months "
                                                           "(ten years). Leave it blank if it never expires."),
            models.CheckConstraint(condition=Q(launch_date__gte=EARLIEST), name="course_launched_since_1900",
                                   violation_error_message="The launch date must be on or after 1 January 1900."),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("training:index") + f"?course={self.pk}"

    def completion_date_problem(self, day: date, today: date) -> str:
        """Why a completion of this course on `day` cannot be recorded ("" when it can): a completion
        is never in the future, nor before the course launched (so never on 01/01/0001 either)."""
        if day > today:
            return f"{day:%d/%m/}{day.year:04d} is in the future"
        if day < self.launch_date:
            return f"{day:%d/%m/}{day.year:04d} is before the course launched on {self.launch_date:%d/%m/%Y}"
        return ""

    def valid_after(self, on: date) -> date | None:
        """A completion is valid on `on` when completed after this date (None: valid for ever)."""
        return add_months(on, -self.renewal_months) if self.renewal_months else None

    def terms_q(self) -> Q:
        """Who the course is for by their HR terms: not exempt, and of an employment type in the
        audience (the usual traps: agency, councillors). Checked on the staff record as it stood on
        the date counted (terms_in_force), since exemptions and contracts change."""
        types = StaffMember.EmploymentType
        if self.audience == self.Audience.EMPLOYEES:
            by_type = Q(employment_type=types.EMPLOYEE)
        elif self.audience == self.Audience.COUNCILLORS:
            by_type = Q(employment_type=types.COUNCILLOR)
        else:
            by_type = ~Q(employment_type=types.COUNCILLOR)
        return Q(in_scope=True) & by_type

    def role_q(self) -> Q:
        """Who the course is for by their role now: line managers, Information Asset Owners, or anyone."""
        if self.audience == self.Audience.MANAGERS:
            return Q(Exists(StaffMember.objects.filter(line_manager=OuterRef("pk"))))
        if self.audience == self.Audience.IAOS:
            return Q(is_iao=True)
        return Q()

    def terms_in_force(self, on: date):
        """SQL, per staff member: whether terms_q held on their record as it stood at the end of `on`,
        read from its history (the latest change by then; before the first change the record as first
        made, since HR loads people who started long before; with no history, the record as it is)."""
        moment = end_of(on)
        meets = Case(When(self.terms_q(), then=Value(True)), default=Value(False), output_field=models.BooleanField())
        if moment >= timezone.now():
            return meets  # today: nothing can have changed since, so the record stands as it is
        changed_by_then = Case(When(history_date__lte=moment, then=F("history_date")), default=None)
        then = (StaffMember.history.filter(id=OuterRef("pk"))
                .order_by(changed_by_then.desc(nulls_last=True), "history_date")
                .annotate(meets=meets).values("meets")[:1])
        # Speed, not a second rule: a record unchanged since the moment stands as it did then, so only
        # those changed since (one uncorrelated lookup on the history's date index) are looked up.
        changed_since = StaffMember.history.filter(history_date__gt=moment).values("id")
        return Case(When(~Q(pk__in=changed_since), then=meets),
                    default=Coalesce(Subquery(then), meets), output_field=models.BooleanField())

    def scope_q(self, on: date) -> Q:
        """Who must have done the course on that date: employed then, in scope and in the audience
        by the terms in force then, and in the audience by role."""
        employed = Q(start_date__lte=on) & (Q(leaving_date__isnull=True) | Q(leaving_date__gt=on))
        return employed & Q(self.terms_in_force(on)) & self.role_q()


class StaffQuerySet(models.QuerySet):
    def active_on(self, on: date):
        """Employed on that date: started, and not yet left."""
        return self.filter(Q(start_date__lte=on), Q(leaving_date__isnull=True) | Q(leaving_date__gt=on))

    def in_scope_for(self, course: Course, on: date):
        """Active on the date, not exempt, and in the course's audience."""
        return self.filter(course.scope_q(on))

    def with_status(self, course: Course, on: date):
        """In-scope staff annotated with last_completed (on or before `on`) and status."""
        return self.in_scope_for(course, on).annotate(status=status_expression(course, on))

    def with_last_completed(self, course: Course, on: date):
        """Adds last_completed: the latest passed completion on or before `on` (for lists and records)."""
        return self.annotate(last_completed=Completion.objects.last_for(course, on))

    def compliance(self, course: Course, on: date, by: tuple[str, ...] = ()):
        """Counts of each status per group (`by` fields), or one overall row, in one query.

        Grouped by status too, so each person's status is computed once; the pivot happens here.
        """
        rows = self.with_status(course, on).values(*by, "status").order_by().annotate(n=Count("pk"))
        groups = {}
        for row in rows:
            key = tuple(row[field] for field in by)
            groups.setdefault(key, {s: 0 for s in StaffMember.Status})[StaffMember.Status(row["status"])] = row["n"]
        if not by and not groups:
            groups[()] = {s: 0 for s in StaffMember.Status}
        return [ComplianceFigures(group=dict(zip(by, key, strict=True)), total=sum(counts.values()),
                                  counts=counts, target=course.target_percent, on=on)
                for key, counts in sorted(groups.items())]

    def counts_by_unit(self, course: Course, days: list[date]) -> dict[date, dict[int | None, dict]]:
        """{day: {unit id or None: {"directorate": id or None, status or "since_launch": n}}}: each status's
        count among the unit's in-scope staff (the staff member's own unit), and how many of its people
        completed the course since launch, at each date, in one query (a UNION ALL part per date and count).
        What ComplianceSnapshot keeps; the statuses come from with_status, the one definition."""
        parts = []
        for n_day, day in enumerate(days):
            parts.append(self.with_status(course, day).values("unit", "status").order_by().annotate(
                n=Count("pk"), day=Value(n_day), directorate=F("unit__parent"))
                .values("day", "unit", "directorate", "status", "n"))
            parts.append(Completion.objects.filter(course=course, passed=True, completed_on__gte=course.launch_date,
                                                   completed_on__lte=day)
                         .values(unit=F("staff__unit")).order_by().annotate(
                             status=Value("since_launch"), n=Count("staff", distinct=True), day=Value(n_day),
                             directorate=F("staff__unit__parent"))
                         .values("day", "unit", "directorate", "status", "n"))
        counts = {day: {} for day in days}
        for row in parts[0].union(*parts[1:], all=True):
            unit = counts[days[row["day"]]].setdefault(row["unit"], {"directorate": row["directorate"]})
            unit[row["status"]] = row["n"]
        return counts

    def still_to_complete(self, course: Course, on: date):
        """In-scope staff without a valid completion (overdue, never completed, or in grace)."""
        return self.with_status(course, on).exclude(
            status__in=[StaffMember.Status.COMPLIANT, StaffMember.Status.DUE_SOON])

    def search(self, text: str):
        """By staff number (its start, e.g. "E0019") or by name (any part of first or last name)."""
        text = text.strip()
        if not text:
            return self.none()
        by_name = Q()
        for word in text.split()[:3]:
            by_name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return self.filter(Q(staff_number__istartswith=text) | by_name)

    def in_unit(self, unit):
        """Staff of the unit (a directorate's own and its services')."""
        return self.filter(unit__in=Unit.objects.within(unit).values("pk"))

    def visible_to(self, user):
        """Whose names and records the user may see: the IG team everyone; an officer the people of
        their own service (from their HR record); anyone else nobody (committee members read figures)."""
        if roles.has_role(user, roles.IG_TEAM):
            return self
        if roles.has_role(user, roles.OFFICER):
            return self.filter(unit__in=own_units(user))
        return self.none()

    def for_officer(self, user):
        """The staff records that match a signed-in user by e-mail: how an officer maps to a service."""
        if not user.is_authenticated or not user.email:
            return self.none()
        return self.with_email(user.email).filter(leaving_date__isnull=True)

    def with_email(self, email):
        """Whose e-mail address is `email` (text, or an OuterRef to another table's address), case ignored,
        on the lower-case index: `email__iexact` cannot use an index, so it read every staff record."""
        return self.alias(email_lower=Lower("email")).filter(
            email_lower=Lower(email if isinstance(email, OuterRef) else Value(email)))


class StaffManager(models.Manager.from_queryset(StaffQuerySet)):
    """The council's figures, read from the kept counts (ComplianceSnapshot.objects.at): these are
    about all staff, so they live on the manager, not on a filtered queryset."""

    def compliance_by_unit(self, course: Course, on: date, *, within: Unit | None = None,
                           directorates: bool = True, kept: "ComplianceSnapshot | None" = None):
        """Figures per directorate (a service's staff counted in its directorate), or per unit, for the
        whole council or `within` a directorate: [(unit or None, figures)] by unit name, staff with no
        unit last; units with nobody in scope left out. `kept`: the date's snapshot, if already read."""
        kept = kept or ComplianceSnapshot.objects.at(course, [on])[on]
        groups = {}
        for unit, directorate, figures in kept.parts(course, within):
            groups.setdefault((directorate or unit) if directorates else unit, []).append(figures)
        totals = {pk: ComplianceFigures.total_of(group, course, on) for pk, group in groups.items()}
        totals = {pk: figures for pk, figures in totals.items() if figures.total}
        units = Unit.objects.select_related("parent").in_bulk([pk for pk in totals if pk])
        rows = [(units.get(pk), figures) for pk, figures in totals.items()]
        return sorted(rows, key=lambda row: (row[0] is None, row[0].name.casefold() if row[0] else ""))

    def trend(self, course: Course, days: list[date]) -> list["ComplianceFigures"]:
        """The whole council's figures at each date (one query once the dates are kept)."""
        kept = ComplianceSnapshot.objects.at(course, days)
        return [kept[day].whole(course) for day in days]

    def figures(self, course: Course, on: date, unit: Unit | None = None) -> "ComplianceFigures":
        """The whole council's figures at a date, or a unit's (a directorate with its services). A unit's
        date not kept yet is counted for that unit alone, not kept: counting the council to show one unit
        would cost a unit page more than the page itself (the council's pages keep the date)."""
        if unit is None:
            (whole,) = self.trend(course, [on])
            return whole
        if getattr(course, "kept_on", None) == on:
            kept = None if course.kept_units is None else ComplianceSnapshot(course=course, on=on,
                                                                             units=course.kept_units)
        else:
            kept = ComplianceSnapshot.objects.filter(course=course, on=on).first()
        if kept is None:
            (figures,) = self.in_unit(unit).compliance(course, on)
            return figures
        return kept.whole(course, within=unit)


def own_units(user) -> set[int]:
    """The units (services) an officer works in, from the HR record with their e-mail address;
    kept on the user for the request."""
    if not hasattr(user, "_own_units"):
        user._own_units = set(StaffMember.objects.for_officer(user).exclude(unit=None)
                              .values_list("unit_id", flat=True))
    return user._own_units


def status_expression(course: Course, on: date):
    """The one definition of each status, as SQL.

    The latest passed completion on or before `on` decides, in a subquery that returns the status
    itself (so the database looks the completion up once per person): compliant while valid for
    more than 30 more days, due soon when it expires within 30 days, then in grace (a new starter)
    or overdue. With no completion: in grace for the new-starter period, else never completed.
    """
    S = StaffMember.Status
    grace_start = on - timedelta(days=course.grace_days)
    valid_after = course.valid_after(on)
    if valid_after is None:
        valid = [When(completed_on__isnull=False, then=Value(S.COMPLIANT))]
    else:
        still_valid_after = course.valid_after(on + timedelta(days=DUE_SOON_DAYS))
        valid = [When(completed_on__gt=still_valid_after, then=Value(S.COMPLIANT)),
                 When(completed_on__gt=valid_after, then=Value(S.DUE_SOON))]
    in_grace = Q(start_date__gt=grace_start)
    latest = (Completion.objects.filter(staff=OuterRef("pk"), course=course, passed=True, completed_on__lte=on)
              .order_by("-completed_on")
              .annotate(status=Case(*valid, When(GreaterThan(OuterRef("start_date"), grace_start),
                                                 then=Value(S.GRACE)),
                                    default=Value(S.OVERDUE), output_field=models.CharField()))
              .values("status")[:1])
    return Coalesce(Subquery(latest), Case(When(in_grace, then=Value(S.GRACE)), default=Value(S.NEVER)),
                    output_field=models.CharField())


class StaffMember(models.Model):
    """A person HR says works for the council (not necessarily a user of this system)."""

    class EmploymentType(models.TextChoices):
        EMPLOYEE = "employee", "Employee"
        AGENCY = "agency", "Agency worker"
        COUNCILLOR = "councillor", "Councillor"
        CONTRACTOR = "contractor", "Contractor"

    class Status(models.TextChoices):
        COMPLIANT = "compliant", "Compliant"
        DUE_SOON = "due_soon", "Due to renew within 30 days"
        OVERDUE = "overdue", "Overdue"
        NEVER = "never", "Never completed"
        GRACE = "grace", "New starter in grace period"

    staff_number = models.CharField(max_length=20, unique=True, help_text="HR's staff number, e.g. E004512")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True, db_index=True)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, related_name="staff",
                             verbose_name="directorate or service", help_text=UNIT_HELP)
    former_directorate = models.CharField(max_length=120, blank=True, editable=False, help_text=FORMER)
    former_service = models.CharField(max_length=120, blank=True, editable=False, help_text=FORMER)
    line_manager = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="reports")
    employment_type = models.CharField(max_length=20, choices=EmploymentType.choices,
                                       default=EmploymentType.EMPLOYEE)
    is_iao = models.BooleanField("Information Asset Owner", default=False)
    in_scope = models.BooleanField(default=True, help_text="Untick to exempt someone, and give the reason.")
    exemption_reason = models.CharField(max_length=200, blank=True, help_text="e.g. Long-term absence")
    start_date = models.DateField()
    leaving_date = models.DateField(null=True, blank=True, help_text="Leavers are marked, never deleted.")
    # Exemptions and employment types change: compliance as at a past date reads them from here.
    history = HistoricalRecords()

    objects = StaffManager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "staff member"
        # Signed-in people are matched to their HR record by e-mail address, case ignored (with_email).
        indexes = [models.Index(Lower("email"), name="staff_email_lower")]
        constraints = [
            models.CheckConstraint(condition=Q(in_scope=True) | ~Q(exemption_reason=""),
                                   name="staff_exemption_needs_a_reason"),
            models.CheckConstraint(condition=Q(leaving_date__isnull=True) | Q(leaving_date__gte=F("start_date")),
                                   name="staff_leaves_after_starting"),
        ]
        # People are matched to their HR record by e-mail address, whatever its case (with_email).
        indexes = [models.Index(Lower("email"), name="staff_email_lower")]

    def __str__(self):
        return f"{self.full_name} ({self.staff_number})"

    def get_absolute_url(self):
        return reverse("training:staff", kwargs={"pk": self.pk})

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"


class CompletionQuerySet(models.QuerySet):
    def last_for(self, course: Course, on: date):
        """Subquery: the staff member's latest passed completion of the course on or before `on`."""
        return Subquery(self.filter(staff=OuterRef("pk"), course=course, passed=True, completed_on__lte=on)
                        .order_by("-completed_on").values("completed_on")[:1])

    def since_launch(self, course: Course, on: date) -> int:
        """How many people have completed the course since it launched (the committee's "1,487")."""
        return (self.filter(course=course, passed=True, completed_on__gte=course.launch_date,
                            completed_on__lte=on).values("staff").distinct().count())

    def since_launch_by(self, course: Course, days: list[date]) -> list[int]:
        """since_launch as at each of several dates, in one query."""
        counts = self.filter(course=course, passed=True, completed_on__gte=course.launch_date).aggregate(**{
            f"on_{n}": Count("staff", distinct=True, filter=Q(completed_on__lte=day)) for n, day in enumerate(days)})
        return [counts[f"on_{n}"] for n in range(len(days))]


class Completion(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="completions")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Percentage, if the course is scored")
    passed = models.BooleanField(default=True)
    import_run = models.ForeignKey("ImportRun", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="completions")

    objects = CompletionQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "course", "completed_on"], name="completion_once_a_day"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__lte=100),
                                   name="completion_score_is_a_percentage"),
            # The database's share of the date rule; clean() adds "not before launch, not in the future".
            models.CheckConstraint(condition=Q(completed_on__gte=EARLIEST), name="completion_since_1900",
                                   violation_error_message="The completion date must be on or after 1 January 1900."),
        ]
        indexes = [models.Index(fields=["course", "completed_on"])]

    def __str__(self):
        return f"{self.staff} completed {self.course} on {self.completed_on}"

    def clean(self):
        if self.completed_on is None or self.course_id is None:
            return
        problem = self.course.completion_date_problem(self.completed_on, timezone.localdate())
        if problem:
            raise ValidationError({"completed_on": f"The completion date {problem}."})


class ImportRun(models.Model):
    """One confirmed import: who, when, which file (name and SHA-256), and what it did."""

    class Kind(models.TextChoices):
        COMPLETIONS = "completions", "Learning system completions"
        STAFF = "staff", "HR staff list"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    file_name = models.CharField(max_length=255)
    checksum = models.CharField("SHA-256", max_length=64, db_index=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    help_text="Blank for scheduled imports run by the management command.")
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0, help_text="Rows already present")

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.file_name} ({self.imported_at:%d %b %Y %H:%M})"


class SnapshotQuerySet(models.QuerySet):
    def at(self, course: Course, days: list[date]) -> dict[date, "ComplianceSnapshot"]:
        """Each date's kept counts. Dates not kept yet are counted (StaffMember.objects.counts_by_unit)
        and kept in one insert: one query when every date is kept, four or five when some are not, however
        many staff. Counted under a lock on the course row that forget() also takes, so counts made from
        data a writer is changing are forgotten by that writer before it commits."""
        kept = {snapshot.on: snapshot for snapshot in self.filter(course=course, on__in=set(days))}
        missing = sorted(set(days) - set(kept))
        if missing:
            with transaction.atomic(savepoint=False):
                if connection.features.has_select_for_update:
                    list(Course.objects.select_for_update().filter(pk=course.pk).values_list("pk"))
                counted = StaffMember.objects.counts_by_unit(course, missing)
                made = [ComplianceSnapshot(course=course, on=day, units=[
                            {"unit": unit, **counts} for unit, counts in sorted(
                                counted[day].items(), key=lambda item: (item[0] is None, item[0] or 0))])
                        for day in missing]
                # A request counting the same dates at the same time made the same rows: theirs stand.
                self.bulk_create(made, ignore_conflicts=True)
            kept.update((snapshot.on, snapshot) for snapshot in made)
        return kept

    def forget(self, *, courses=None, since: date | None = None) -> None:
        """Forgets the counts a change may alter: of these courses (all if None) at `since` and after
        (every date if None). The one place counts are invalidated: the signals call it for each save
        and delete (training.signals), and every bulk write (imports, demo data) calls it itself."""
        with transaction.atomic(savepoint=False):
            if connection.features.has_select_for_update:
                locked = Course.objects.select_for_update().order_by("pk")
                list((locked if courses is None else locked.filter(pk__in=courses)).values_list("pk"))
            stale = self.all() if courses is None else self.filter(course__in=courses)
            (stale if since is None else stale.filter(on__gte=since)).delete()

    def forget_staff(self, people, *days: date | None, managers_changed: bool = False) -> None:
        """Forgets what changes when these people (pks) change: every course's counts from the earliest
        date they count at — their start dates (`days`, before and after the change) or their first
        completion if earlier (since-launch counts group completions by the person's unit) — or at
        every date when a line manager changed (the line managers' course counts who manages anyone now)."""
        if managers_changed:
            self.forget()
            return
        people = list(people)
        firsts = [Completion.objects.filter(staff__in=people[start:start + 2000]).aggregate(
                      first=Min("completed_on"))["first"] for start in range(0, len(people), 2000)]
        dates = [day for day in (*days, *firsts) if day is not None]
        if dates:
            self.forget(since=min(dates))


class ComplianceSnapshot(models.Model):
    """A course's counts at a date, per unit, kept so that pages read them instead of counting every
    person's status again (that grows with the staff; reading this does not).

    Stored derived values, kept true by forgetting them: any change that can alter a count at a date
    forgets the counts at that date and after (SnapshotQuerySet.forget), and the next page that asks
    counts them again from the one definition. Keyed by date, so today's counts are new each day.
    One row per date, its units' counts together (they are made and forgotten together): pages read a
    year's trend in one short query, and a date is counted in one insert. Units are the staff's own, each
    with its directorate (so a unit's page needs no other query); a unit's save forgets them all."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="snapshots")
    on = models.DateField()
    units = models.JSONField(default=list, help_text='Per unit (id, or null for staff with no unit): '
                                                     '{"unit": 7, "directorate": 2, "compliant": 40, "never": 2, '
                                                     '"since_launch": 45}; '
                                                     'a count left out is 0.')

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "on"], name="snapshot_once_a_day")]

    def __str__(self):
        return f"{self.course} on {self.on}"

    def parts(self, course: Course, within: Unit | None = None) -> list[tuple]:
        """(unit id or None, its directorate's id or None, figures) for each unit counted, or for those
        `within` a unit (itself and its services)."""
        parts = []
        for row in self.units:
            if within is not None and within.pk not in (row["unit"], row["directorate"]):
                continue
            counts = {status: row.get(status.value, 0) for status in StaffMember.Status}
            parts.append((row["unit"], row["directorate"], ComplianceFigures(
                group={"unit": row["unit"]}, total=sum(counts.values()), counts=counts,
                target=course.target_percent, on=self.on, since_launch=row.get("since_launch", 0))))
        return parts

    def whole(self, course: Course, within: Unit | None = None) -> "ComplianceFigures":
        """The council's figures, or a unit's (itself and its services)."""
        return ComplianceFigures.total_of([f for _u, _d, f in self.parts(course, within)], course, self.on)


@dataclass
class ComplianceFigures:
    """Counts by status for a group; the percentage leaves new starters in grace out of the base."""

    group: dict
    total: int
    counts: dict
    target: int
    on: date | None = None
    # People who completed it since launch: kept with the counts (ComplianceSnapshot); compliance() leaves it 0.
    since_launch: int = 0

    @property
    def valid(self) -> int:
        return self.counts[StaffMember.Status.COMPLIANT] + self.counts[StaffMember.Status.DUE_SOON]

    @property
    def base(self) -> int:
        return self.total - self.counts[StaffMember.Status.GRACE]

    @property
    def percent(self) -> float | None:
        return round(100 * self.valid / self.base, 1) if self.base else None

    @property
    def meets_target(self) -> bool:
        return self.percent is not None and self.percent >= self.target

    @property
    def shortfall(self) -> float | None:
        """Percentage points below the target (None when there is nobody to count)."""
        return None if self.percent is None else round(max(self.target - self.percent, 0), 1)

    @property
    def still_to_complete(self) -> int:
        return self.total - self.valid

    @property
    def compliant(self) -> int:
        return self.counts[StaffMember.Status.COMPLIANT]

    @property
    def due_soon(self) -> int:
        return self.counts[StaffMember.Status.DUE_SOON]

    @property
    def overdue(self) -> int:
        return self.counts[StaffMember.Status.OVERDUE]

    @property
    def never(self) -> int:
        return self.counts[StaffMember.Status.NEVER]

    @property
    def grace(self) -> int:
        return self.counts[StaffMember.Status.GRACE]

    @classmethod
    def total_of(cls, parts: list["ComplianceFigures"], course: Course, on=None):
        """The whole from its parts: the council's figure is the sum of the directorates'."""
        return cls(group={}, total=sum(p.total for p in parts), target=course.target_percent, on=on,
                   counts={s: sum(p.counts[s] for p in parts) for s in StaffMember.Status},
                   since_launch=sum(p.since_launch for p in parts))


def month_ends(on: date, months: int = 12) -> list[date]:
    """The last day of each of the previous `months` - 1 months, then `on` itself."""
    ends = []
    for back in range(months - 1, 0, -1):
        first_of_month = add_months(on.replace(day=1), -back + 1)
        ends.append(first_of_month - timedelta(days=1))
    return [*ends, on]



def council_summary(on: date, course: Course | None = None) -> dict | None:
    """The headline for dashboards and committee reports: the main course's (or `course`'s) whole-council
    figures as at a date and how many people have completed it since launch, from the kept counts (two
    queries once the date is counted, one if the course is given; None before any course). The main
    course as at that date: one launched since (next year's, set up early) does not count yet."""
    course = course or Course.objects.filter(launch_date__lte=on).main()
    if course is None:
        return None
    whole = StaffMember.objects.figures(course, on)
    return {"course": course, "figures": whole, "since_launch": whole.since_launch}
