"""The IG team's people pages: who holds what, and handing a leaver's records to successors."""
from django.urls import path

from igov.accounts import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/hand-over/", views.person_hand_over, name="hand_over"),
    path("<int:pk>/hand-over/confirm/", views.person_hand_over_confirm, name="hand_over_confirm"),
]
