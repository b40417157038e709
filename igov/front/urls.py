from django.urls import path

from igov.front import views

app_name = "front"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("signed-in/", views.signed_in, name="signed_in"),
    # the glossary
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/add/", views.glossary_add, name="glossary_add"),
    path("glossary/<int:pk>/change/", views.glossary_change, name="glossary_change"),
    path("glossary/<int:pk>/delete/", views.glossary_delete, name="glossary_delete"),
]
