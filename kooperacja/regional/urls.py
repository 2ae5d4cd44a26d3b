"""The regional level under /region/: aggregates only (no case data), the tool base, support, recommendations,
evaluations and costs. The JSON API is mounted under /api/v1/regional/ in config/urls.py."""

from django.urls import include, path

app_name = "regional"

urlpatterns = [
    path("", include("kooperacja.regional.dashboard.urls")),  # R-40 dashboard, exports, animators
    path("", include("kooperacja.regional.library.urls")),  # R-41 tool base, support requests, recommendations
    path("", include("kooperacja.regional.evaluation.urls")),  # R-42 evaluation and continuation, R-43 costs
]
