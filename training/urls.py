from django.urls import path

import igov.lib.urls  # noqa: F401 - registers the <name:...> converter
from training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("directorates/<name:directorate>/", views.directorate, name="directorate"),
    path("directorates/<name:directorate>/<name:service>/", views.service, name="service"),
    path("staff/", views.staff_search, name="staff_search"),
    path("staff/<int:pk>/", views.staff, name="staff"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/", views.import_history, name="import_history"),
    path("report/", views.report, name="report"),
]
