from django.urls import path

from kooperacja.cases.reports import views

urlpatterns = [
    path("<int:case_id>/sprawozdania/", views.overview, name="reports"),
]
