from django.urls import path

from assets import views

app_name = "assets"
urlpatterns = [
    path("", views.index, name="index"),
    # the register
    path("register/", views.asset_list, name="asset_list"),
    path("register/export.csv", views.asset_export, {"fmt": "csv"}, name="asset_export_csv"),
    path("register/export.xlsx", views.asset_export, {"fmt": "xlsx"}, name="asset_export_xlsx"),
    path("mine/", views.my_assets, name="my_assets"),
    path("new/", views.asset_create, name="asset_create"),
    path("<int:pk>/", views.asset_detail, name="asset_detail"),
    path("<int:pk>/edit/", views.asset_edit, name="asset_edit"),
    path("<int:pk>/review/", views.asset_review, name="asset_review"),
    # data sharing agreements
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/export.csv", views.agreement_export, {"fmt": "csv"}, name="agreement_export_csv"),
    path("agreements/export.xlsx", views.agreement_export, {"fmt": "xlsx"}, name="agreement_export_xlsx"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    # partners
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/new/", views.partner_create, name="partner_create"),
    path("partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
]
