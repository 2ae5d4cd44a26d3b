"""The municipality analysis under /analiza/: the analysis itself here, its parts in their own packages."""

from django.urls import include, path

from kooperacja.diagnosis import views

app_name = "diagnosis"

urlpatterns = [
    path("", views.analysis_list, name="list"),
    path("nowa/", views.analysis_create, name="create"),
    path("<int:analysis_id>/", views.analysis_detail, name="detail"),
    path("<int:analysis_id>/edycja/", views.analysis_edit, name="edit"),
    path("<int:analysis_id>/infrastruktura/", views.infrastructure, name="infrastructure"),
    path("<int:analysis_id>/problemy/", views.problem_map, name="problems"),
    path("<int:analysis_id>/zasoby/", views.resources, name="resources"),
    path("<int:analysis_id>/kompletnosc/", views.completeness, name="completeness"),
    path("<int:analysis_id>/raport.pdf", views.report_pdf, name="report"),
    path("", include("kooperacja.diagnosis.statistics.urls")),  # R-10 indicators, BDL
    path("", include("kooperacja.diagnosis.network.urls")),  # R-13 survey rounds, network measures
    path("", include("kooperacja.diagnosis.costs.urls")),  # R-15 unit costs, cost-of-inaction cards
]
