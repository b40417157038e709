from django.urls import path

from igov.committee import views

app_name = "committee"
urlpatterns = [
    path("", views.index, name="index"),
    path("meetings/add/", views.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/resolutions/add/", views.resolution_add, name="resolution_add"),
    path("meetings/<int:pk>/report/", views.report_start, name="report_start"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("reports/<int:pk>/correct/", views.report_correct, name="report_correct"),
    path("reports/<int:pk>/report.pdf", views.report_pdf_view, name="report_pdf"),
    path("reports/<int:pk>/report.xlsx", views.report_xlsx_view, name="report_xlsx"),
]
