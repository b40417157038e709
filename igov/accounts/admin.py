"""Sign-in security in the admin: second-factor devices, which an administrator may only delete (for
a user who lost their phone), the read-only record of every device turned on or off, and
django-axes' failed sign-ins."""
from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib import admin
from django.db import transaction
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OtpTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from igov.accounts.models import TwoFactorEvent

admin.site.unregister(TOTPDevice)
admin.site.unregister(AccessAttempt)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(OtpTOTPDeviceAdmin):
    """Only the user sets up their device, with their password; the admin neither adds one for them nor
    changes one (its owner, whether it is confirmed). Each deletion is recorded."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        with transaction.atomic():
            if obj.confirmed:
                TwoFactorEvent.record(request, obj, TwoFactorEvent.Kind.REMOVED)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for device in queryset.filter(confirmed=True).select_related("user"):
                TwoFactorEvent.record(request, device, TwoFactorEvent.Kind.REMOVED)
            super().delete_queryset(request, queryset)


@admin.register(TwoFactorEvent)
class TwoFactorEventAdmin(admin.ModelAdmin):
    list_display = ["at", "kind", "username", "device", "by", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["username", "device", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    @admin.action(description="Clean up expired attempts")
    def cleanup_expired_attempts(self, request, queryset):
        # django-axes reads the time from attributes it sets on a sign-in request only.
        AxesProxyHandler.update_request(request)
        return super().cleanup_expired_attempts(request, queryset)
