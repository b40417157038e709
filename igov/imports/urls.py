from django.urls import path

from igov.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_history, name="history"),
    path("<slug:kind>/", views.import_upload, name="upload"),
    path("<slug:kind>/template.xlsx", views.import_template, name="template"),
    path("<slug:kind>/<str:checksum>/", views.import_preview, name="preview"),
    path("<slug:kind>/<str:checksum>/confirm/", views.import_confirm, name="confirm"),
]
