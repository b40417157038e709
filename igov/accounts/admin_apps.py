from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """django.contrib.admin with igov's admin site (sign-in and second factor; see admin_site.py)."""

    default_site = "igov.accounts.admin_site.AdminSite"
