from django.urls import path

from igov.org import views

app_name = "org"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.unit, name="unit"),  # a code is letters, digits and hyphens
]
