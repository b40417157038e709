from django.urls import path

from igov.committee import views

app_name = "committee"
urlpatterns = [
    path("", views.index, name="index"),
    path("prepare/", views.prepare, name="prepare"),
]
