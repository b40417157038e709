from django.contrib import admin
from django.urls import include, path

from igov.front import views as front_views

admin.site.site_header = "Information governance administration"
admin.site.site_title = "Information governance"

urlpatterns = [
    path("", include("igov.front.urls")),
    path("healthz/", front_views.healthz, name="healthz"),
    path("accounts/", include("igov.accounts.urls")),
    path("people/", include("igov.accounts.people_urls")),
    path("actions/", include("actions.urls")),
    path("risks/", include("risks.urls")),
    path("assets/", include("assets.urls")),
    path("training/", include("training.urls")),
    path("units/", include("igov.org.urls")),
    path("imports/", include("igov.imports.urls")),
    path("committee/", include("igov.committee.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "igov.front.errors.forbidden"
handler404 = "igov.front.errors.not_found"
handler500 = "igov.front.errors.server_error"
