from django.urls import path

from kooperacja.cases.plan import views

urlpatterns = [
    path("<int:case_id>/plan/", views.overview, name="plan"),
]
