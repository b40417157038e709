"""Committee meetings, the resolutions they make and the report each one hears.

A report is a draft until the IG team publishes it: a draft's figures are computed afresh on every
view (igov.committee.figures); publishing stores what members saw (the figures, the narrative, the
glossary, the HTML, the PDF and the spreadsheet, with a SHA-256 of the PDF) and from then on the
row is never changed. A correction is a new report for the same meeting that supersedes it.
"""
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionPlan
from igov.lib.dates import EARLIEST, TOO_EARLY
from igov.lib.history import HistoricalRecords
from igov.lib.versioning import Versioned


class Committee(models.Model):
    """A committee the IG team reports to, and the action plan its resolutions go into."""

    name = models.CharField(max_length=200, unique=True, help_text="For example “Audit and Procurement Committee”.")
    resolutions_plan = models.OneToOneField(
        ActionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="committee",
        help_text="The action plan its resolutions are tracked in; made when the first resolution is recorded.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def plan_for_resolutions(self, by) -> ActionPlan:
        """The committee's resolutions plan, made the first time it is needed."""
        if self.resolutions_plan_id is None:
            plan = ActionPlan(title=f"{self.name} resolutions", issuing_body=self.name, lead=by,
                              source_kind=ActionPlan.SourceKind.COMMITTEE_RESOLUTION)
            plan._history_user = by
            plan.save()
            self.resolutions_plan = plan
            self._history_user = by
            self.save()
        return self.resolutions_plan


class MeetingQuerySet(models.QuerySet):
    def with_reports(self):
        """Each meeting's reports with whatever corrected them (Report.status), without a query per report."""
        return self.select_related("committee").prefetch_related(
            models.Prefetch("reports", queryset=Report.objects.select_related("superseded_by")))


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(help_text="The figures in its report are as at the end of this day.")
    agenda_item = models.CharField(
        "agenda item", max_length=200, default="Information Management Strategy Update",
        help_text="The title of the item the report is for, as on the agenda.")
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "committee__name"]
        constraints = [models.UniqueConstraint(fields=["committee", "date", "agenda_item"],
                                               name="one_agenda_item_per_meeting")]

    def __str__(self):
        return f"{self.committee}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("committee:meeting", args=[self.pk])

    def clean(self):
        """A date igov can report on (a mistyped year would run the as-at arithmetic off the calendar,
        for this meeting's report and for every later one, measured from it): from 1900, like every
        date igov records, to the end of next year, far enough ahead for the committee's calendar."""
        if self.date is None:
            return
        if self.date < EARLIEST:
            raise ValidationError({"date": TOO_EARLY})
        last_year = timezone.localdate().year + 1
        if self.date.year > last_year:
            raise ValidationError({"date": f"Check the year: a meeting can be recorded up to the end of {last_year}."})

    def previous(self) -> "Meeting | None":
        """The committee's meeting before this one (the report's movement is measured from it)."""
        return (Meeting.objects.filter(committee_id=self.committee_id, date__lt=self.date)
                .order_by("-date").first())

    @staticmethod
    def previous_date(committee, date):
        """previous()'s date as a subquery, for a queryset of meetings or reports (OuterRefs in)."""
        return Subquery(Meeting.objects.filter(committee_id=committee, date__lt=date).order_by("-date")
                        .values("date")[:1])

    @transaction.atomic
    def record_resolution(self, text: str, agreed_action: str, owner, target_date, by,
                          scope_area: str = Action.ScopeArea.GOVERNANCE, unit=None) -> "Resolution":
        """The resolution as minuted, and in the same step an action in the committee's
        resolutions plan (reference R1, R2, … in order) so it is tracked like any audit action."""
        plan = self.committee.plan_for_resolutions(by)
        if plan.agreed_on is None or plan.report_date is None:
            plan.agreed_on = plan.agreed_on or self.date
            plan.report_date = plan.report_date or self.date
            plan._history_user = by
            plan.save()
        number = (Resolution.objects.filter(meeting__committee_id=self.committee_id)
                  .aggregate(n=Max("number"))["n"] or 0) + 1
        taken = set(plan.actions.values_list("reference", flat=True))
        while f"R{number}" in taken:
            number += 1
        action = Action(plan=plan, reference=f"R{number}", recommendation=text, agreed_action=agreed_action,
                        owner=owner, unit=unit, original_target_date=target_date, scope_area=scope_area,
                        priority=Action.Priority.MEDIUM, response=Action.Response.ACCEPTED)
        action.full_clean()
        action._history_user = by
        action._change_reason = f"Resolved by the {self.committee} on {self.date:%-d %B %Y}"
        action.save()
        return Resolution.objects.create(meeting=self, number=number, action=action)


class Resolution(models.Model):
    """What the committee resolved at a meeting; tracked as the action it became."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="resolutions")
    number = models.PositiveSmallIntegerField()
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="resolution")

    class Meta:
        ordering = ["meeting__date", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="resolution_numbered_once")]

    def __str__(self):
        return f"Resolution {self.number} of {self.meeting}"


class PublishedReportError(ValidationError):
    pass


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def drafts(self):
        return self.filter(published_at__isnull=True)

    def current(self):
        """Published and not superseded by a later published correction."""
        return self.published().exclude(superseded_by__published_at__isnull=False)

    def for_list(self):
        """With the meeting, its committee, the versions either side and the previous meeting's date."""
        return self.select_related("meeting__committee", "supersedes", "superseded_by", "published_by").annotate(
            previous_meeting_date=Meeting.previous_date(OuterRef("meeting__committee_id"), OuterRef("meeting__date")))


class Report(Versioned):
    """The report to one meeting: the narrative the IG team writes around figures it never types."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reports")
    edition = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="1 for the first report to the meeting, 2 for its correction, …")
    report_of = models.CharField("report of", max_length=200, default="Executive Director of Resources")
    author = models.CharField(max_length=200, help_text="Name and job title of the officer to contact.")
    purpose = models.TextField(
        default="To update the committee on progress with the action plans for the council’s information "
                "management, the information risk register, the information asset register and data "
                "sharing agreements, and training.")
    recommendation = models.TextField(
        default="The committee is recommended to note the progress set out in this report and its appendices.")
    summary = models.TextField(blank=True, help_text="What members most need to know. The figures follow it.")
    annual_training_report = models.BooleanField(
        "include the annual training report", default=False,
        help_text="The completion of mandatory training by directorate, which the committee asked for once a year.")
    supersedes = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="superseded_by", editable=False)
    correction_reason = models.TextField("reason for the correction", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   null=True, editable=False)
    # Filled once, when published; the row is never saved again after that.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     null=True, blank=True, editable=False)
    content = models.JSONField(null=True, blank=True, editable=False,
                               help_text="The figures, narrative and glossary as published.")
    html = models.TextField(blank=True, editable=False)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    xlsx = models.BinaryField(null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["content", "html", "pdf", "xlsx"])

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__date", "-edition"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "edition"], name="one_report_per_edition"),
            models.UniqueConstraint(fields=["meeting"], condition=Q(published_at__isnull=True),
                                    name="one_draft_per_meeting"),
        ]

    def __str__(self):
        return f"Report to the {self.meeting}" + (f" (version {self.edition})" if self.edition > 1 else "")

    def get_absolute_url(self):
        return reverse("committee:report", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def status(self) -> str:
        if not self.is_published:
            return "Draft"
        successor = getattr(self, "superseded_by", None)
        return "Superseded" if successor is not None and successor.is_published else "Published"

    def save(self, *args, **kwargs):
        if self.pk and Report.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise PublishedReportError("A published report is never changed: publish a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and Report.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise PublishedReportError("A published report is kept for good.")
        return super().delete(*args, **kwargs)

    def freeze(self, by, when, content: dict, html: str, pdf: bytes, xlsx: bytes) -> None:
        """Publishes the draft: stores exactly what members will see, once."""
        self.content, self.html, self.pdf, self.xlsx = content, html, pdf, xlsx
        self.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        self.published_at, self.published_by = when, by
        self._history_user, self._history_date = by, when
        self._change_reason = "Published"
        super().save()

    def correct(self, by, reason: str) -> "Report":
        """A new draft for the same meeting that will supersede this published report."""
        if not self.is_published:
            raise ValidationError("Only a published report can be corrected; edit the draft instead.")
        if hasattr(self, "superseded_by"):
            raise ValidationError("This report has already been corrected; correct the latest version.")
        fields = ("report_of", "author", "purpose", "recommendation", "summary", "annual_training_report")
        draft = Report(meeting=self.meeting, edition=self.edition + 1, supersedes=self, correction_reason=reason,
                       created_by=by, **{f: getattr(self, f) for f in fields})
        draft._history_user = by
        draft._change_reason = f"Correction of version {self.edition}: {reason}"
        draft.save()
        return draft

    def narrative(self) -> dict:
        return {"report_of": self.report_of, "author": self.author, "purpose": self.purpose,
                "recommendation": self.recommendation, "summary": self.summary,
                "correction_reason": self.correction_reason}
