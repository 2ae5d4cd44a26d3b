from django.urls import path

from kooperacja.diagnosis.statistics import views

urlpatterns = [
    path("<int:analysis_id>/statystyki/", views.overview, name="statistics"),
]
