from django.urls import path

from kooperacja.cases.group import views

urlpatterns = [
    path("<int:case_id>/grupa/", views.overview, name="group"),
]
