from django.urls import path

from kooperacja.cases.diagnosis import views

urlpatterns = [
    path("<int:case_id>/diagnoza/", views.overview, name="diagnosis"),
]
