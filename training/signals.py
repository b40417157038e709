"""Keeps the kept compliance counts (ComplianceSnapshot) true: every save or delete of a record the
counts are made from forgets the counts at the dates it can change.

Signals rather than calls at each write, against the usual rule: the admin, forms, imports, factories
and fixtures all save these records, and one missed path would show a stale figure. Bulk writes send no
signals: those (training.imports, the demo data) call ComplianceSnapshot.objects.forget themselves.
"""
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from igov.org.models import Unit
from training.models import Completion, ComplianceSnapshot, Course, StaffMember


@receiver(pre_save, sender=Completion)
@receiver(pre_save, sender=StaffMember)
def remember_before(sender, instance, raw=False, **kwargs):
    """The record as stored, before the change: its old dates can be the earliest the change alters."""
    fields = ["course_id", "completed_on"] if sender is Completion else ["start_date", "line_manager_id"]
    instance._stored = sender.objects.filter(pk=instance.pk).values(*fields).first() if instance.pk else None


@receiver(post_save, sender=Completion)
@receiver(post_delete, sender=Completion)
def forget_for_completion(sender, instance, **kwargs):
    """A completion counts from its date on, for its course (before and after the change)."""
    stored = getattr(instance, "_stored", None) or {}
    courses = {instance.course_id, stored.get("course_id", instance.course_id)}
    since = min(instance.completed_on, stored.get("completed_on") or instance.completed_on)
    ComplianceSnapshot.objects.forget(courses=courses, since=since)


@receiver(post_save, sender=StaffMember)
def forget_for_staff(sender, instance, **kwargs):
    """A person counts from their start date (before and after the change); their line manager counts
    as one (the line managers' course) whenever the link exists."""
    stored = getattr(instance, "_stored", None) or {}
    ComplianceSnapshot.objects.forget_staff(
        [instance.pk], instance.start_date, stored.get("start_date"),
        managers_changed=instance.line_manager_id != stored.get("line_manager_id"))


@receiver(post_delete, sender=StaffMember)
def forget_for_deleted_staff(sender, instance, **kwargs):
    ComplianceSnapshot.objects.forget_staff([instance.pk], instance.start_date,
                                            managers_changed=instance.line_manager_id is not None)


@receiver(post_save, sender=Course)
def forget_for_course(sender, instance, created, **kwargs):
    """Any change to a course (validity, audience, grace period, launch) can alter all its counts."""
    if not created:
        ComplianceSnapshot.objects.forget(courses=[instance.pk])


@receiver(post_save, sender=Unit)
def forget_for_unit(sender, instance, created, **kwargs):
    """The counts name each unit's directorate: a unit moved (or any change to one, rare) forgets them all."""
    if not created:
        ComplianceSnapshot.objects.forget()
