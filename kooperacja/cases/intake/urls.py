from django.urls import path

from kooperacja.cases.intake import views

urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:case_id>/", views.overview, name="detail"),
]
