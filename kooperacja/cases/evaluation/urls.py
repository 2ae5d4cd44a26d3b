from django.urls import path

from kooperacja.cases.evaluation import views

urlpatterns = [
    path("<int:case_id>/ocena/", views.overview, name="evaluation"),
]
