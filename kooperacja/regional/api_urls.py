"""The regional JSON API, mounted at /api/v1/regional/ (see ``kooperacja.regional.api``)."""

from django.urls import path

from kooperacja.regional import api

app_name = "regional_api"

urlpatterns = [
    path("summary", api.summary, name="summary"),
]
