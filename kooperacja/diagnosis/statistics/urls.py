from django.urls import path

from kooperacja.diagnosis.statistics import views

urlpatterns = [
    path("<int:analysis_id>/statystyki/", views.overview, name="statistics"),
    path("<int:analysis_id>/statystyki/wartosc/", views.value_save, name="statistics_value"),
    path("<int:analysis_id>/statystyki/wskaznik/", views.indicator_add, name="statistics_indicator"),
    path("<int:analysis_id>/statystyki/gus-bdl/", views.fetch_from_bdl, name="statistics_fetch"),
]
