from django.urls import path

from kooperacja.diagnosis.network import views

urlpatterns = [
    path("<int:analysis_id>/siec/", views.overview, name="network"),
]
