from django.urls import path

from kooperacja.cooperation.team import views

urlpatterns = [
    path("<int:cooperation_id>/zespol/", views.overview, name="team"),
]
