from django.urls import path

from actions import views

app_name = "actions"
urlpatterns = [
    # plans
    path("", views.index, name="index"),
    path("plans/export.csv", views.plans_export, {"fmt": "csv"}, name="plans_export_csv"),
    path("plans/export.xlsx", views.plans_export, {"fmt": "xlsx"}, name="plans_export_xlsx"),
    path("plans/add/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/add-action/", views.action_create, name="create"),
    path("plans/<int:pk>/sign-off/", views.plan_sign_off, name="plan_sign_off"),
    # lists of actions
    path("list/", views.action_list, name="list"),
    path("list/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("list/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("list/bulk-status/", views.bulk_status, name="bulk_status"),
    path("list/bulk-status/confirm/", views.bulk_status_confirm, name="bulk_status_confirm"),
    path("list/bulk-sign-off/", views.bulk_sign_off, name="bulk_sign_off"),
    path("list/bulk-sign-off/confirm/", views.bulk_sign_off_confirm, name="bulk_sign_off_confirm"),
    path("mine/", views.my_actions, name="mine"),
    # one action
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/edit/", views.action_edit, name="edit"),
    path("<int:pk>/updates/add/", views.update_add, name="update_add"),
    path("<int:pk>/evidence/add/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
