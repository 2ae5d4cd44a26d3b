from django.urls import path

from kooperacja.diagnosis.costs import views

urlpatterns = [
    path("<int:analysis_id>/koszty/", views.overview, name="costs"),
]
