from django.urls import path

from risks import views

app_name = "risks"
urlpatterns = [
    # the whole register
    path("", views.index, name="index"),
    path("register/", views.risk_list, name="list"),
    path("register/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("register/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("add/", views.risk_add, name="add"),
    # one risk
    path("<int:pk>/", views.risk_detail, name="detail"),
    path("<int:pk>/edit/", views.risk_edit, name="edit"),
    path("<int:pk>/reviews/add/", views.review_add, name="review_add"),
]
