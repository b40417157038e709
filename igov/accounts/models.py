from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone


class TwoFactorEvent(models.Model):
    """A second factor turned on or off: who, when, which device, by whom, from which address.
    Written when it happens and never changed (read-only in the admin)."""

    class Kind(models.TextChoices):
        ENROLLED = "enrolled", "Turned on"
        REMOVED = "removed", "Turned off"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="two_factor_events", help_text="Whose second factor it is.")
    username = models.CharField(max_length=150, help_text="Kept when the user account is deleted.")
    device = models.CharField(max_length=255, help_text="The device's name and id, e.g. “Authenticator app "
                                                        "(otp_totp.totpdevice/12)”.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                           help_text="Who did it: the user, or an administrator who removed a lost device.")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "two-factor event"

    def __str__(self):
        return f"{self.get_kind_display()} for {self.username} on {timezone.localtime(self.at):%d %b %Y %H:%M}"

    @classmethod
    def record(cls, request: HttpRequest, device, kind: "TwoFactorEvent.Kind") -> "TwoFactorEvent":
        """Records that request's user turned device on or off (or, for an administrator, removed it).
        The address is the one sign-in lockout sees, reverse proxies counted (DJANGO_PROXY_COUNT)."""
        return cls.objects.create(
            kind=kind, user=device.user, username=device.user.get_username(),
            device=f"{device.name} ({device.persistent_id})", by=request.user,
            ip_address=get_client_ip_address(request) or None)
