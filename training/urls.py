from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<slug:code>/", views.unit, name="unit"),
    path("staff/", views.staff_search, name="staff_search"),
    path("staff/<int:pk>/", views.staff, name="staff"),
    path("import/", views.import_upload, name="import"),
    path("import/<slug:kind>/<str:checksum>/", views.import_preview, name="import_preview"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/", views.import_history, name="import_history"),
    path("report/", views.report, name="report"),
]
