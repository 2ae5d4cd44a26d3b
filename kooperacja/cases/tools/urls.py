from django.urls import path

from kooperacja.cases.tools import views

urlpatterns = [
    path("<int:case_id>/narzedzia/", views.overview, name="tools"),
]
