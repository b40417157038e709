from django.urls import path

from igov.front import views

app_name = "front"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("glossary/", views.glossary, name="glossary"),
]
